import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/app/deps.ts';
import { openRecords } from '../../src/records/open.ts';
import { ROOT } from '../helpers/children.ts';
import { tempDir } from '../helpers/files.ts';
import { testDatabase, type TestDatabase } from '../helpers/postgres.ts';

// `bluelamp users …` and `bluelamp tokens …`, run as a user would: the real command, spawned,
// with the password on standard input.

const BIN = join(ROOT, 'bin', 'bluelamp.js');
const PASSWORD = 'a very long password';

let dir: string;
let cleanup: () => void;
let dataDir: string;

function run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', BLUELAMP_LOG: '', ...opts.env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A data directory holding (empty) Bluelamp data, as `bluelamp import` leaves one. */
async function makeDataDir(path: string): Promise<void> {
  await (await buildDeps({ dataDir: path, access: 'create', command: 'test' })).close();
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  await makeDataDir(dataDir);
});
afterAll(() => cleanup());

describe('bluelamp users', () => {
  it('adds a user with the password from standard input, lists and disables them', () => {
    const add = run(
      [
        'users',
        'add',
        '--email',
        'Ann@Example.org',
        '--role',
        'analyst',
        '--lpa',
        'North',
        '--lpa',
        'South',
        '--name',
        'Ann',
        '--password-stdin',
      ],
      { input: `${PASSWORD}\n` },
    );
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toContain('User added: ann@example.org  analyst  North, South');
    expect(
      run(['users', 'add', '--email', 'ann@example.org', '--role', 'lead', '--password-stdin'], {
        input: PASSWORD,
      }).err,
    ).toMatch(/already exists/);

    const list = run(['users', 'list', '--json']);
    expect(list.code).toBe(0);
    const { users } = JSON.parse(list.out) as { users: Record<string, unknown>[] };
    expect(users).toEqual([
      expect.objectContaining({
        email: 'ann@example.org',
        displayName: 'Ann',
        role: 'analyst',
        lpas: ['North', 'South'],
        disabled: false,
      }),
    ]);
    // Neither the password nor its hash is ever shown.
    expect(list.out).not.toMatch(/scrypt|very long password/);

    expect(run(['users', 'disable', '--email', 'ann@example.org']).code).toBe(0);
    expect(run(['users', 'list']).out).toContain(
      'ann@example.org  analyst  North, South  (disabled)',
    );
    const unknown = run(['users', 'disable', '--email', 'nobody@example.org']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('There is no user with that email address.');
  });

  it('refuses a short password, a password not on standard input, and an unknown role', () => {
    const short = run(
      ['users', 'add', '--email', 'b@example.org', '--role', 'lead', '--password-stdin'],
      {
        input: 'elevenchars\n',
      },
    );
    expect(short.code).toBe(2);
    expect(short.err).toContain('12 characters or more');
    const noStdin = run(['users', 'add', '--email', 'b@example.org', '--role', 'lead']);
    expect(noStdin.code).toBe(2);
    expect(noStdin.err).toContain('--password-stdin');
    const role = run(
      ['users', 'add', '--email', 'b@example.org', '--role', 'chief', '--password-stdin'],
      {
        input: PASSWORD,
      },
    );
    expect(role.code).toBe(2);
    expect(role.err).toContain('Unknown role "chief"');
    expect(JSON.parse(run(['users', 'list', '--json']).out).users).toHaveLength(1);
  });
});

describe('bluelamp tokens', () => {
  it('prints a token once, lists it without its secret, and revokes it', async () => {
    expect(
      run(['users', 'add', '--email', 'api@example.org', '--role', 'lead', '--password-stdin'], {
        input: PASSWORD,
      }).code,
    ).toBe(0);
    const made = run(['tokens', 'create', '--email', 'api@example.org', '--label', 'dashboard']);
    expect(made.code).toBe(0);
    const secret = made.out.trim();
    expect(secret).toMatch(/^blt_[A-Za-z0-9_-]{43}$/);
    expect(made.err).toContain('shown once');

    const list = run(['tokens', 'list', '--json']);
    const { tokens } = JSON.parse(list.out) as {
      tokens: { id: string; label: string; email: string; revokedAt: unknown }[];
    };
    expect(tokens).toEqual([
      expect.objectContaining({ label: 'dashboard', email: 'api@example.org', revokedAt: null }),
    ]);
    expect(list.out + run(['tokens', 'list']).out).not.toContain(secret);

    const check = async () => {
      const records = await openRecords({ dataDir, clock: { now: () => new Date() } });
      try {
        return await records.tokens.verify(secret);
      } finally {
        await records.close();
      }
    };
    expect((await check())?.email).toBe('api@example.org');
    const id = tokens[0]?.id ?? '';
    expect(run(['tokens', 'revoke', id]).out).toContain(`Token ${id} revoked.`);
    expect(await check()).toBeNull();
    expect(run(['tokens', 'revoke', id]).code).toBe(2);

    const audit = await (async () => {
      const records = await openRecords({ dataDir, clock: { now: () => new Date() } });
      try {
        return await records.audit.list({ limit: 100 });
      } finally {
        await records.close();
      }
    })();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user_added', 'user_disabled', 'token_created', 'token_revoked']),
    );
    expect(audit.every((a) => a.via === 'cli')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});

describe('with DATABASE_URL', () => {
  let db: TestDatabase;
  let pgDataDir: string;
  beforeAll(async () => {
    db = await testDatabase();
    pgDataDir = join(dir, 'pg-data');
    await makeDataDir(pgDataDir);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps the users in that PostgreSQL server, not in the data directory', () => {
    const env = { DATABASE_URL: db.url };
    const saved = dataDir;
    dataDir = pgDataDir;
    try {
      expect(
        run(['users', 'add', '--email', 'pg@example.org', '--role', 'panel', '--password-stdin'], {
          input: PASSWORD,
          env,
        }).code,
      ).toBe(0);
      expect(run(['users', 'list'], { env }).out).toContain('pg@example.org  panel  whole force');
      expect(existsSync(join(pgDataDir, 'records'))).toBe(false);
      // Without it, the same data directory has its own (empty) PGlite records.
      expect(run(['users', 'list']).out).toContain('No users yet.');
    } finally {
      dataDir = saved;
    }
  });
});
