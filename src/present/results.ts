/**
 * Results as every view receives them: each validated against the MeasureResult contract (a
 * result that fails is kept aside with the reason, never thrown), the first result for an id
 * winning, in the order given.
 */
import { MeasureResult } from '../measures/result.ts';

export interface CheckedResults {
  readonly byId: ReadonlyMap<string, MeasureResult>;
  /** Ids whose result failed validation, with the reason. */
  readonly invalid: ReadonlyMap<string, string>;
  /** Every id seen (valid or not), in order. */
  readonly order: readonly string[];
}

function idOf(raw: unknown, i: number): string {
  if (typeof raw === 'object' && raw !== null) {
    const id = (raw as { id?: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return `result-${i + 1}`;
}

export function checkResults(results: readonly unknown[]): CheckedResults {
  const byId = new Map<string, MeasureResult>();
  const invalid = new Map<string, string>();
  const order: string[] = [];
  results.forEach((raw, i) => {
    const parsed = MeasureResult.safeParse(raw);
    const rawId = idOf(raw, i);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || 'result'}: ${first.message}` : 'invalid';
      if (!byId.has(rawId) && !invalid.has(rawId)) {
        invalid.set(rawId, `The result did not match the MeasureResult contract (${where}).`);
        order.push(rawId);
      }
      return;
    }
    if (byId.has(parsed.data.id)) return;
    invalid.delete(parsed.data.id);
    // The contract's parse drops keys it does not know; disclosure control's map must survive.
    const disclosure = (raw as { disclosure?: unknown }).disclosure;
    byId.set(
      parsed.data.id,
      disclosure === undefined ? parsed.data : ({ ...parsed.data, disclosure } as MeasureResult),
    );
    if (!order.includes(parsed.data.id)) order.push(parsed.data.id);
  });
  return { byId, invalid, order };
}
