import { Option, type Command } from 'commander';
import {
  commentaryFor,
  commentaryKey,
  commentaryViews,
  GENERAL_PART,
  SECTION_PARTS,
  setCommentary,
  SUMMARY_KEY,
  type CommentaryTarget,
  type CommentaryView,
  type SectionPart,
} from '../../app/commentary.ts';
import { parsePeriod } from '../../measures/period.ts';
import { badInput, BluelampError } from '../../lib/errors.ts';
import { londonIso } from '../../lib/london-time.ts';
import { withRecords } from '../context.ts';
import type { CommandContext } from '../main.ts';
import type { Records } from '../../records/api.ts';
import { CLI_ACTOR } from './users.ts';

const MAX_CHARS = 4000;

type Section = { id: string; title: string };

/**
 * The report's sections, the units section commentary is written for. Imported when a commentary
 * command runs: the report's layout reads the measure catalogue, too much for `bluelamp --help`.
 */
export async function reportSections(): Promise<Section[]> {
  const { REPORT_LAYOUT } = await import('../../report/layout.ts');
  return REPORT_LAYOUT.map((s) => ({ id: s.id, title: `${s.number}. ${s.title}` }));
}

function sectionOf(id: string, sections: readonly Section[]): Section {
  const s = sections.find((x) => x.id === id);
  if (!s)
    throw new BluelampError('BAD_INPUT', `There is no report section "${id}".`, {
      hint: `Sections: ${sections.map((x) => x.id).join(', ')}.`,
    });
  return s;
}

function partOf(part: string | undefined): SectionPart | undefined {
  if (part === undefined) return undefined;
  if (!(SECTION_PARTS as readonly string[]).includes(part))
    throw badInput(`--part must be one of ${SECTION_PARTS.join(', ')}, not "${part}".`);
  return part as SectionPart;
}

async function targetOf(measure: string | undefined, opts: { section?: string; part?: string }) {
  if (measure !== undefined && opts.section !== undefined)
    throw badInput('Give a measure id or --section, not both.');
  if (opts.section !== undefined) {
    const part = partOf(opts.part);
    const id = sectionOf(opts.section, await reportSections()).id;
    return part ? { kind: 'section' as const, id, part } : { kind: 'section' as const, id };
  }
  if (opts.part !== undefined) throw badInput('--part goes with --section.');
  if (measure === undefined)
    throw badInput('Name a measure (or _summary), or a section with --section.');
  if (measure === SUMMARY_KEY) return { kind: 'summary' as const };
  const { findMeasure } = await import('../../measures/load-catalogue.ts');
  return { kind: 'measure' as const, id: findMeasure(measure).id };
}

function describe(t: CommentaryTarget): string {
  if (t.kind === 'summary') return 'the overall summary';
  if (t.kind === 'measure') return t.id;
  return `section ${t.id}${t.part ? ` (${t.part})` : ''}`;
}

/** "oc16_rate", "section demand: outlook", "_summary": how a key reads in a list. */
function label(key: string): string {
  const m = /^section:([^:]+):([a-z]+)$/.exec(key);
  if (!m) return key;
  return m[2] === GENERAL_PART ? `section ${m[1]}` : `section ${m[1]}: ${m[2]}`;
}

function line(key: string, v: CommentaryView): string {
  const draft = v.carriedForward
    ? ` [carried forward from ${v.period}: edit it, or keep it with --carry-forward]`
    : '';
  const when = londonIso(new Date(v.updatedAt)).replace('T', ' ').slice(0, 16);
  return `${label(key)} (${v.author}, ${when})${draft}: ${v.text}`;
}

export function registerCommentary(program: Command, ctx: CommandContext): void {
  const commentary = program
    .command('commentary')
    .description(
      'Analyst commentary per measure, per report section, and an overall summary, for a period; shown in the next report.',
    );
  const section = new Option('--section <id>', 'a report section');
  // Its ids come from the report's layout (reportSections), read before a subcommand runs or
  // shows its help.
  commentary.hook('preSubcommand', async () => {
    section.description = `a report section: ${(await reportSections()).map((s) => s.id).join(', ')}`;
  });
  commentary
    .command('set')
    .description(
      "Write (or, with empty text, remove) the commentary for a measure, a section or the summary; --carry-forward keeps last period's text as this period's.",
    )
    .argument('[measure]', 'measure id, or _summary for the overall summary')
    .addOption(section)
    .option(
      '--part <part>',
      `with --section: ${SECTION_PARTS.join(', ')} (default: a general note)`,
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .option(
      '--text <text>',
      `the commentary (at most ${MAX_CHARS.toLocaleString('en-GB')} characters)`,
    )
    .option(
      '--carry-forward',
      "keep the draft carried forward from last period as this period's text",
    )
    .option('--author <name>', 'who wrote it', 'analyst')
    .option('--lpa <name>', 'one local policing area')
    .action(
      async (
        measure: string | undefined,
        opts: {
          period: string;
          text?: string;
          carryForward?: boolean;
          author: string;
          lpa?: string;
          section?: string;
          part?: string;
        },
      ) => {
        const target = await targetOf(measure, opts);
        const period = parsePeriod(opts.period);
        if ((opts.text === undefined) === !opts.carryForward)
          throw badInput('Give either --text or --carry-forward.');
        if (opts.text !== undefined && opts.text.length > MAX_CHARS)
          throw badInput(
            `Commentary is limited to ${MAX_CHARS.toLocaleString('en-GB')} characters.`,
          );
        const lpa = opts.lpa ?? null;
        const saved = await withRecords(
          ctx.dataDir(),
          'commentary set',
          ctx.io,
          async (records) => {
            let text = opts.text ?? '';
            if (opts.carryForward) {
              const draft = (await commentaryViews(records, period.label, lpa)).get(
                commentaryKey(target),
              );
              if (!draft?.carriedForward)
                throw new BluelampError(
                  'NO_DATA',
                  draft
                    ? `${describe(target)} already has commentary for ${period.label}; nothing to carry forward.`
                    : `${describe(target)} has no commentary for the period before ${period.label} to carry forward.`,
                );
              text = draft.text;
            }
            await setCommentary(
              records,
              {
                target,
                period: period.label,
                lpa,
                text,
                author: opts.author,
                now: ctx.io.now(),
              },
              CLI_ACTOR,
            );
            return text.trim() !== '';
          },
        );
        ctx.io.out(
          saved
            ? `Commentary saved for ${describe(target)}, ${period.label}.`
            : `Commentary removed for ${describe(target)}, ${period.label}.`,
        );
      },
    );
  commentary
    .command('list')
    .description(
      'Show the commentary for a period, with drafts carried forward from the period before; --missing lists what still needs writing.',
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .option('--lpa <name>', 'one local policing area')
    .option(
      '--missing',
      'list the gold measures, report sections and summary with no text for the period',
    )
    .option('--json', 'print JSON: the commentary by measure, section and summary')
    .action(async (opts: { period: string; lpa?: string; missing?: boolean; json?: boolean }) => {
      const period = parsePeriod(opts.period).label;
      const lpa = opts.lpa ?? null;
      await withRecords(ctx.dataDir(), 'commentary list', ctx.io, async (records) => {
        if (opts.missing) return listMissing(ctx, records, period, lpa, opts.json === true);
        if (opts.json) {
          ctx.io.out(JSON.stringify(await commentaryFor(records, period, lpa), null, 2));
          return;
        }
        const views = await commentaryViews(records, period, lpa);
        if (views.size === 0) ctx.io.out(`No commentary for ${period} yet.`);
        for (const [key, v] of [...views].sort(([a], [b]) => a.localeCompare(b)))
          ctx.io.out(line(key, v));
      });
    });
}

interface Missing {
  readonly kind: 'measure' | 'section' | 'summary';
  readonly id: string;
  readonly title: string;
  /** The period whose text is offered as a draft, if any. */
  readonly draftFrom: string | null;
}

async function listMissing(
  ctx: CommandContext,
  records: Records,
  period: string,
  lpa: string | null,
  json: boolean,
): Promise<void> {
  const [c, sections, { catalogue }] = await Promise.all([
    commentaryFor(records, period, lpa),
    reportSections(),
    import('../../measures/load-catalogue.ts'),
  ]);
  const draft = (v: CommentaryView | undefined | null) =>
    v?.carriedForward ? v.period : v ? undefined : null;
  const missing: Missing[] = [];
  const summary = draft(c.summary);
  if (summary !== undefined)
    missing.push({
      kind: 'summary',
      id: SUMMARY_KEY,
      title: 'Overall summary',
      draftFrom: summary,
    });
  for (const s of sections) {
    const parts = Object.values(c.sections[s.id] ?? {});
    if (parts.some((v) => !v.carriedForward)) continue;
    missing.push({
      kind: 'section',
      id: s.id,
      title: s.title,
      draftFrom: parts[0]?.period ?? null,
    });
  }
  for (const m of catalogue().filter((x) => x.tier === 'gold')) {
    const d = draft(c.measures[m.id]);
    if (d !== undefined) missing.push({ kind: 'measure', id: m.id, title: m.title, draftFrom: d });
  }
  if (json) {
    ctx.io.out(JSON.stringify({ period, lpa, missing }, null, 2));
    return;
  }
  if (missing.length === 0) {
    ctx.io.out(
      `Nothing missing: every gold measure, section and the summary has commentary for ${period}.`,
    );
    return;
  }
  ctx.io.out(`${missing.length} without commentary for ${period}:`);
  for (const x of missing) {
    const what = x.kind === 'section' ? `--section ${x.id}` : x.id;
    const note = x.draftFrom ? ` (draft carried forward from ${x.draftFrom})` : '';
    ctx.io.out(`  ${what.padEnd(32)} ${x.title}${note}`);
  }
}
