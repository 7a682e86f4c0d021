/**
 * Scores the redaction against a labelled set: one JSON object a line, `{ id, group, text,
 * spans: [{ kind, start, end, text }] }`, the gold spans being every identifier a reader must
 * not see. Used by `npm run bench:redaction` and by test/voice/redaction-accuracy.test.ts.
 *
 * Matching, per kind:
 * - a gold span is found (tp) when found spans of the same kind cover every character of it,
 *   and missed (fn) otherwise: a partly hidden phone number is a miss;
 * - a found span is wrong (fp) when it overlaps no gold span of its kind;
 * - a gold span is leaked when some of its characters are left in the output under any tag
 *   (an officer tagged `[name]` is a miss of its kind but no leak).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REDACTION_KINDS, redact, type RedactionKind, type Span } from '../../src/voice/redact.ts';
import { staffGazetteer, type StaffGazetteer } from '../../src/voice/staff.ts';

const KIND = z.enum(REDACTION_KINDS);
const ITEM = z.object({
  id: z.string(),
  group: z.string(),
  text: z.string(),
  spans: z.array(
    z.object({ kind: KIND, start: z.number().int(), end: z.number().int(), text: z.string() }),
  ),
});
export type LabelledComment = z.infer<typeof ITEM>;

/** Reads and checks a set: every span's offsets must give its text, no two may overlap. */
export function readSet(path: string): LabelledComment[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const item = ITEM.parse(JSON.parse(line));
    const sorted = [...item.spans].sort((a, b) => a.start - b.start);
    sorted.forEach((s, k) => {
      if (item.text.slice(s.start, s.end) !== s.text)
        throw new Error(`line ${i + 1} (${item.id}): span ${s.start}-${s.end} is not "${s.text}"`);
      const prev = sorted[k - 1];
      if (prev && prev.end > s.start) throw new Error(`line ${i + 1} (${item.id}): spans overlap`);
    });
    return item;
  });
}

/** The staff gazetteer from a CSV in the import format of `staff_names` (no quoted fields). */
export function readStaffCsv(path: string): StaffGazetteer {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = (header ?? '').split(',');
  const at = (name: string) => cols.indexOf(name);
  return staffGazetteer(
    rows.map((r) => {
      const v = r.split(',');
      return {
        givenName: v[at('given_name')] ?? '',
        familyName: v[at('family_name')] ?? '',
        rank: v[at('rank')] || null,
        collar: v[at('collar')] || null,
      };
    }),
  );
}

export interface KindScore {
  readonly kind: RedactionKind;
  readonly gold: number;
  readonly found: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly leaked: number;
  /** Found spans that are right (null when nothing was found). */
  readonly precision: number | null;
  /** Gold spans found (null when the set has none). */
  readonly recall: number | null;
}

export interface Mistake {
  readonly id: string;
  readonly kind: RedactionKind;
  /** The text of the span, from the labelled (fictional) set. */
  readonly span: string;
  readonly text: string;
}

export interface Score {
  readonly comments: number;
  readonly byKind: readonly KindScore[];
  readonly overall: Omit<KindScore, 'kind'>;
  readonly falsePositives: readonly Mistake[];
  readonly falseNegatives: readonly Mistake[];
}

const covered = (g: { start: number; end: number }, spans: readonly Span[]) => {
  for (let c = g.start; c < g.end; c++)
    if (!spans.some((s) => s.start <= c && c < s.end)) return false;
  return true;
};
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function score(set: readonly LabelledComment[], staff?: StaffGazetteer): Score {
  const counts = new Map<
    RedactionKind,
    { gold: number; found: number; tp: number; fp: number; leaked: number }
  >(REDACTION_KINDS.map((k) => [k, { gold: 0, found: 0, tp: 0, fp: 0, leaked: 0 }]));
  const falsePositives: Mistake[] = [];
  const falseNegatives: Mistake[] = [];
  for (const item of set) {
    const found = redact(item.text, staff ? { staff } : {}).spans;
    for (const g of item.spans) {
      const c = counts.get(g.kind)!;
      c.gold++;
      if (
        covered(
          g,
          found.filter((s) => s.kind === g.kind),
        )
      )
        c.tp++;
      else falseNegatives.push({ id: item.id, kind: g.kind, span: g.text, text: item.text });
      if (!covered(g, found)) c.leaked++;
    }
    for (const s of found) {
      const c = counts.get(s.kind)!;
      c.found++;
      if (!item.spans.some((g) => g.kind === s.kind && overlaps(g, s))) {
        c.fp++;
        falsePositives.push({
          id: item.id,
          kind: s.kind,
          span: item.text.slice(s.start, s.end),
          text: item.text,
        });
      }
    }
  }
  const byKind = REDACTION_KINDS.map((kind) => {
    const c = counts.get(kind)!;
    return {
      kind,
      ...c,
      fn: c.gold - c.tp,
      precision: ratio(c.found - c.fp, c.found),
      recall: ratio(c.tp, c.gold),
    };
  });
  const sum = (f: (k: KindScore) => number) => byKind.reduce((n, k) => n + f(k), 0);
  const gold = sum((k) => k.gold);
  const found = sum((k) => k.found);
  const tp = sum((k) => k.tp);
  const fp = sum((k) => k.fp);
  return {
    comments: set.length,
    byKind,
    overall: {
      gold,
      found,
      tp,
      fp,
      fn: gold - tp,
      leaked: sum((k) => k.leaked),
      precision: ratio(found - fp, found),
      recall: ratio(tp, gold),
    },
    falsePositives,
    falseNegatives,
  };
}
