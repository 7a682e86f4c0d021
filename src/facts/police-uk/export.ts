import { POLICE_UK_HEADERS, POLICE_UK_OUTCOMES, POLICE_UK_STREET } from '../extra-tables.ts';
import { ident } from '../sql.ts';
import type { FactsStore } from '../store.ts';
import type { TableSpec } from '../tables.ts';

/**
 * `bluelamp export police_uk_street|police_uk_outcomes`: the loaded rows in the published
 * data.police.uk layout (the published header and columns, without the `row_ref` the importer
 * adds), in published order (file, then line), so the file can be read by anything that reads
 * data.police.uk files, `bluelamp import police-uk` included (into a store without those rows:
 * under another file name they would be other published rows). Coordinates are written as
 * numbers (`-2.715` for a published `-2.715000`).
 */

export const POLICE_UK_EXPORT_TABLES = ['police_uk_street', 'police_uk_outcomes'] as const;
export type PoliceUkExportTable = (typeof POLICE_UK_EXPORT_TABLES)[number];

export const isPoliceUkExportTable = (t: string): t is PoliceUkExportTable =>
  (POLICE_UK_EXPORT_TABLES as readonly string[]).includes(t);

const SPECS: Record<PoliceUkExportTable, { spec: TableSpec; header: readonly string[] }> = {
  police_uk_street: { spec: POLICE_UK_STREET, header: POLICE_UK_HEADERS.street },
  police_uk_outcomes: { spec: POLICE_UK_OUTCOMES, header: POLICE_UK_HEADERS.outcomes },
};

/** A published header label as a quoted SQL identifier (our own constants only). */
const label = (h: string) => {
  if (!/^[A-Za-z ]+$/.test(h)) throw new Error(`unexpected header label ${h}`);
  return `"${h}"`;
};

export function policeUkExportSql(table: PoliceUkExportTable, format: 'csv' | 'parquet'): string {
  const { spec, header } = SPECS[table];
  const published = spec.columns.filter((c) => c.name !== 'row_ref');
  const cols = published.map((c, i) => `${ident(c.name)} AS ${label(header[i] as string)}`);
  const options = format === 'csv' ? "FORMAT csv, HEADER true, QUOTE '\"'" : 'FORMAT parquet';
  return `COPY (SELECT ${cols.join(', ')} FROM ${ident(table)}
    ORDER BY regexp_extract(row_ref, '^(.*):[0-9]+$', 1), TRY_CAST(regexp_extract(row_ref, ':([0-9]+)$', 1) AS BIGINT), crime_id, month)
    TO $out (${options})`;
}

export async function exportPoliceUk(
  store: FactsStore,
  table: PoliceUkExportTable,
  format: 'csv' | 'parquet',
  out: string,
): Promise<number> {
  const [count] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${ident(table)}`);
  await store.run(policeUkExportSql(table, format), { out });
  return Number(count?.n ?? 0);
}
