import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import { dayNumber } from '../../records/accountability/clock.ts';
import { MAX_EVIDENCE_BYTES, type EvidenceUpload } from '../../records/accountability/types.ts';
import type { Actor } from '../../records/api.ts';
import type { RequestContext } from '../route.ts';

/**
 * What the findings and inspections forms share: the acting user, GOV.UK date inputs read into
 * calendar dates with the messages the design system asks for, the error summary, and a
 * multipart form read with its one file held to the evidence size limit.
 */
export const actorOf = (ctx: RequestContext): Actor => ({
  userId: ctx.user?.id ?? null,
  via: 'web',
});

export type Fields = Record<string, string>;
export type FieldErrors = Record<string, string>;

export const bodyOf = (ctx: RequestContext): Fields => {
  const out: Fields = {};
  for (const [k, v] of Object.entries((ctx.req.body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') out[k] = v;
  return out;
};

/** GOV.UK's error summary: each message links to the field it is about. */
export const errorList = (errors: FieldErrors, ids: Record<string, string> = {}) =>
  Object.entries(errors).map(([k, text]) => ({ text, href: `#${ids[k] ?? k}` }));

/** The day, month and year of a GOV.UK date input named `name`, as typed. */
export const dateParts = (body: Fields, name: string) => ({
  day: (body[`${name}-day`] ?? '').trim(),
  month: (body[`${name}-month`] ?? '').trim(),
  year: (body[`${name}-year`] ?? '').trim(),
});

/**
 * A GOV.UK date input as "YYYY-MM-DD", or the message to show: `what` names the date as the
 * message does ("the date the evidence covers"); `notAfter` refuses a date after that day.
 */
export function readDate(
  body: Fields,
  name: string,
  what: string,
  notAfter?: string,
): { date: string } | { error: string } {
  const p = dateParts(body, name);
  const What = what.replace(/^./, (c) => c.toUpperCase());
  if (!p.day && !p.month && !p.year) return { error: `Enter ${what}` };
  const missing = (['day', 'month', 'year'] as const).filter((k) => !p[k]);
  if (missing.length) return { error: `${What} must include a ${missing.join(' and ')}` };
  if (![p.day, p.month, p.year].every((x) => /^\d+$/.test(x)) || p.year.length !== 4)
    return { error: `${What} must be a real date` };
  const date = `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
  try {
    dayNumber(date);
  } catch {
    return { error: `${What} must be a real date` };
  }
  if (notAfter && date > notAfter) return { error: `${What} must be today or in the past` };
  return { date };
}

/** The date input's items, keeping what was typed (and marking them in error). */
export function dateItems(body: Fields, name: string, error: boolean) {
  const p = dateParts(body, name);
  const cls = (w: string) => `${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', value: p.day, classes: cls('govuk-input--width-2') },
    { name: 'month', value: p.month, classes: cls('govuk-input--width-2') },
    { name: 'year', value: p.year, classes: cls('govuk-input--width-4') },
  ];
}

/** A multipart form's fields and its one file (none when no file was chosen). */
export async function readMultipart(
  ctx: RequestContext,
): Promise<{ fields: Fields; file: EvidenceUpload | null; tooLarge: string | null }> {
  const fields: Fields = {};
  let file: EvidenceUpload | null = null;
  let tooLarge: string | null = null;
  if (!ctx.req.isMultipart()) return { fields: bodyOf(ctx), file, tooLarge };
  for await (const part of ctx.req.parts()) {
    if (part.type !== 'file') {
      fields[part.fieldname] = String(part.value ?? '');
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    // Read to the end (the stream must be drained), keeping no more than the limit allows.
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= MAX_EVIDENCE_BYTES) chunks.push(chunk);
    }
    if (!part.filename || file) continue;
    if (size > MAX_EVIDENCE_BYTES) tooLarge = part.filename;
    else file = { fileName: part.filename, bytes: Buffer.concat(chunks) };
  }
  return { fields, file, tooLarge };
}

/**
 * A refusal from the records a form shows in its error summary (a step the lifecycle refuses,
 * a role that may not, a detail that breaks a rule); anything else goes to the error page.
 */
export function formRefusal(e: unknown): BluelampError | null {
  if (!isBluelampError(e)) return null;
  return ['BAD_INPUT', 'INVALID_TRANSITION', 'NOT_PERMITTED'].includes(e.code) ? e : null;
}
