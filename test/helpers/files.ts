import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES, type ProjectTableName } from '../../src/facts/tables.ts';

export function tempDir(prefix = 'bluelamp-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes rows (objects keyed by column) as a project-format CSV with the table's header. */
export function writeTableCsv(
  dir: string,
  name: string,
  table: ProjectTableName,
  rows: readonly Record<string, string>[],
  opts: { eol?: string; header?: readonly string[] } = {},
): string {
  const header = opts.header ?? TABLES[table].columns.map((c) => c.name);
  const eol = opts.eol ?? '\n';
  const lines = [
    header.join(','),
    ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(',')),
  ];
  const path = join(dir, name);
  writeFileSync(path, lines.join(eol) + eol);
  return path;
}

export function crime(id: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    crime_id: id,
    recorded_at: '2021-04-10T10:00:00',
    offence_code: '8N',
    offence_description: 'Assault without injury',
    offence_subgroup: 'Violence without injury',
    lpa: 'North',
    neighbourhood: 'North 01',
    victim_based: 'true',
    domestic_abuse: 'false',
    hate: 'false',
    cse: 'false',
    vulnerable_adult: 'false',
    child_at_risk: 'false',
    cyber_enabled: 'false',
    alcohol_related: 'false',
    non_recent: 'false',
    course_of_conduct: 'false',
    crimed_incident: 'false',
    ...over,
  };
}

export function person(id: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    person_id: id,
    sex: 'female',
    age_band: '25-34',
    date_of_birth: '1990-01-02',
    ethnicity: 'white',
    disability: 'no',
    ...over,
  };
}
