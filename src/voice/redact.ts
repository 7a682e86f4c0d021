/**
 * Redaction of free text (victims' survey comments) before anyone reads it in a quote list or a
 * report. Three sources of spans, merged (overlaps become one span, the widest kind wins) and
 * each replaced whole by its kind's tag ("[officer]", "[phone]", …):
 *
 * - patterns for UK formats (src/voice/patterns.ts): emails, phones, postcodes, vehicle
 *   registrations, addresses, dates of birth, collar numbers, officers named by rank;
 * - the language model (src/voice/nlp.ts, wink-nlp): tokens, parts of speech, sentences and
 *   dates, for people's names (src/voice/names.ts) and spelled-out dates of birth;
 * - the force's staff gazetteer (src/voice/staff.ts, from the `staff_names` fact table).
 *
 * Measured on a labelled set (test/voice/redaction-set.jsonl; `npm run bench:redaction`). What it
 * still misses is listed in src/voice/CONTEXT.md, which is why every quote is read and approved
 * by an analyst before it is printed.
 */
import { analyse } from './nlp.ts';
import { names } from './names.ts';
import {
  addresses,
  datesOfBirth,
  emails,
  officers,
  phones,
  postcodes,
  vehicles,
} from './patterns.ts';
import { applySpans, mergeSpans, REDACTION_KINDS, type RedactionKind, type Span } from './spans.ts';
import type { StaffGazetteer } from './staff.ts';

export { REDACTION_KINDS, REDACTION_TAGS, type RedactionKind, type Span } from './spans.ts';
export { staffGazetteer, type StaffGazetteer, type StaffName } from './staff.ts';

export interface RedactOptions {
  /** The force's staff names; without it, officers are found by rank only. */
  readonly staff?: StaffGazetteer;
}

export interface Redacted {
  readonly text: string;
  /** How many of each kind were replaced (kinds with none are absent), in REDACTION_KINDS order. */
  readonly counts: Partial<Record<RedactionKind, number>>;
  /** What was replaced, as ranges of the input (merged, in order). Never the input's text. */
  readonly spans: readonly Span[];
}

/** Every span found in the text, merged: overlaps become one, the widest span's kind. */
export function findSpans(input: string, opts: RedactOptions = {}): Span[] {
  const nlp = analyse(input);
  return mergeSpans([
    ...emails(input, nlp),
    ...phones(input),
    ...postcodes(input),
    ...vehicles(input),
    ...addresses(input),
    ...datesOfBirth(input, nlp),
    ...officers(input, opts.staff),
    ...names(input, nlp, opts.staff),
  ]);
}

/** Redacts free text; the same input (and staff list) always gives the same output. */
export function redact(input: string, opts: RedactOptions = {}): Redacted {
  const spans = findSpans(input, opts);
  const counts: Partial<Record<RedactionKind, number>> = {};
  for (const k of REDACTION_KINDS) {
    const n = spans.filter((s) => s.kind === k).length;
    if (n > 0) counts[k] = n;
  }
  return { text: applySpans(input, spans), counts, spans };
}

/** The redacted text alone. */
export const redactText = (input: string, opts: RedactOptions = {}): string =>
  redact(input, opts).text;
