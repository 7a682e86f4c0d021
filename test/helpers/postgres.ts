import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL database of its own for one test file. With BLUELAMP_TEST_DATABASE_URL (as
 * .ci/run sets it) a fresh database is created on that server and dropped afterwards. Without
 * it, outside CI, a throwaway server is started from Debian's binaries (initdb and pg_ctl, as
 * user postgres when we are root) on 127.0.0.1 and a random port, in a temporary folder, and
 * stopped afterwards. In CI a missing server is a failure, never a skip.
 */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

function pgBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(PG_ROOT, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a PostgreSQL binary, as user postgres when we are root (initdb refuses root). */
function runPg(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

async function throwawayServer(): Promise<{ url: string; stop: () => void }> {
  const bin = pgBin();
  if (!bin)
    throw new Error(
      "PostgreSQL is needed for these tests: set BLUELAMP_TEST_DATABASE_URL, or install Debian's postgresql package.",
    );
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const user = asRoot ? 'postgres' : userInfo().username;
  const data = join(dir, 'data');
  runPg(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', user, '--no-sync', '-E', 'UTF8']);
  // A port picked free may be taken before the server binds it: try a few.
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      runPg(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
        'start',
      ]);
      const stop = () => {
        try {
          runPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      };
      return { url: `postgres://${user}@127.0.0.1:${port}/postgres`, stop };
    } catch (e) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
}

/** A fresh database: on BLUELAMP_TEST_DATABASE_URL's server, or on a throwaway server. */
export async function testDatabase(): Promise<TestDatabase> {
  const given = process.env.BLUELAMP_TEST_DATABASE_URL;
  if (!given && process.env.CI === 'true')
    throw new Error(
      'BLUELAMP_TEST_DATABASE_URL is not set: CI must test against PostgreSQL (.ci/run starts one).',
    );
  const server = given ? { url: given, stop: () => undefined } : await throwawayServer();
  const name = `bluelamp_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        const c = new pg.Client({ connectionString: server.url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      } finally {
        server.stop();
      }
    },
  };
}
