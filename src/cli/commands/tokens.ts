import type { Command } from 'commander';
import type { ApiToken } from '../../records/api.ts';
import { londonIso } from '../../lib/london-time.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { CLI_ACTOR } from './users.ts';

const when = (d: Date) => londonIso(d).slice(0, 16).replace('T', ' ');

export function registerTokens(program: Command, ctx: CommandContext): void {
  const tokens = program
    .command('tokens')
    .description('Bearer tokens for the JSON API: tokens create, tokens list, tokens revoke.');
  tokens
    .command('create')
    .description(
      'Create a token for a user; it is printed once, on standard output, and cannot be shown again.',
    )
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--label <label>', 'what it is for', 'api')
    .action(async (opts: { email: string; label: string }) => {
      await withData(ctx.dataDir(), 'tokens create', ctx.io, async (d) => {
        const records = await d.records();
        const { token, secret } = await records.tokens.create(opts.email, opts.label, CLI_ACTOR);
        ctx.io.out(secret);
        ctx.io.err(
          `Token ${token.id} (${token.label}) created. It is shown once, above: store it now. Send it as "Authorization: Bearer <token>".`,
        );
      });
    });
  tokens
    .command('list')
    .description('The tokens (never their secrets): id, user, label, created, revoked.')
    .option('--email <email>', "one user's tokens")
    .option('--json', 'print JSON')
    .action(async (opts: { email?: string; json?: boolean }) => {
      await withData(ctx.dataDir(), 'tokens list', ctx.io, async (d) => {
        const records = await d.records();
        const all = await records.tokens.list(opts.email);
        const emails = new Map((await records.users.list()).map((u) => [u.id, u.email]));
        if (opts.json) {
          ctx.io.out(
            JSON.stringify(
              { tokens: all.map((t) => ({ ...t, email: emails.get(t.userId) ?? null })) },
              null,
              2,
            ),
          );
          return;
        }
        if (all.length === 0) ctx.io.out('No tokens.');
        const line = (t: ApiToken) =>
          `${t.id}  ${emails.get(t.userId) ?? '?'}  ${t.label}  created ${when(t.createdAt)}${t.revokedAt ? `  revoked ${when(t.revokedAt)}` : ''}`;
        for (const t of all) ctx.io.out(line(t));
      });
    });
  tokens
    .command('revoke')
    .description('Revoke a token: it stops working at once.')
    .argument('<id>', 'the token id (see tokens list)')
    .action(async (id: string) => {
      await withData(ctx.dataDir(), 'tokens revoke', ctx.io, async (d) => {
        await (await d.records()).tokens.revoke(id, CLI_ACTOR);
        ctx.io.out(`Token ${id} revoked.`);
      });
    });
}
