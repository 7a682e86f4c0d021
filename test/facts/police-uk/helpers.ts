import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FactsStore } from '../../../src/facts/store.ts';
import { BluelampError, type ValidationIssue } from '../../../src/lib/errors.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

export const STREET_HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-puk-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The BluelampError a promise rejects with (failing the test when it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<BluelampError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BluelampError);
    return e as BluelampError;
  }
  throw new Error('expected the import to fail');
}

export async function issuesOf(p: Promise<unknown>): Promise<ValidationIssue[]> {
  const e = await errorOf(p);
  expect(e.code).toBe('VALIDATION_FAILED');
  expect(e.exitCode).toBe(2);
  return [...e.issues];
}

export async function count(store: FactsStore, table: string): Promise<number> {
  const [r] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r?.n);
}

export async function nothingWritten(store: FactsStore): Promise<void> {
  expect(await count(store, 'police_uk_street')).toBe(0);
  expect(await count(store, 'police_uk_outcomes')).toBe(0);
  expect(await count(store, "_batches WHERE table_name LIKE 'police_uk%'")).toBe(0);
}
