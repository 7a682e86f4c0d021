import { londonIso } from '../lib/london-time.ts';
import type { Actor, RebaseRecord, Records } from '../records/api.ts';

/**
 * Recorded SPC rebases, kept in the records store (they were `rebases.json` in the data
 * directory, moved in once at open): an analyst's documented, approved decision that a
 * measure's process changed at a month (a new system, a new definition, COVID-19), so its XmR
 * limits are recomputed from that month on (SPC.md §1). The engine applies them (`rebases`
 * option of src/measures/engine.ts) and every chart shows them with their reason. One rebase
 * per measure and month; recording the same again replaces it. Each change is audited.
 */
export type RecordedRebase = RebaseRecord;

/** The file they were kept in, moved into the records store at open. */
export const REBASES_FILE = 'rebases.json';

/** As the measure catalogue declares a rebase (src/measures/definition.ts SpcDef.rebases). */
export interface RebaseDef {
  readonly period: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly date: string;
}

/** `records` null: a store not made yet (or unreadable here), which holds no rebases. */
export async function listRebases(
  records: Records | null,
  measureId?: string,
): Promise<RecordedRebase[]> {
  return records ? records.rebases.list(measureId) : [];
}

/** Records (or replaces) a rebase; true when one for that measure and month was replaced. */
export function addRebase(records: Records, r: RecordedRebase, actor: Actor): Promise<boolean> {
  return records.rebases.add(r, actor);
}

/** Removes a rebase; false when there was none for that measure and month. */
export function removeRebase(
  records: Records,
  measureId: string,
  month: string,
  actor: Actor,
): Promise<boolean> {
  return records.rebases.remove(measureId, month, actor);
}

/** The recorded rebases by measure, in the catalogue's form, for the engine. */
export async function rebasesByMeasure(
  records: Records | null,
): Promise<Record<string, RebaseDef[]>> {
  const out: Record<string, RebaseDef[]> = {};
  for (const r of await listRebases(records))
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

export async function recordDemoRebases(records: Records, now: Date): Promise<number> {
  for (const r of DEMO_REBASES)
    await addRebase(
      records,
      { ...r, recordedAt: now.toISOString() },
      { userId: null, via: 'system' },
    );
  return DEMO_REBASES.length;
}
