import {
  AGE_BANDS,
  highHarmNominalsQuery,
  openInvestigationsProfileQuery,
  openInvestigationsQuery,
  repeatVictimsQuery,
  unresourcedIncidentsQuery,
} from '../compile.ts';
import type { Measure } from '../definition.ts';
import type { MeasureResult } from '../result.ts';
import { type Context, num, run, specialCells } from './context.ts';
import { namedRead, openInvestigationsRead, profileRead } from './aggregates.ts';
import { addMonths } from '../period.ts';
import { uncovered } from './base.ts';
import { fromCells } from './series.ts';
import { nationalMeasures, outcomesTable, surveyInterviews, vawg } from './tables.ts';

/** Named computations: each compiled by name, most filed as cells and read like any other. */
export const SPECIAL_SOURCES: Record<string, readonly string[]> = {
  repeat_victims_all: ['crime_victims', 'crimes'],
  repeat_victims_da: ['crime_victims', 'crimes'],
  high_harm_nominals: ['crime_victims', 'crime_suspects', 'crimes'],
  open_investigations: ['crimes', 'outcomes'],
  unresourced_incidents: ['incidents'],
  outcomes_table_all: ['outcomes', 'crimes'],
  outcomes_table_da: ['outcomes', 'crimes'],
  national_measures: ['crimes', 'survey_responses'],
  crime_table: ['crimes', 'outcomes'],
  vawg_oc16: ['crimes', 'outcomes'],
  survey_interviews: ['survey_responses'],
};

export async function special(ctx: Context, m: Measure, name: string): Promise<MeasureResult> {
  const tables = SPECIAL_SOURCES[name] ?? [];
  const none = uncovered(ctx, m, tables);
  if (none) return none;
  switch (name) {
    case 'repeat_victims_all':
    case 'repeat_victims_da': {
      // One query serves both: all crime and domestic abuse share the same sort of victims.
      await specialCells(
        ctx,
        'repeat_victims',
        repeatVictimsQuery(ctx.from, ctx.to),
        ['num', 'den', 'num_da', 'den_da'],
        namedRead(ctx, 'repeat_victims'),
      );
      const da = name.endsWith('_da');
      const [n, d] = da ? ['num_da', 'den_da'] : ['num', 'den'];
      return fromCells(
        ctx,
        m,
        {
          num: `repeat_victims:${n}`,
          den: `repeat_victims:${d}`,
          forceNum: `repeat_victims:${n}@force`,
          forceDen: `repeat_victims:${d}@force`,
          sources: [],
        },
        tables,
      );
    }
    case 'unresourced_incidents':
      await specialCells(
        ctx,
        name,
        unresourcedIncidentsQuery(ctx.from, ctx.to),
        undefined,
        namedRead(ctx, name),
      );
      return fromCells(
        ctx,
        m,
        { num: `${name}:num`, den: null, sources: [], perDay: true },
        tables,
      );
    case 'open_investigations': {
      await specialCells(
        ctx,
        name,
        openInvestigationsQuery(ctx.from, ctx.to),
        undefined,
        openInvestigationsRead(ctx),
      );
      const r = await fromCells(ctx, m, { num: `${name}:num`, den: null, sources: [] }, tables);
      const at = `${ctx.period.end}T00:00:00`;
      // The profile at the period's end: the aggregate's row for the month that starts there.
      const atMonth = {
        from: ctx.period.end,
        to: `${addMonths(ctx.period.end.slice(0, 7), 1)}-01`,
      };
      const profile = await run(
        ctx,
        profileRead(ctx, atMonth) ?? openInvestigationsProfileQuery(at, ctx.lpa),
      );
      const total = profile.reduce((s, x) => s + num(x.n), 0);
      const violence = profile.reduce((s, x) => s + num(x.violence), 0);
      const table = AGE_BANDS.map((label, i) => {
        const n = num(profile.find((x) => num(x.band) === i + 1)?.n);
        return { age_band: label, crimes: n, share: total > 0 ? n / total : null };
      });
      return {
        ...r,
        table: {
          kind: 'age_profile',
          rows: [
            ...table,
            { age_band: 'All open investigations', crimes: total, share: total > 0 ? 1 : null },
            {
              age_band: 'of which violence or stalking and harassment',
              crimes: violence,
              share: total > 0 ? violence / total : null,
            },
          ],
        },
      };
    }
    case 'high_harm_nominals': {
      const rows = await specialCells(
        ctx,
        name,
        highHarmNominalsQuery(ctx.from, ctx.to),
        undefined,
        namedRead(ctx, name),
      );
      const r = await fromCells(ctx, m, { num: `${name}:num`, den: null, sources: [] }, tables);
      const last = ctx.period.months.at(-1);
      const row = rows.find((x) => x.month === last);
      const n = num(row?.num);
      const share = (k: string) => (n > 0 ? num(row?.[k]) / n : null);
      const table = [
        ['Victim only', 'victim_only'],
        ['Suspect only', 'suspect_only'],
        ['Both victim and suspect', 'both_roles'],
        ['3–4 offences', 'band_3_4'],
        ['5–9 offences', 'band_5_9'],
        ['10–19 offences', 'band_10_19'],
        ['20 or more offences', 'band_20_plus'],
        ['Linked to domestic abuse', 'linked_to_da'],
      ].map(([label, k]) => ({
        group: label as string,
        people: num(row?.[k as string]),
        share: share(k as string),
      }));
      return { ...r, table: { kind: 'high_harm_nominals', rows: table } };
    }
    case 'outcomes_table_all':
    case 'outcomes_table_da':
      return outcomesTable(ctx, m, name.endsWith('_da'), tables);
    case 'national_measures':
      return nationalMeasures(ctx, m, tables);
    case 'vawg_oc16':
      return vawg(ctx, m, tables);
    case 'survey_interviews':
      return surveyInterviews(ctx, m, tables);
    default:
      throw new Error(`unknown special measure ${name}`);
  }
}
