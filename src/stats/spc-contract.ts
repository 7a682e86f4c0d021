/**
 * The `bluelamp spc` contract (SPC.md §1, "Command-line contract"): parse and validate one series
 * from JSON or CSV, run the XmR analysis, and shape the output.
 *
 * Source: SPC.md; the analysis itself is `xmr.ts` (NHSRplotthedots 0.2.2 / Making Data Count).
 * Every problem in the input is reported at once, each with its path (JSON) or line and field
 * (CSV), in one BluelampError('BAD_INPUT'). The output type is inferred from its zod schema.
 */
import { z } from 'zod';
import { BluelampError, formatIssue, type ValidationIssue } from '../lib/errors.ts';
import { ASSURANCE_ICONS, IMPROVEMENT_DIRECTIONS, POINT_TYPES } from './spc-icons.ts';
import { SPECIAL_CAUSE_TYPES } from './spc-rules.ts';
import { MIN_FIX_AFTER_N_POINTS, xmr } from './xmr.ts';

/** Cross-field rules; runs even when fields have type errors, so all problems are reported. */
function checkAcrossFields(value: unknown, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null) return;
  const { y, periods, rebaseAtPoint } = value as Record<string, unknown>;
  const n = Array.isArray(y) ? y.length : null;
  if (Array.isArray(periods)) {
    if (n !== null && periods.length !== n) {
      ctx.addIssue({
        code: 'custom',
        path: ['periods'],
        message: `has ${periods.length} entries but y has ${n}; give one period per value`,
      });
    }
    const seen = new Map<unknown, number>();
    periods.forEach((p, i) => {
      const first = seen.get(p);
      if (first === undefined) seen.set(p, i);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i],
          message: `duplicate period (also periods[${first}])`,
        });
      }
    });
  }
  if (Array.isArray(rebaseAtPoint)) {
    const seen = new Set<unknown>();
    rebaseAtPoint.forEach((p, i) => {
      if (seen.has(p)) {
        ctx.addIssue({ code: 'custom', path: ['rebaseAtPoint', i], message: `lists ${p} twice` });
      }
      seen.add(p);
      if (n !== null && typeof p === 'number' && p > n) {
        ctx.addIssue({
          code: 'custom',
          path: ['rebaseAtPoint', i],
          message: `point ${p} is past the last point (${n})`,
        });
      }
    });
  }
}

const whole = 'must be a whole number';

/** The JSON input of `bluelamp spc`; unknown keys are rejected so a misspelt option is not ignored. */
export const spcInputSchema = z
  .strictObject({
    y: z.array(z.number()).min(1, 'needs at least one value'),
    periods: z.array(z.string().min(1, 'must not be empty')).optional(),
    improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS).optional(),
    screenOutliers: z.boolean().optional(),
    fixAfterNPoints: z
      .int(whole)
      .min(MIN_FIX_AFTER_N_POINTS, `must be at least ${MIN_FIX_AFTER_N_POINTS}, or null`)
      .nullable()
      .optional(),
    rebaseAtPoint: z
      .array(z.int(whole).min(2, 'must be 2 or more (1-based first point of a new group)'))
      .optional(),
    target: z.number().nullable().optional(),
  })
  .superRefine(checkAcrossFields, { when: () => true });

export type SpcInput = z.output<typeof spcInputSchema>;

const nullableNumber = z.number().nullable();

export const spcGroupSchema = z.strictObject({
  firstPoint: z.int(),
  nPoints: z.int(),
  mean: z.number(),
  amr: nullableNumber,
  lpl: nullableNumber,
  upl: nullableNumber,
  twoSigmaLower: nullableNumber,
  twoSigmaUpper: nullableNumber,
  oneSigmaLower: nullableNumber,
  oneSigmaUpper: nullableNumber,
  shortGroupWarning: z.boolean(),
});

export const spcPointSchema = z.strictObject({
  period: z.string().optional(),
  y: z.number(),
  group: z.int(),
  outside: z.boolean(),
  relativeToMean: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
  close: z.boolean(),
  specialCauseType: z.enum(SPECIAL_CAUSE_TYPES),
  pointType: z.enum(POINT_TYPES),
});

/** The `--json` output of `bluelamp spc`. */
export const spcOutputSchema = z.strictObject({
  groups: z.array(spcGroupSchema),
  points: z.array(spcPointSchema),
  variationIcon: z.enum(POINT_TYPES),
  assuranceIcon: z.enum(ASSURANCE_ICONS).nullable(),
});

export type SpcOutput = z.output<typeof spcOutputSchema>;

/** Run the XmR analysis of a parsed input and shape it as the contract's output. */
export function runSpc(input: SpcInput): SpcOutput {
  const result = xmr(input.y, {
    improvementDirection: input.improvementDirection,
    screenOutliers: input.screenOutliers,
    fixAfterNPoints: input.fixAfterNPoints,
    rebaseAtPoint: input.rebaseAtPoint,
    target: input.target,
  });
  const { periods } = input;
  return {
    groups: result.groups.map(({ baselinePoints: _baselinePoints, ...group }) => group),
    points: result.points.map((p, i) =>
      periods === undefined ? { ...p } : { period: periods[i]!, ...p },
    ),
    variationIcon: result.variationIcon,
    assuranceIcon: result.assuranceIcon,
  };
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): string | null {
  let v: unknown = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return null;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  if (v === undefined) return null;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function badInput(source: string, issues: readonly ValidationIssue[]): BluelampError {
  const lines = issues.map((i) => `  - ${formatIssue(i)}`).join('\n');
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new BluelampError('BAD_INPUT', `${source}: invalid SPC input, ${count}:\n${lines}`, {
    hint: 'Fix every problem listed and run again (bluelamp spc --help lists the input keys).',
    issues,
  });
}

function parseJson(text: string, source: string): SpcInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new BluelampError('BAD_INPUT', `${source}: not valid JSON (${why})`, {
      hint: 'Give a JSON object such as {"y": [1, 2, 3]}, or a CSV with columns period,value.',
      cause: e,
    });
  }
  const parsed = spcInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap((issue): ValidationIssue[] => {
    // One issue per unknown key, at the key itself, so each names its own path and value.
    const at = (path: readonly PropertyKey[], rule: string): ValidationIssue => ({
      file: source,
      line: null,
      column: pathText(path),
      value: valueAt(raw, path),
      rule,
    });
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => at([...issue.path, key], 'is not a known key'));
    }
    return [at(issue.path, issue.message)];
  });
  throw badInput(source, issues);
}

/** Split one CSV line into fields (RFC 4180 quoting); null when a quote is not closed. */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] !== '"') break;
          i++;
        }
        field += line[i];
        i++;
      }
      i++; // closing quote
      const next = line.indexOf(',', i);
      const rest = next === -1 ? line.slice(i) : line.slice(i, next);
      field += rest;
      i = next === -1 ? line.length : next;
    } else {
      const next = line.indexOf(',', i);
      field = next === -1 ? line.slice(i) : line.slice(i, next);
      i = next === -1 ? line.length : next;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseCsv(text: string, source: string): SpcInput {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const issues: ValidationIssue[] = [];
  const issue = (line: number | null, column: string, value: string | null, rule: string) => {
    issues.push({ file: source, line, column, value, rule });
  };

  const header = splitCsvLine(lines[0] ?? '')?.map((h) => h.toLowerCase()) ?? [];
  const periodColumn = header.indexOf('period');
  const valueColumn = header.indexOf('value');
  if (periodColumn === -1 || valueColumn === -1 || header.length !== 2) {
    issue(1, '(header)', lines[0] ?? '', 'the header must name the two columns period,value');
    throw badInput(source, issues);
  }

  const y: number[] = [];
  const periods: string[] = [];
  const firstLineOf = new Map<string, number>();
  for (const [i, row] of lines.entries()) {
    const line = i + 1;
    if (line === 1 || row.trim() === '') continue;
    const fields = splitCsvLine(row);
    if (fields === null) {
      issue(line, '(row)', row, 'a quoted field is not closed');
      continue;
    }
    if (fields.length !== 2) {
      issue(line, '(row)', row, `expected 2 fields (period,value), found ${fields.length}`);
      continue;
    }
    const period = fields[periodColumn]!;
    const value = fields[valueColumn]!;
    const before = issues.length;
    const firstLine = firstLineOf.get(period);
    if (period === '') issue(line, 'period', null, 'is empty');
    else if (firstLine !== undefined) {
      issue(line, 'period', period, `duplicate period (first on line ${firstLine})`);
    } else firstLineOf.set(period, line);
    if (value === '') issue(line, 'value', null, 'is empty; every period needs a value');
    else if (!NUMBER.test(value) || !Number.isFinite(Number(value))) {
      issue(line, 'value', value, 'is not a number');
    }
    if (issues.length === before) {
      periods.push(period);
      y.push(Number(value));
    }
  }
  if (issues.length === 0 && y.length === 0) issue(null, '(file)', null, 'has no data rows');
  if (issues.length > 0) throw badInput(source, issues);
  return { y, periods };
}

/**
 * Parse and validate the input of `bluelamp spc`. JSON carries the series and its options; CSV
 * (columns period,value, either order, one row per period in time order) carries only the series.
 * Throws BluelampError('BAD_INPUT') listing every problem; `source` names the input in messages.
 */
export function parseSpcInput(text: string, kind: 'json' | 'csv', source: string): SpcInput {
  return kind === 'json' ? parseJson(text, source) : parseCsv(text, source);
}
