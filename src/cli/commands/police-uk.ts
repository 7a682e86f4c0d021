import type { Command } from 'commander';
import {
  SUMMARY_DIMENSIONS,
  isSummaryDimension,
  summarise,
  type PoliceUkFilter,
  type SummaryDimension,
  type SummaryRow,
} from '../../facts/police-uk/summaries.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

/**
 * `bluelamp police-uk summary`: counts of the loaded data.police.uk street rows by month, crime
 * type, outcome, LSOA, local authority or force, without SQL. Each published row counts once.
 */

const DIMENSIONS = Object.keys(SUMMARY_DIMENSIONS).join(', ');

/** Splits `--by month,crime_type` and repeated `--by`s into checked dimensions. */
export function parseDimensions(values: readonly string[]): SummaryDimension[] {
  const out: SummaryDimension[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    const d = v.trim();
    if (d === '') continue;
    if (!isSummaryDimension(d))
      throw badInput(`Cannot group by "${d}".`, `Use --by ${DIMENSIONS}.`);
    if (!out.includes(d)) out.push(d);
  }
  if (out.length === 0) throw badInput('Nothing to group by.', `Use --by ${DIMENSIONS}.`);
  return out;
}

/**
 * A CSV cell for people (a spreadsheet will open it): quoted when needed, and a value starting
 * with =, +, -, @, tab or CR prefixed with ' so it is not run as a formula (OWASP).
 */
export function humanCsvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function keysOf(by: readonly SummaryDimension[]): string[] {
  const keys: string[] = [...by];
  if (by.includes('lsoa')) keys.splice(keys.indexOf('lsoa') + 1, 0, 'lsoa_name');
  return [...keys, 'count'];
}

export function formatSummary(
  rows: readonly SummaryRow[],
  by: readonly SummaryDimension[],
  format: 'table' | 'csv' | 'json',
): string {
  const keys = keysOf(by);
  if (format === 'json') return JSON.stringify({ rows }, null, 2);
  if (format === 'csv')
    return [
      keys.join(','),
      ...rows.map((r) => keys.map((k) => humanCsvCell(r[k] ?? null)).join(',')),
    ].join('\n');
  const cell = (r: SummaryRow, k: string) => {
    const v = r[k];
    if (k === 'count') return Number(v).toLocaleString('en-GB');
    return v === null || v === undefined ? '—' : String(v);
  };
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r, k).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (keys[i] === 'count' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const total = rows.reduce((n, r) => n + r.count, 0);
  return [
    line(keys),
    ...rows.map((r) => line(keys.map((k) => cell(r, k)))),
    '',
    `${rows.length.toLocaleString('en-GB')} group${rows.length === 1 ? '' : 's'}, ${total.toLocaleString('en-GB')} published row${total === 1 ? '' : 's'} (each published row counts once).`,
  ].join('\n');
}

interface SummaryOptions {
  by: string[];
  force?: string;
  from?: string;
  to?: string;
  format: string;
  json?: boolean;
}

export function registerPoliceUk(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('police-uk')
    .description('The loaded data.police.uk street data, summarised without SQL.');
  cmd
    .command('summary')
    .description(
      'Count street rows (crimes and ASB) by month, crime type, outcome, LSOA, local authority or force.',
    )
    .requiredOption(
      '--by <dimension...>',
      `group by one or more of: ${DIMENSIONS} (repeat, or separate with commas)`,
    )
    .option('--force <name>', 'one force: its name as published in any year, or its id')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--json', 'the same as --format json')
    .addHelpText(
      'after',
      '\nCrime types and outcomes are shown under their current labels (legacy labels mapped). Each published\nrow counts once, so a Crime ID data.police.uk publishes on two rows of a month counts twice, as its own counts do.',
    )
    .action(async (opts: SummaryOptions) => {
      const format = opts.json ? 'json' : opts.format;
      if (format !== 'table' && format !== 'csv' && format !== 'json')
        throw badInput(`Unknown format "${format}".`, 'Use --format table, csv or json.');
      const by = parseDimensions(opts.by);
      const filter: PoliceUkFilter = {
        ...(opts.force === undefined ? {} : { force: opts.force }),
        ...(opts.from === undefined ? {} : { from: opts.from }),
        ...(opts.to === undefined ? {} : { to: opts.to }),
      };
      await withData(ctx.dataDir(), 'police-uk summary', ctx.io, async ({ facts: store }) => {
        const rows = await summarise(store, by, filter);
        if (rows.length === 0 && format === 'table') {
          ctx.io.out(
            'No data.police.uk street rows match. Load them with "bluelamp import police-uk DIR".',
          );
          return;
        }
        ctx.io.out(formatSummary(rows, by, format));
      });
    });
}
