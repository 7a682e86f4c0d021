import type { Command } from 'commander';
import {
  approvedQuotes,
  decideQuote,
  quoteDecisions,
  type QuoteDecision,
} from '../../app/quotes.ts';
import { SURVEYS } from '../../facts/tables.ts';
import { parsePeriod } from '../../measures/period.ts';
import { badInput, BluelampError } from '../../lib/errors.ts';
import {
  candidateQuotes,
  findQuote,
  storeGazetteer,
  type CandidateQuote,
} from '../../voice/quotes.ts';
import {
  redact,
  REDACTION_KINDS,
  type RedactionKind,
  type StaffGazetteer,
} from '../../voice/redact.ts';
import { holdsData } from '../../app/deps.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { CLI_ACTOR } from './users.ts';

const STATUSES = ['pending', 'approved', 'rejected', 'all'] as const;
type Status = (typeof STATUSES)[number];

function surveyOf(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (!(SURVEYS as readonly string[]).includes(s))
    throw badInput(`--survey must be one of ${SURVEYS.join(', ')}, not "${s}".`);
  return s;
}

function name(flag: string, value: string): string {
  const t = value.trim();
  if (t === '') throw badInput(`${flag} must name who decided.`);
  if (t.length > 200) throw badInput(`${flag} is limited to 200 characters.`);
  return t;
}

const statusOf = (d: QuoteDecision | undefined): Exclude<Status, 'all'> => d?.status ?? 'pending';

function decisionText(d: QuoteDecision | undefined): string {
  if (!d) return 'pending';
  return `${d.status} by ${d.by}${d.reason ? ` (${d.reason})` : ''}`;
}

async function decide(
  ctx: CommandContext,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; reason?: string },
): Promise<CandidateQuote> {
  return withData(
    ctx.dataDir(),
    `quotes ${d.status === 'approved' ? 'approve' : 'reject'}`,
    ctx.io,
    async (deps) => {
      const quote = await findQuote(deps.facts, id);
      if (!quote)
        throw new BluelampError('NO_DATA', `No free-text survey answer has the id "${id}".`, {
          hint: 'List the candidates with `bluelamp quotes list --period P`.',
        });
      await decideQuote(await deps.records(), quote, { ...d, now: ctx.io.now() }, CLI_ACTOR);
      return quote;
    },
  );
}

export function registerQuotes(program: Command, ctx: CommandContext): void {
  const quotes = program
    .command('quotes')
    .description(
      "Victims' own words for the report: free-text survey answers, redacted (officer names, phone numbers, emails, addresses, postcodes, vehicles), approved or rejected by an analyst. Only approved quotes are printed.",
    );
  quotes
    .command('list')
    .description('Candidate quotes for a period, already redacted, with their decision.')
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .option('--survey <survey>', `one survey: ${SURVEYS.join(', ')}`)
    .option('--status <status>', `${STATUSES.join(', ')}`, 'all')
    .option('--limit <n>', 'show at most this many', '100')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        period: string;
        survey?: string;
        status: string;
        limit: string;
        json?: boolean;
      }) => {
        const period = parsePeriod(opts.period);
        const survey = surveyOf(opts.survey);
        if (!(STATUSES as readonly string[]).includes(opts.status))
          throw badInput(`--status must be one of ${STATUSES.join(', ')}, not "${opts.status}".`);
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw badInput(`--limit must be a whole number of at least 1, not "${opts.limit}".`);
        await withData(ctx.dataDir(), 'quotes list', ctx.io, async (deps) => {
          const store = deps.facts;
          const records = await deps.recordsIfAny();
          const decisions = await quoteDecisions(records);
          const all = (
            await candidateQuotes(store, {
              start: period.start,
              end: period.end,
              ...(survey === undefined ? {} : { survey }),
            })
          ).filter((q) => opts.status === 'all' || statusOf(decisions[q.id]) === opts.status);
          const shown = all.slice(0, limit);
          if (opts.json) {
            ctx.io.out(
              JSON.stringify(
                {
                  period: period.label,
                  total: all.length,
                  quotes: shown.map((q) => ({ ...q, decision: decisions[q.id] ?? null })),
                },
                null,
                2,
              ),
            );
            return;
          }
          if (all.length === 0) {
            ctx.io.out(
              `No free-text answers for ${period.label}${survey ? ` (${survey} survey)` : ''}.`,
            );
            return;
          }
          for (const q of shown)
            ctx.io.out(
              `${q.id}  ${q.survey}  ${q.month}  [${decisionText(decisions[q.id])}]  "${q.text}"`,
            );
          if (all.length > shown.length)
            ctx.io.out(
              `… and ${all.length - shown.length} more (${all.length} in all; use --limit or --survey).`,
            );
          ctx.io.out(
            `Approve with: bluelamp quotes approve ID --by NAME (${(await approvedQuotes(records, period.label)).length} approved for ${period.label}).`,
          );
        });
      },
    );
  quotes
    .command('approve')
    .description(
      'Approve a quote for the report (its redacted text, as listed, is what is printed).',
    )
    .argument('<id>', 'quote id, RESPONSE_ID:QUESTION as listed')
    .requiredOption('--by <name>', 'who approved it')
    .action(async (id: string, opts: { by: string }) => {
      const by = name('--by', opts.by);
      const q = await decide(ctx, id, { status: 'approved', by });
      ctx.io.out(`Approved ${q.id} (${q.survey}, ${q.month}): "${q.text}"`);
    });
  quotes
    .command('reject')
    .description('Reject a quote: it is never printed.')
    .argument('<id>', 'quote id, RESPONSE_ID:QUESTION as listed')
    .requiredOption('--by <name>', 'who rejected it')
    .option('--reason <text>', 'why (kept with the decision)')
    .action(async (id: string, opts: { by: string; reason?: string }) => {
      const by = name('--by', opts.by);
      const reason = opts.reason?.trim();
      if (reason !== undefined && reason.length > 500)
        throw badInput('--reason is limited to 500 characters.');
      const q = await decide(ctx, id, { status: 'rejected', by, ...(reason ? { reason } : {}) });
      ctx.io.out(`Rejected ${q.id} (${q.survey}, ${q.month}).`);
    });
}

/** The staff gazetteer of the data directory, when there is one (else officers by rank only). */
async function gazetteerOf(ctx: CommandContext): Promise<StaffGazetteer | undefined> {
  const dataDir = ctx.dataDir();
  if (!holdsData(dataDir)) return undefined;
  return withData(dataDir, 'redact', ctx.io, (deps) => storeGazetteer(deps.facts));
}

/**
 * `bluelamp redact`: comments from standard input, one a line, each redacted as quotes are to
 * standard output. `--json` writes one JSON object a line with the spans replaced (kind and
 * offsets in the input line, never their text).
 */
export function registerRedact(program: Command, ctx: CommandContext): void {
  program
    .command('redact')
    .description(
      "Redact comments read one a line from standard input to standard output: officer and staff names (with the data directory's staff_names), collar numbers, other names, phone numbers, emails, postcodes, addresses, vehicle registrations, dates of birth.",
    )
    .option(
      '--json',
      'one JSON object a line: the redacted text and the spans found (kind, start, end)',
    )
    .option('--counts', 'also tell standard error how many of each kind were replaced')
    .option('--no-staff', "do not read the data directory's staff names")
    .action(async (opts: { json?: boolean; counts?: boolean; staff: boolean }) => {
      const staff = opts.staff ? await gazetteerOf(ctx) : undefined;
      const lines = ctx.io
        .readStdin()
        .replace(/\r?\n$/, '')
        .split(/\r?\n/);
      const counts = new Map<RedactionKind, number>();
      lines.forEach((line, i) => {
        const r = redact(line, staff ? { staff } : {});
        for (const [k, n] of Object.entries(r.counts) as [RedactionKind, number][])
          counts.set(k, (counts.get(k) ?? 0) + n);
        ctx.io.out(
          opts.json
            ? JSON.stringify({
                line: i + 1,
                text: r.text,
                spans: r.spans.map((sp) => ({ kind: sp.kind, start: sp.start, end: sp.end })),
              })
            : r.text,
        );
      });
      if (opts.counts) {
        const parts = REDACTION_KINDS.filter((k) => counts.has(k)).map(
          (k) => `${k} ${counts.get(k)}`,
        );
        ctx.io.err(
          `bluelamp redact: ${parts.length > 0 ? parts.join(', ') : 'nothing to redact'}.`,
        );
      }
    });
}
