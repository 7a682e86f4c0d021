/**
 * Accuracy of the redaction on the labelled set (test/voice/redaction-set.jsonl, read with the
 * staff list test/voice/redaction-staff.csv): the targets of issue 10, asserted. Not a timing
 * test. `npm run bench:redaction` prints the same figures with every mistake listed.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readSet, readStaffCsv, score } from '../../bench/redaction/score.ts';
import { REDACTION_KINDS } from '../../src/voice/redact.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const set = readSet(here('./redaction-set.jsonl'));
const staff = readStaffCsv(here('./redaction-staff.csv'));
const result = score(set, staff);
const kind = (k: string) => result.byKind.find((b) => b.kind === k);

describe('the labelled set', () => {
  it('has at least 300 comments, every kind in several forms, and comments with nothing to find', () => {
    expect(set.length).toBeGreaterThanOrEqual(300);
    for (const k of REDACTION_KINDS) expect(kind(k)?.gold, k).toBeGreaterThanOrEqual(15);
    const clean = set.filter((c) => c.spans.length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(100);
    expect(set.filter((c) => c.group === 'tricky').length).toBeGreaterThanOrEqual(40);
    expect(new Set(set.map((c) => c.id)).size).toBe(set.length);
  });
});

describe('redaction accuracy', () => {
  it('recalls staff names, phones and emails at 0.98 or better, everything at 0.95 or better', () => {
    expect(kind('officer')?.recall).toBeGreaterThanOrEqual(0.98);
    expect(kind('phone')?.recall).toBeGreaterThanOrEqual(0.98);
    expect(kind('email')?.recall).toBeGreaterThanOrEqual(0.98);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('is precise: at least 0.95 overall, and nothing found in the plain comments', () => {
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.95);
    const plain = set.filter((c) => c.group === 'clean');
    expect(score(plain, staff).overall.found).toBe(0);
  });

  it('leaves at most 1% of identifiers visible in any part', () => {
    expect(result.overall.leaked / result.overall.gold).toBeLessThanOrEqual(0.01);
  });

  it('needs the gazetteer for staff named without a rank', () => {
    const without = score(set).byKind.find((b) => b.kind === 'officer');
    expect(without?.recall).toBeLessThan(kind('officer')?.recall ?? 0);
  });
});
