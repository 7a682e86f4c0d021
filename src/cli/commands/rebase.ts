import type { Command } from 'commander';
import { addRebase, listRebases, removeRebase, type RecordedRebase } from '../../app/rebases.ts';
import { badInput, BluelampError } from '../../lib/errors.ts';
import { londonIso } from '../../lib/london-time.ts';
import { withRecords } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { CLI_ACTOR } from './users.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_TEXT = 500;

function monthOf(at: string): string {
  const t = at.trim();
  if (!MONTH.test(t))
    throw badInput(`--at must be a month written YYYY-MM (e.g. 2020-04), not "${at}".`);
  return t;
}

function text(name: string, value: string): string {
  const t = value.trim();
  if (t === '') throw badInput(`${name} must not be empty.`);
  if (t.length > MAX_TEXT) throw badInput(`${name} is limited to ${MAX_TEXT} characters.`);
  return t;
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined) throw badInput(`${flag} is required (see bluelamp spc rebase --help).`);
  return value;
}

/** The catalogue's measure (imported when a rebase command runs, not for `bluelamp --help`). */
async function findMeasure(id: string) {
  return (await import('../../measures/load-catalogue.ts')).findMeasure(id);
}

/** The measure, if its chart can be rebased: XmR limits only (legacy limits have no groups). */
async function rebaseable(id: string) {
  const m = await findMeasure(id);
  if (!m.spc)
    throw new BluelampError('BAD_INPUT', `${m.id} has no SPC chart, so nothing to rebase.`);
  if (m.spc.method !== 'xmr_mdc')
    throw new BluelampError(
      'BAD_INPUT',
      `${m.id} is charted with the force's legacy limits (mean ± 2 SD of ${m.spc.baselineYear ?? 'a baseline year'}), which have one baseline and no rebase.`,
      { hint: 'A rebase recalculates XmR limits; see docs/spc.md.' },
    );
  return m;
}

const describe = (r: RecordedRebase) =>
  `${r.measureId} from ${r.month}: ${r.reason} (approved by ${r.approvedBy}; recorded ${londonIso(new Date(r.recordedAt)).slice(0, 10)}${r.recordedBy ? ` by ${r.recordedBy}` : ''})`;

/** `bluelamp spc rebase …`, under the `spc` command. */
export function registerRebase(program: Command, ctx: CommandContext): void {
  const spc = program.commands.find((c) => c.name() === 'spc');
  if (!spc) throw new Error('registerRebase: the spc command must be registered first');
  // Commander gives an option to the parent command when both know it (`spc` has a --json,
  // `rebase` an --at), whatever its place on the line; the subcommands read it from there.
  const parentOpt = <T>(cmd: Command, key: string) => cmd.opts<Record<string, T>>()[key];
  const rebase = spc
    .command('rebase')
    .description(
      "Record a rebase of a measure's SPC chart: its XmR limits are recalculated from that month, and every chart shows the rebase and its reason. Also: spc rebase list, spc rebase remove.",
    )
    .argument('<measure>', 'measure id')
    // Checked in the action, not as required options: commander checks a command's required
    // options in its subcommands too, which would refuse `spc rebase list`.
    .option('--at <month>', 'required: the first month of the new limits, YYYY-MM (e.g. 2020-04)')
    .option('--reason <text>', 'required: why the process changed (shown on the chart)')
    .option('--approver <name>', 'required: who approved the rebase')
    .option('--by <name>', 'who is recording it')
    .action(
      async (
        measure: string,
        opts: { at?: string; reason?: string; approver?: string; by?: string },
      ) => {
        const m = await rebaseable(measure);
        const month = monthOf(required('--at', opts.at));
        const now = ctx.io.now();
        if (month > londonIso(now).slice(0, 7))
          throw badInput(`--at ${month} is in the future; a rebase marks a change that happened.`);
        const r: RecordedRebase = {
          measureId: m.id,
          month,
          reason: text('--reason', required('--reason', opts.reason)),
          approvedBy: text('--approver', required('--approver', opts.approver)),
          recordedAt: now.toISOString(),
          ...(opts.by ? { recordedBy: text('--by', opts.by) } : {}),
        };
        const replaced = await withRecords(ctx.dataDir(), 'spc rebase', ctx.io, (records) =>
          addRebase(records, r, CLI_ACTOR),
        );
        ctx.io.out(`${replaced ? 'Rebase replaced' : 'Rebase recorded'}: ${describe(r)}.`);
        ctx.io.out(
          `${m.title}: limits are recalculated from ${month} in the scorecard, measure pages and reports.`,
        );
      },
    );
  rebase
    .command('list')
    .description('The recorded rebases, by measure and month.')
    .option('--measure <id>', 'one measure')
    .option('--json', 'print JSON')
    .action(async (opts: { measure?: string; json?: boolean }) => {
      const id = opts.measure === undefined ? undefined : (await findMeasure(opts.measure)).id;
      const all = await withRecords(ctx.dataDir(), 'spc rebase list', ctx.io, (records) =>
        listRebases(records, id),
      );
      if (opts.json || parentOpt<boolean>(spc, 'json')) {
        ctx.io.out(JSON.stringify({ rebases: all }, null, 2));
        return;
      }
      if (all.length === 0) ctx.io.out('No rebases recorded.');
      for (const r of all) ctx.io.out(describe(r));
    });
  rebase
    .command('remove')
    .description('Remove a recorded rebase; the limits are drawn over the whole chart again.')
    .argument('<measure>', 'measure id')
    .option('--at <month>', 'required: the month of the rebase, YYYY-MM')
    .action(async (measure: string, opts: { at?: string }) => {
      const id = (await findMeasure(measure)).id;
      const month = monthOf(required('--at', opts.at ?? parentOpt<string>(rebase, 'at')));
      const removed = await withRecords(ctx.dataDir(), 'spc rebase remove', ctx.io, (records) =>
        removeRebase(records, id, month, CLI_ACTOR),
      );
      if (!removed)
        throw new BluelampError('NO_DATA', `No rebase is recorded for ${id} at ${month}.`, {
          hint: 'See them with `bluelamp spc rebase list`.',
        });
      ctx.io.out(`Rebase removed: ${id} from ${month}.`);
    });
}
