/**
 * What the redaction finds: typed character ranges of the original text, merged and then
 * replaced by their kind's tag. A span is always replaced whole, never in part.
 */

export const REDACTION_KINDS = [
  'email',
  'phone',
  'postcode',
  'vehicle',
  'address',
  'officer',
  'collar',
  'dob',
  'name',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export const REDACTION_TAGS: Readonly<Record<RedactionKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  postcode: '[postcode]',
  vehicle: '[vehicle]',
  address: '[address]',
  officer: '[officer]',
  collar: '[collar]',
  dob: '[dob]',
  name: '[name]',
};

/** A range [start, end) of the original text (UTF-16 offsets, as JavaScript strings count). */
export interface Span {
  readonly kind: RedactionKind;
  readonly start: number;
  readonly end: number;
}

/**
 * Overlapping spans become one, covering them all, of the kind of the widest among them (on a
 * tie, the earlier kind of REDACTION_KINDS). Spans that only touch stay apart: "[address],
 * [postcode]" reads better than one tag for both.
 */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let group: Span[] = [];
  let end = -1;
  const flush = () => {
    if (group.length === 0) return;
    const widest = group.reduce((w, s) => {
      const d = s.end - s.start - (w.end - w.start);
      return d > 0 || (d === 0 && REDACTION_KINDS.indexOf(s.kind) < REDACTION_KINDS.indexOf(w.kind))
        ? s
        : w;
    });
    out.push({ kind: widest.kind, start: group[0]?.start ?? 0, end });
    group = [];
  };
  for (const s of sorted) {
    if (s.start >= end) flush();
    group.push(s);
    end = Math.max(end, s.end);
  }
  flush();
  return out;
}

/** The text with each (merged) span replaced by its tag. */
export function applySpans(text: string, merged: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + REDACTION_TAGS[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}
