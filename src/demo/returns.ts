/**
 * Manual returns for measures not computable from records: workforce (per quarter, force
 * level), organised crime group disruptions and rape files overdue with the CPS. Values
 * are fractions for percentages; 2021/22 Q1 carries the published workforce figures.
 */
import { WORKFORCE } from './calibration.ts';
import { formatTs, MONTHS, quarterLabel, secOf } from './calendar.ts';
import type { Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';

const Q1_2018 = 0;
const Q1_2021 = 12;

/** Linear from 2018/19 Q1 to 2021/22 Q1, continuing at half the slope after. */
function trend(a: { q1_2021: number; q1_2018: number }, q: number): number {
  const slope = (a.q1_2021 - a.q1_2018) / (Q1_2021 - Q1_2018);
  if (q <= Q1_2021) return a.q1_2018 + slope * (q - Q1_2018);
  return a.q1_2021 + 0.5 * slope * (q - Q1_2021);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

const HR = {
  source: 'Synthetic HR system, workforce return (demo data)',
  by: 'Head of HR (synthetic)',
};
const SOC = {
  source: 'Synthetic organised crime disruption tracker (demo data)',
  by: 'Head of Serious and Organised Crime (synthetic)',
};
const CPS = {
  source: 'Synthetic CPS file tracker (demo data)',
  by: 'Detective Superintendent, Public Protection (synthetic)',
};

type Row = [string, string, null, string, number | null, number | null, string, string, string];

export function writeReturns(rng: Rng, monthsRun: number, out: CsvTableWriter): number {
  const lastQuarter = MONTHS[monthsRun - 1]!.quarterIndex;
  let n = 0;
  for (let q = 0; q <= lastQuarter; q++) {
    const period = quarterLabel(q);
    const fyStart = 2018 + Math.floor(q / 4);
    // Submitted in the month after the quarter ends: July, October, January, April.
    const subMonth = [7, 10, 1, 4][q % 4] as number;
    const subYear = q % 4 >= 2 ? fyStart + 1 : fyStart;
    const submitted = formatTs(secOf(subYear, subMonth, 8 + rng.int(8), 12, rng.int(60)));
    const rows: Row[] = [];
    const officers = Math.round(trend(WORKFORCE.officers, q));
    const staff = Math.round(trend(WORKFORCE.staff, q));
    const pcsos = Math.round(trend(WORKFORCE.pcsos, q));
    const frac = (key: keyof typeof WORKFORCE, den: number) => {
      const exact = q === Q1_2021 ? (WORKFORCE[key] as { q1_2021: number }).q1_2021 : undefined;
      const v =
        exact ??
        trend(WORKFORCE[key] as { q1_2021: number; q1_2018: number }, q) +
          (rng.next() - 0.5) * 0.004;
      const num = Math.round(v * den);
      rows.push([
        key,
        period,
        null,
        String(exact ?? round3(num / den)),
        num,
        den,
        HR.source,
        HR.by,
        submitted,
      ]);
    };
    frac('female_officers_pct', officers);
    frac('ethnic_minority_officers_pct', officers);
    frac('attrition_officers', officers);
    frac('attrition_staff', staff);
    frac('attrition_pcso', pcsos);
    frac('officers_under_2_years', officers);
    const major = 4 + rng.int(6);
    const moderate = 10 + rng.int(10);
    const minor = 14 + rng.int(14);
    const total = major + moderate + minor;
    // Once also drawn: a positive-outcome share for a return no measure takes (the importer
    // refuses returns for measure ids outside the catalogue); drawn still, so every later
    // value of the seeded stream stays the same.
    rng.next();
    rows.push([
      'soc_disruptions',
      period,
      null,
      String(total),
      null,
      null,
      SOC.source,
      SOC.by,
      submitted,
    ]);
    rows.push([
      'rape_cps_overdue',
      period,
      null,
      String(q === Q1_2021 ? 7 : 2 + rng.int(12)),
      null,
      null,
      CPS.source,
      CPS.by,
      submitted,
    ]);
    for (const r of rows) {
      out.row(r);
      n++;
    }
  }
  return n;
}
