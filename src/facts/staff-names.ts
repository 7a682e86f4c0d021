import type { FactsStore } from './store.ts';

/**
 * The force's staff names (`staff_names`), for the redaction's gazetteer (src/voice/staff.ts).
 * A store written before the table existed (opened read-only, so never upgraded) has none.
 */
export interface StaffNameRow {
  readonly givenName: string;
  readonly familyName: string;
  readonly rank: string | null;
  readonly collar: string | null;
}

export async function staffNames(store: FactsStore): Promise<StaffNameRow[]> {
  const [exists] = await store.all<{ n: bigint }>(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'staff_names'",
  );
  if (Number(exists?.n ?? 0) === 0) return [];
  const rows = await store.all<{
    given_name: string;
    family_name: string;
    rank: string | null;
    collar: string | null;
  }>('SELECT given_name, family_name, rank, collar FROM staff_names');
  return rows.map((r) => ({
    givenName: r.given_name,
    familyName: r.family_name,
    rank: r.rank,
    collar: r.collar,
  }));
}
