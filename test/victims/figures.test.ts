import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import type { ProjectTableName } from '../../src/facts/tables.ts';
import { complianceFigures, withdrawalFigures } from '../../src/victims/figures.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { audit } from './support.ts';

// Hand-built facts through the importer, and the figures the pages and commands read from them.

let store: FactsStore;
const t = tempDir();
const load = async (table: ProjectTableName, rows: Record<string, string>[]) =>
  importTable(store, table, [writeTableCsv(t.dir, `${table}.csv`, table, rows)]);

const Q1 = '2021/22-Q1';

beforeAll(async () => {
  store = await openFactsStore(':memory:');
  const c = (id: string, subgroup: string, lpa: string, over: Record<string, string> = {}) =>
    crime(id, { offence_subgroup: subgroup, lpa, neighbourhood: '', ...over });
  await load('crimes', [
    c('R1', 'Rape', 'North', { offence_code: '19C' }),
    c('R2', 'Violence without injury', 'North', { domestic_abuse: 'true' }),
    c('R3', 'Stalking and harassment', 'South'),
    c('B1', 'Residential burglary', 'South', { domestic_abuse: 'false' }),
    c('B2', 'Violence without injury', 'North'),
    c('B3', 'Shoplifting', 'South'),
  ]);
  const o = (crime_id: string, outcome_type: string, outcome_at: string) => ({
    crime_id,
    outcome_type,
    outcome_at: `${outcome_at}T09:00:00`,
  });
  await load('outcomes', [
    o('R1', '16', '2021-05-20'),
    o('R2', '16', '2021-06-10'),
    o('R3', '16', '2021-08-01'),
    o('B1', '16', '2021-04-15'),
    o('B2', '1', '2021-05-01'),
    o('B3', '16', '2021-05-05'),
  ]);
  const w = (id: string, crime_id: string, withdrew_at: string, stage: string, reason: string) => ({
    withdrawal_id: id,
    crime_id,
    withdrew_at,
    stage,
    reason,
  });
  await load('victim_withdrawals', [
    w('W1', 'R1', '2021-05-01', 'investigation', 'fear_of_reprisal'),
    w('W2', 'R2', '2021-04-20', 'report', 'relationship_with_suspect'),
    w('W3', 'R3', '2021-06-01', 'pre_charge', 'process_too_long'),
    w('W4', 'B1', '2021-04-10', 'investigation', 'not_recorded'),
    w('W5', 'B2', '2021-04-25', 'post_charge', 'wants_to_move_on'),
    // Before the period: not one of its withdrawals, though R1's outcome 16 is explained anyway.
    w('W6', 'R1', '2021-03-20', 'report', 'fear_of_reprisal'),
  ]);
  await load('victims_code_audits', [
    audit('A1', { crime_id: 'B1', victim_age_band: '', victim_date_of_birth: '2003-05-15' }),
    audit('A2', { crime_id: 'R2', referred_within_2_days: 'no', referral: 'late' }),
    audit('A3', {
      audited_at: '2021-06-01',
      victim_age_band: '',
      victim_date_of_birth: '1956-04-01',
      vps_offered: 'no',
    }),
    audit('A4', { audited_at: '2021-07-01' }),
    audit('A5', { lpa: 'South', crime_id: 'R3' }),
  ]);
});
afterAll(() => {
  store.close();
  t.cleanup();
});

describe('compliance figures from the facts', () => {
  it('reads the cases of the period with the crime type and the age band at the audit date', async () => {
    const f = await complianceFigures(store, { period: Q1, lpas: null });
    expect(f.period.start).toBe('2021-04-01');
    expect(f.cases.map((c) => [c.caseId, c.crimeType, c.ageBand])).toEqual([
      ['A1', 'burglary', '0-17'], // born 15 May 2003: 17 on 14 May 2021, the day before the 18th birthday
      ['A2', 'domestic_abuse', '25-34'], // violence flagged domestic abuse is domestic abuse first
      ['A5', 'violence', '25-34'], // stalking and harassment: violence against the person
      ['A3', null, '65+'], // no crime linked; 65 on 1 June 2021
    ]);
    expect([f.summary.compliance.x, f.summary.compliance.n]).toEqual([2, 4]);
    expect(f.summary.referral.counts.late).toBe(1);
  });

  it('never hands on a date of birth', async () => {
    const f = await complianceFigures(store, { period: Q1, lpas: null });
    expect(JSON.stringify(f)).not.toMatch(/1956|2003-05-15|date_of_birth/);
  });

  it('keeps a scoped user to their areas, in the breakdowns too', async () => {
    const f = await complianceFigures(store, { period: Q1, lpas: ['South'] });
    expect(f.cases.map((c) => c.caseId)).toEqual(['A5']);
    const byLpa = f.breakdowns.find((b) => b.metric === 'compliance' && b.dimension === 'lpa')!;
    expect(byLpa.groups.map((g) => g.value)).toEqual(['South']);
  });
});

describe("victims' withdrawals beside outcome 16, worked by hand", () => {
  it('VAWG: 3 withdrawals (report, investigation, before charge), each reason recorded; both outcome-16 crimes explained', async () => {
    const { attrition } = await withdrawalFigures(store, { period: Q1, lpas: null });
    const vawg = attrition.groups.find((g) => g.group === 'vawg')!;
    expect(vawg.withdrawals).toBe(3);
    expect(vawg.byStage.report).toEqual({ count: 1, share: 1 / 3 });
    expect(vawg.byStage.investigation.count).toBe(1);
    expect(vawg.byStage.pre_charge.count).toBe(1);
    expect(vawg.byStage.post_charge).toEqual({ count: 0, share: 0 });
    expect(vawg.byReason.fear_of_reprisal.count).toBe(1);
    expect(vawg.byReason.not_recorded.count).toBe(0);
    expect([vawg.reasonRecorded.x, vawg.reasonRecorded.n]).toEqual([3, 3]);
    expect([vawg.endedInOutcome16.x, vawg.endedInOutcome16.n]).toEqual([3, 3]);
    // Outcomes of the period in VAWG: R1 and R2, both outcome 16, both with a withdrawal recorded.
    expect([vawg.outcome16.x, vawg.outcome16.n]).toEqual([2, 2]);
    expect([vawg.outcome16Recorded.x, vawg.outcome16Recorded.n]).toEqual([2, 2]);
  });

  it('all crime: 5 withdrawals, 4 with a reason; 4 of 5 outcomes were outcome 16, 3 of them explained', async () => {
    const { attrition } = await withdrawalFigures(store, { period: Q1, lpas: null });
    const all = attrition.groups.find((g) => g.group === 'all')!;
    expect(all.withdrawals).toBe(5);
    expect(Object.fromEntries(Object.entries(all.byStage).map(([k, v]) => [k, v.count]))).toEqual({
      report: 1,
      investigation: 2,
      pre_charge: 1,
      post_charge: 1,
    });
    expect(all.byReason.not_recorded).toEqual({ count: 1, share: 0.2 });
    expect(all.byReason.wants_to_move_on.count).toBe(1);
    expect(all.stageReason.investigation.fear_of_reprisal).toBe(1);
    expect(all.stageReason.investigation.not_recorded).toBe(1);
    expect([all.reasonRecorded.x, all.reasonRecorded.n]).toEqual([4, 5]);
    // W5's crime was charged (outcome 1): the victim withdrew, the case went on.
    expect([all.endedInOutcome16.x, all.endedInOutcome16.n]).toEqual([4, 5]);
    expect([all.outcome16.x, all.outcome16.n]).toEqual([4, 5]);
    // B3's outcome 16 has no withdrawal recorded.
    expect([all.outcome16Recorded.x, all.outcome16Recorded.n]).toEqual([3, 4]);
  });

  it('by area', async () => {
    const { attrition } = await withdrawalFigures(store, { period: Q1, lpas: null });
    expect(
      attrition.areas.map((a) => ({
        lpa: a.lpa,
        w: a.withdrawals,
        stages: a.byStage,
        oc16: a.outcome16,
        recorded: [a.outcome16Recorded.x, a.outcome16Recorded.n],
      })),
    ).toEqual([
      {
        lpa: 'North',
        w: { vawg: 2, all: 3 },
        stages: { report: 1, investigation: 1, pre_charge: 0, post_charge: 1 },
        oc16: { vawg: 2, all: 2 },
        recorded: [2, 2],
      },
      {
        lpa: 'South',
        w: { vawg: 1, all: 2 },
        stages: { report: 0, investigation: 1, pre_charge: 1, post_charge: 0 },
        oc16: { vawg: 0, all: 2 },
        recorded: [1, 2],
      },
    ]);
  });

  it('a scoped user sees their areas only', async () => {
    const { attrition } = await withdrawalFigures(store, { period: Q1, lpas: ['South'] });
    expect(attrition.areas.map((a) => a.lpa)).toEqual(['South']);
    expect(attrition.groups.find((g) => g.group === 'all')!.withdrawals).toBe(2);
  });
});
