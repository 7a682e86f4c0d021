import type { Command } from 'commander';
import { withRecords } from '../context.ts';
import type { CommandContext } from '../main.ts';

/**
 * `bluelamp digest`: the weekly digest of what is due or overdue for each user, and what has
 * been escalated to them (src/app/digest.ts). Without --to-files or --send it is a preview:
 * nothing is escalated, written or sent. Run it weekly (cron, a systemd timer).
 */
export function registerDigest(program: Command, ctx: CommandContext): void {
  program
    .command('digest')
    .description(
      'The weekly digest for each user with items overdue, due soon or escalated to them; records the escalations due (once each). Without --to-files or --send, a preview.',
    )
    .option(
      '--to-files <dir>',
      'write one file per user (a MIME message, plain text and HTML, readable by you only)',
    )
    .option(
      '--send',
      'send each digest by email through the mail server of BLUELAMP_SMTP_URL (or the setting smtpUrl); sender BLUELAMP_SMTP_FROM (or smtpFrom)',
    )
    .option(
      '--base-url <url>',
      'the web address of the service, for links in the digests (default BLUELAMP_BASE_URL; else paths only)',
    )
    .action(async (opts: { toFiles?: string; send?: boolean; baseUrl?: string }) => {
      const { io } = ctx;
      const { runDigest } = await import('../../app/digest.ts');
      const { badInput } = await import('../../lib/errors.ts');
      const baseUrl = opts.baseUrl ?? io.env.BLUELAMP_BASE_URL ?? null;
      if (baseUrl !== null && !/^https?:\/\/[^\s/]+/.test(baseUrl))
        throw badInput(
          `--base-url must be a web address like https://bluelamp.force.example, not "${baseUrl}".`,
        );
      await withRecords(ctx.dataDir(), 'digest', io, async (records) => {
        const run = await runDigest(records, {
          now: io.now(),
          actor: { userId: null, via: 'cli' },
          env: io.env,
          toFiles: opts.toFiles ?? null,
          send: opts.send === true,
          baseUrl,
        });
        const live = Boolean(opts.toFiles) || opts.send === true;
        io.out(
          run.digests.length === 0
            ? 'No one has anything overdue, due soon or escalated to them.'
            : `${run.digests.length} ${run.digests.length === 1 ? 'user has' : 'users have'} items:`,
        );
        for (const d of run.digests)
          io.out(
            `  user ${d.userId}: ${d.counts.overdue} overdue, ${d.counts.dueSoon} due soon, ${d.counts.escalated} escalated to them`,
          );
        if (live)
          io.out(
            `Escalations recorded now: ${run.escalated.length}${run.escalated.length ? ` (${run.escalated.map((e) => e.subject).join(', ')})` : ''}.`,
          );
        if (opts.toFiles)
          io.out(
            `Wrote ${run.files.length} digest files to ${opts.toFiles} (readable by you only).`,
          );
        if (opts.send)
          io.out(`Sent ${run.sent} digests through ${run.server ?? 'the mail server'}.`);
        if (!live)
          io.out(
            'Preview only: nothing was escalated, written or sent. Use --to-files DIR or --send.',
          );
      });
    });
}
