/**
 * Redaction benchmark: precision, recall and counts (tp, fp, fn, leaked) per kind and overall
 * on the labelled set of survey comments, with every false positive and false negative listed.
 * An accuracy measure, not a timing one (the time per comment is printed for information).
 *
 * Usage: npm run bench:redaction [-- --json] [--set FILE.jsonl] [--group NAME]
 *        [--staff FILE.csv | --no-staff]
 * Defaults: test/voice/redaction-set.jsonl and the staff list test/voice/redaction-staff.csv.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readSet, readStaffCsv, score, type KindScore } from './score.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const JSON_OUT = process.argv.includes('--json');
const setPath = arg('set', join('test', 'voice', 'redaction-set.jsonl'));
const staffPath = arg('staff', join('test', 'voice', 'redaction-staff.csv'));
const staff = process.argv.includes('--no-staff') ? undefined : readStaffCsv(staffPath);

/** Targets from issue 10: staff names, phones and emails ≥ 0.98 recall; ≥ 0.95 overall. */
export const TARGETS = { officer: 0.98, phone: 0.98, email: 0.98, overall: 0.95 } as const;

const group = arg('group', '');
const set = readSet(setPath).filter((c) => group === '' || c.group === group);
score(set.slice(0, 5), staff); // loads the model before timing
const t0 = performance.now();
const s = score(set, staff);
const msPerComment = (performance.now() - t0) / set.length;

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const row = (k: string, v: Omit<KindScore, 'kind'>) =>
  `${k.padEnd(9)} ${String(v.gold).padStart(5)} ${String(v.found).padStart(6)} ${String(v.tp).padStart(5)} ${String(v.fp).padStart(4)} ${String(v.fn).padStart(4)} ${String(v.leaked).padStart(6)}  ${pct(v.precision)}  ${pct(v.recall)}`;

const targets = Object.entries(TARGETS).map(([k, t]) => {
  const r =
    k === 'overall' ? s.overall.recall : (s.byKind.find((b) => b.kind === k)?.recall ?? null);
  return { target: k, recall: r, min: t, met: r !== null && r >= t };
});

if (JSON_OUT) {
  process.stdout.write(
    `${JSON.stringify({ set: setPath, staff: staff ? staffPath : null, comments: s.comments, msPerComment, byKind: s.byKind, overall: s.overall, targets, falsePositives: s.falsePositives, falseNegatives: s.falseNegatives }, null, 2)}\n`,
  );
} else {
  const out = (l = '') => process.stdout.write(`${l}\n`);
  out(
    `Redaction on ${s.comments} labelled comments (${setPath}${group ? `, group ${group}` : ''}), staff list: ${staff ? staffPath : 'none'}`,
  );
  out();
  out('kind       gold  found    tp   fp   fn leaked  precision  recall');
  for (const k of s.byKind) if (k.gold > 0 || k.found > 0) out(row(k.kind, k));
  out(row('overall', s.overall));
  out();
  for (const t of targets)
    out(`target ${t.target} recall ≥ ${t.min}: ${pct(t.recall)} ${t.met ? 'met' : 'NOT MET'}`);
  out(`${msPerComment.toFixed(2)} ms per comment`);
  out();
  out(`False positives (${s.falsePositives.length}):`);
  for (const m of s.falsePositives) out(`  ${m.id} ${m.kind}: "${m.span}" in "${m.text}"`);
  out();
  out(`False negatives (${s.falseNegatives.length}):`);
  for (const m of s.falseNegatives) out(`  ${m.id} ${m.kind}: "${m.span}" in "${m.text}"`);
}
