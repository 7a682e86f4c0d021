import { z } from 'zod';
import { londonIso } from '../lib/london-time.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/**
 * Recorded SPC rebases, kept in the data directory as `rebases.json`: an analyst's documented,
 * approved decision that a measure's process changed at a month (a new system, a new
 * definition, COVID-19), so its XmR limits are recomputed from that month on (SPC.md §1). The
 * engine applies them (`rebases` option of src/measures/engine.ts) and every chart shows them
 * with their reason. One rebase per measure and month; recording the same again replaces it.
 */
const Rebase = z.strictObject({
  measureId: z.string().min(1),
  /** "YYYY-MM": the first month of the new group. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  reason: z.string().min(1),
  approvedBy: z.string().min(1),
  /** When it was recorded (ISO date-time). */
  recordedAt: z.string(),
  recordedBy: z.string().optional(),
});
const File = z.strictObject({ rebases: z.array(Rebase) });
export type RecordedRebase = z.infer<typeof Rebase>;

export const REBASES_FILE = 'rebases.json';

/** As the measure catalogue declares a rebase (src/measures/definition.ts SpcDef.rebases). */
export interface RebaseDef {
  readonly period: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly date: string;
}

const read = (dataDir: string) =>
  readJsonFile(dataDir, REBASES_FILE, File, { rebases: [] }, 'rebases');

const order = (a: RecordedRebase, b: RecordedRebase) =>
  a.measureId.localeCompare(b.measureId) || a.month.localeCompare(b.month);

export function listRebases(dataDir: string, measureId?: string): RecordedRebase[] {
  return read(dataDir)
    .rebases.filter((r) => measureId === undefined || r.measureId === measureId)
    .sort(order);
}

/** Records (or replaces) a rebase; true when one for that measure and month was replaced. */
export function addRebase(dataDir: string, r: RecordedRebase): boolean {
  const { rebases } = read(dataDir);
  const others = rebases.filter((x) => !(x.measureId === r.measureId && x.month === r.month));
  writeJsonFile(dataDir, REBASES_FILE, { rebases: [...others, r].sort(order) });
  return others.length !== rebases.length;
}

/** Removes a rebase; false when there was none for that measure and month. */
export function removeRebase(dataDir: string, measureId: string, month: string): boolean {
  const { rebases } = read(dataDir);
  const others = rebases.filter((x) => !(x.measureId === measureId && x.month === month));
  if (others.length === rebases.length) return false;
  writeJsonFile(dataDir, REBASES_FILE, { rebases: others });
  return true;
}

/** The recorded rebases by measure, in the catalogue's form, for the engine. */
export function rebasesByMeasure(dataDir: string): Record<string, RebaseDef[]> {
  const out: Record<string, RebaseDef[]> = {};
  for (const r of listRebases(dataDir))
    (out[r.measureId] ??= []).push({
      period: r.month,
      reason: r.reason,
      approvedBy: r.approvedBy,
      date: londonIso(new Date(r.recordedAt)).slice(0, 10),
    });
  return out;
}

/**
 * The demo force's first documented rebase: the COVID-19 lockdown of March 2020 moved
 * residential burglary to a lower level that it kept (the demo calendar's 2020/21 factors and
 * its 2021 anchor), so limits drawn over both levels would flag every month as special cause.
 */
export const DEMO_REBASES: readonly Omit<RecordedRebase, 'recordedAt'>[] = [
  {
    measureId: 'priority_residential_burglary',
    month: '2020-04',
    reason:
      'COVID-19 lockdown from 23 March 2020: residential burglary fell to a new, lower level that has held since',
    approvedBy: 'Head of Performance and Insight (demo)',
    recordedBy: 'bluelamp demo',
  },
];

export function recordDemoRebases(dataDir: string, now: Date): number {
  for (const r of DEMO_REBASES) addRebase(dataDir, { ...r, recordedAt: now.toISOString() });
  return DEMO_REBASES.length;
}
