import type { Command } from 'commander';
import { DEMO_DOMAIN, DEMO_PASSWORD, ensureDemoUsers } from '../../app/demo-users.ts';
import { createLogger } from '../../app/logger.ts';
import { badInput, BluelampError } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { loadDemoForce } from './demo.ts';

interface ServeOptions {
  port: string;
  host: string;
  demo?: boolean;
  factsSnapshot?: string;
  secureCookies?: boolean;
}

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description(
      'Run the web service (pages, public site and JSON API) on this data directory until stopped (Ctrl-C).',
    )
    .option('--port <n>', 'port to listen on', '3000')
    .option('--host <address>', 'address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
    .option(
      '--demo',
      'first run: generate and load the synthetic demo force if the data directory is empty, and make demo sign-ins (one per role)',
    )
    .option(
      '--facts-snapshot <dir>',
      'serve facts from snapshots published there by `bluelamp publish-facts` (picked up as new ones appear); records must be in PostgreSQL (DATABASE_URL)',
    )
    .option('--secure-cookies', 'mark cookies Secure (when served behind TLS)')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw badInput(`--port must be a whole number from 0 to 65535, not "${opts.port}".`);
      const { io } = ctx;
      const dataDir = ctx.dataDir();
      const [{ holdsData }, { buildWebDeps }, { startServer }] = await Promise.all([
        import('../../app/deps.ts'),
        import('../../app/web-deps.ts'),
        import('../../web/server.ts'),
      ]);
      if (opts.demo && !opts.factsSnapshot && !holdsData(dataDir)) {
        io.out('No data yet: generating the synthetic demo force (about half a minute) …');
        await withData(dataDir, 'demo', io, (deps) =>
          loadDemoForce(deps, io, { seed: 20210630, scale: 1 }),
        );
      }
      const logger = createLogger({ env: io.env, write: io.err });
      const built = await buildWebDeps({
        dataDir,
        databaseUrl: io.env.DATABASE_URL || undefined,
        factsSnapshot: opts.factsSnapshot,
        secureCookies: opts.secureCookies ?? false,
        clock: { now: io.now },
        logger,
        notice: io.err,
        cache: io.env.BLUELAMP_RESULTS_CACHE !== 'off',
      });
      let demo: Awaited<ReturnType<typeof ensureDemoUsers>> = [];
      if (opts.demo) {
        const { store } = await built.deps.facts.current();
        const rows = await store.all('SELECT min(lpa) AS lpa FROM crimes');
        demo = await ensureDemoUsers(built.deps.records, String(rows[0]?.lpa ?? 'North'));
      }
      if (!opts.demo) {
        // `bluelamp demo` makes the demo sign-ins; their password is published, so say so loudly
        // when such a data directory is served as if it were real.
        const demoAccounts = (await built.deps.records.users.list()).filter(
          (u) => !u.disabled && u.email.endsWith(`@${DEMO_DOMAIN}`),
        );
        if (demoAccounts.length)
          io.err(
            `bluelamp: warning: ${demoAccounts.length} demo accounts with the published demo password can sign in here; disable them (bluelamp users disable --email …) before real use.`,
          );
      }
      const deps = demo.length ? { ...built.deps, demoSignIns: demo } : built.deps;
      let server;
      try {
        server = await startServer({ deps, port, host: opts.host });
      } catch (e) {
        await built.close();
        if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new BluelampError('BAD_INPUT', `Port ${port} on ${opts.host} is already in use.`, {
            hint: 'Stop the other service, or choose another port with --port.',
          });
        throw e;
      }
      io.out(`Bluelamp is running at ${server.url.replace('[::1]', 'localhost')}`);
      io.out(`Public site (no sign-in): ${server.url}/public`);
      if (demo.length) {
        io.out('');
        io.out('DEMO ONLY — synthetic data and demo accounts; never use them with real data:');
        for (const d of demo)
          io.out(
            `  ${d.email.padEnd(34)} ${d.role}${d.lpas.length ? ` (${d.lpas.join(', ')} only)` : ''}`,
          );
        io.out(`  password for every demo account: ${DEMO_PASSWORD}`);
      }
      io.out('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      io.out('Stopping …');
      await server.app.close();
      await built.close();
    });
}
