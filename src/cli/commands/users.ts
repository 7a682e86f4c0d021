import type { Command } from 'commander';
import { ROLES, type Actor, type Role, type User } from '../../records/api.ts';
import { MIN_PASSWORD_LENGTH } from '../../records/passwords.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

/** Changes made at this machine's command line are audited as the CLI's, with no user. */
export const CLI_ACTOR: Actor = { userId: null, via: 'cli' };

/** The password is the first line of standard input, so it never shows in `ps` or history. */
function passwordFrom(stdin: string): string {
  const password = stdin.split(/\r?\n/)[0] ?? '';
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw badInput(
      `The password must be ${MIN_PASSWORD_LENGTH} characters or more.`,
      'Give it on the first line of standard input, e.g. `bluelamp users add … --password-stdin < file`.',
    );
  return password;
}

function roleOf(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw badInput(`Unknown role "${role}".`, `Roles: ${ROLES.join(', ')}.`);
  return role as Role;
}

const areas = (u: User) => (u.lpas.length ? u.lpas.join(', ') : 'whole force');
const describe = (u: User) =>
  `${u.email}  ${u.role}  ${areas(u)}${u.disabled ? '  (disabled)' : ''}`;

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerUsers(program: Command, ctx: CommandContext): void {
  const users = program
    .command('users')
    .description('Manage the sign-ins of the web service: users add, users list, users disable.');
  users
    .command('add')
    .description('Add a user. The password is read from standard input (--password-stdin).')
    .requiredOption('--email <email>', 'their email address (they sign in with it)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--lpa <name>', 'limit them to this local policing area (repeat for more)', collect, [])
    .option('--name <name>', 'the name shown in the service')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(
      async (opts: {
        email: string;
        role: string;
        lpa: string[];
        name?: string;
        passwordStdin?: boolean;
      }) => {
        const role = roleOf(opts.role);
        if (!opts.passwordStdin)
          throw badInput(
            'Give the password on standard input, with --password-stdin.',
            'A password on the command line would be kept in the shell history.',
          );
        const password = passwordFrom(ctx.io.readStdin());
        await withData(ctx.dataDir(), 'users add', ctx.io, async (d) => {
          const records = await d.records();
          const u = await records.users.add(
            {
              email: opts.email,
              role,
              lpas: opts.lpa,
              password,
              ...(opts.name ? { displayName: opts.name } : {}),
            },
            CLI_ACTOR,
          );
          ctx.io.out(`User added: ${describe(u)}.`);
        });
      },
    );
  users
    .command('list')
    .description('The users: email, role, the areas they are limited to, and whether disabled.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withData(ctx.dataDir(), 'users list', ctx.io, async (d) => {
        const all = await (await d.records()).users.list();
        if (opts.json) {
          ctx.io.out(JSON.stringify({ users: all }, null, 2));
          return;
        }
        if (all.length === 0) ctx.io.out('No users yet. Add one with `bluelamp users add`.');
        for (const u of all) ctx.io.out(describe(u));
      });
    });
  users
    .command('disable')
    .description('Stop a user signing in; their sessions and API tokens stop working at once.')
    .requiredOption('--email <email>', 'their email address')
    .action(async (opts: { email: string }) => {
      await withData(ctx.dataDir(), 'users disable', ctx.io, async (d) => {
        const records = await d.records();
        const u = await records.users.setDisabled(opts.email, true, CLI_ACTOR);
        await records.sessions.revokeAllFor(u.id);
        ctx.io.out(`User disabled: ${u.email}.`);
      });
    });
}
