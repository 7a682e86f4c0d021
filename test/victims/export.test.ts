import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BluelampError } from '../../src/lib/errors.ts';
import {
  complianceExport,
  EXPORT_METRIC_IDS,
  exportCsv,
  type ExportRequest,
} from '../../src/victims/export.ts';
import type { AuditCase } from '../../src/victims/rule.ts';
import { runCli } from '../helpers/cli.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { audit } from './support.ts';

let next = 0;
const kase = (over: Partial<AuditCase> = {}): AuditCase => ({
  caseId: `VC-${++next}`,
  auditedAt: '2021-05-14',
  lpa: 'North',
  crimeType: null,
  acknowledgement: 'yes',
  updatesTimely: 'yes',
  vpsOffered: 'yes',
  needIdentified: 'yes',
  referredWithin2Days: 'yes',
  referral: 'within_2_days',
  informedCode: 'yes',
  informedEndOfJourney: 'yes',
  sex: 'female',
  ageBand: '25-34',
  ethnicity: 'white',
  ...over,
});

const request = (over: Partial<ExportRequest> = {}): ExportRequest => ({
  cases: [
    kase(),
    kase({ sex: 'male', vpsOffered: 'no' }),
    kase({ sex: 'male', referredWithin2Days: 'no', referral: 'late' }),
    kase({ sex: null, referredWithin2Days: 'no', referral: 'not_referred', informedCode: 'no' }),
  ],
  period: { label: '2021/22-Q1', start: '2021-04-01', end: '2021-07-01' },
  areas: null,
  force: 'Test Constabulary',
  policingBody: 'Test policing body',
  generatedAt: '2021-07-05T09:00:00.000Z',
  notAuditable: [5, 8, 10],
  metrics: null,
  ...over,
});

describe('the compliance export', () => {
  it('carries every metric by default, in the documented order', () => {
    const e = complianceExport(request());
    expect(e.format).toBe('bluelamp/victims-code-compliance');
    expect(e.version).toBe(1);
    expect([...new Set(e.metrics.map((m) => m.id))]).toEqual(EXPORT_METRIC_IDS);
    const one = (id: string) => e.metrics.find((m) => m.id === id)!;
    expect(one('cases_audited')).toMatchObject({ numerator: 4, denominator: null, value: null });
    expect(one('compliance')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(one('referral_late')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(one('referral_not_referred')).toMatchObject({ numerator: 1, denominator: 4 });
    // Told about the Code: 3 of 4, beside compliance.
    expect(one('informed_code')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(e.rule.besideCompliance.map((c) => c.id)).toEqual(['informed_code']);
    const bySex = e.metrics.filter((m) => m.id === 'compliance_by_sex');
    expect(bySex.map((m) => [m.group, m.numerator, m.denominator])).toEqual([
      ['male', 0, 2],
      ['female', 1, 1],
      [null, 0, 1],
    ]);
    expect(bySex[0]!.flags).toContain('small_group');
  });

  it('lists each right with its standing, the not-yet-auditable ones as such', () => {
    const e = complianceExport(request());
    const status = Object.fromEntries(e.rights.map((r) => [r.n, r.status]));
    expect(status).toEqual({
      1: 'not_covered',
      2: 'not_covered',
      3: 'audited',
      4: 'audited',
      5: 'not_yet_auditable',
      6: 'audited',
      7: 'audited',
      8: 'not_yet_auditable',
      9: 'audited',
      10: 'not_yet_auditable',
      11: 'not_covered',
      12: 'not_covered',
    });
  });

  it('carries only the metrics the setting names, in its order; an unknown one is refused by name', () => {
    const e = complianceExport(request({ metrics: ['referral_late', 'compliance'] }));
    expect(e.metrics.map((m) => m.id)).toEqual(['referral_late', 'compliance']);
    expect(() => complianceExport(request({ metrics: ['compliance', 'happiness'] }))).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('"happiness"'),
      }) as BluelampError,
    );
  });

  it('as CSV: about rows, each right, each metric', () => {
    const csv = exportCsv(
      complianceExport(request({ metrics: ['compliance', 'compliance_by_sex'] })),
    );
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'section,id,title,dimension,group,numerator,denominator,value,ci_lower,ci_upper,p_adjusted,finding,notes',
    );
    expect(lines).toContain('about,force,Test Constabulary,,,,,,,,,,');
    expect(lines).toContain(
      'right,right_10,To be paid expenses and have property returned,,,,,,,,,not_yet_auditable,',
    );
    expect(lines.find((l) => l.startsWith('metric,compliance,'))).toMatch(
      /^metric,compliance,Compliant cases,,,1,4,0\.25,0\.04\d+,0\.69\d+,,,$/,
    );
    expect(lines.filter((l) => l.startsWith('metric,compliance_by_sex,'))).toHaveLength(3);
    expect(lines).toContainEqual(
      expect.stringMatching(/^metric,compliance_by_sex,.*,sex,not_recorded,0,1,0,/),
    );
  });
});

describe('bluelamp victims-code export and bluelamp withdrawals', () => {
  const t = tempDir();
  const dataDir = join(t.dir, 'data');
  beforeAll(async () => {
    const load = async (
      table: Parameters<typeof writeTableCsv>[2],
      rows: Record<string, string>[],
    ) => {
      const f = writeTableCsv(t.dir, `${table}.csv`, table, rows);
      const r = await runCli(['--data-dir', dataDir, 'import', table, f]);
      expect(r.code, r.err).toBe(0);
    };
    await load('crimes', [
      crime('R1', { offence_subgroup: 'Rape' }),
      crime('B1', { offence_subgroup: 'Residential burglary' }),
    ]);
    await load('outcomes', [
      { crime_id: 'R1', outcome_type: '16', outcome_at: '2021-05-20T09:00:00' },
      { crime_id: 'B1', outcome_type: '16', outcome_at: '2021-05-21T09:00:00' },
    ]);
    await load('victim_withdrawals', [
      {
        withdrawal_id: 'W1',
        crime_id: 'R1',
        withdrew_at: '2021-05-01',
        stage: 'investigation',
        reason: 'fear_of_reprisal',
      },
    ]);
    await load('victims_code_audits', [
      audit('A1', { crime_id: 'R1' }),
      audit('A2', { referred_within_2_days: 'no', referral: 'late' }),
    ]);
    // The settings a force keeps (moved into the records store when it next opens).
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        forceName: 'Test Constabulary',
        victimsCodeNotAuditable: [10],
        victimsCodeExportMetrics: ['cases_audited', 'compliance', 'referral_late'],
      }),
    );
  });
  afterAll(() => t.cleanup());

  it('exports JSON in the documented shape, with the settings’ metrics and rights', async () => {
    const r = await runCli([
      '--data-dir',
      dataDir,
      'victims-code',
      'export',
      '--period',
      '2021/22-Q1',
    ]);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as ReturnType<typeof complianceExport>;
    expect(e.force).toBe('Test Constabulary');
    expect(e.period).toEqual({ label: '2021/22-Q1', start: '2021-04-01', end: '2021-07-01' });
    expect(e.generatedAt).toBe('2021-07-05T09:00:00.000Z');
    expect(e.metrics.map((m) => [m.id, m.numerator, m.denominator])).toEqual([
      ['cases_audited', 2, null],
      ['compliance', 1, 2],
      ['referral_late', 1, 2],
    ]);
    expect(e.rights.find((x) => x.n === 10)?.status).toBe('not_yet_auditable');
  });

  it('exports CSV, and refuses a bad period or format before opening anything', async () => {
    const csv = await runCli([
      '--data-dir',
      dataDir,
      'victims-code',
      'export',
      '--period',
      '2021/22-Q1',
      '--format',
      'csv',
    ]);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.split('\n')).toContain(
      'metric,referral_late,"Need identified: referred, but after 2 days",,,1,2,0.5,0.094531,0.905469,,,',
    );
    const bad = await runCli(['--data-dir', dataDir, 'victims-code', 'export', '--period', 'soon']);
    expect(bad.code).toBe(2);
    const fmt = await runCli([
      '--data-dir',
      dataDir,
      'victims-code',
      'export',
      '--period',
      '2021/22-Q1',
      '--format',
      'xml',
    ]);
    expect(fmt.code).toBe(2);
    expect(fmt.err).toContain('--format must be one of csv, json');
  });

  it('prints withdrawals by stage and reason beside outcome 16', async () => {
    const table = await runCli(['--data-dir', dataDir, 'withdrawals', '--period', '2021/22-Q1']);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain('By stage');
    expect(table.out).toMatch(
      /Outcome 16 with a withdrawal recorded\s+100% \(1 of 1\)\s+50% \(1 of 2\)/,
    );
    const csv = await runCli([
      '--data-dir',
      dataDir,
      'withdrawals',
      '--period',
      '2021/22-Q1',
      '--format',
      'csv',
    ]);
    expect(csv.out).toContain('stage,vawg,,investigation,,withdrawals,1,1,1');
    const json = JSON.parse(
      (
        await runCli([
          '--data-dir',
          dataDir,
          'withdrawals',
          '--period',
          '2021/22-Q1',
          '--format',
          'json',
        ])
      ).out,
    ) as { attrition: { groups: { group: string; withdrawals: number }[] } };
    expect(json.attrition.groups.map((g) => [g.group, g.withdrawals])).toEqual([
      ['vawg', 1],
      ['all', 1],
    ]);
  });
});
