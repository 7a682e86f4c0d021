import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { acquireLock, LOCK_FILE, UNREADABLE_STALE_MS } from '../../src/lib/lock.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { openFactsStore } from '../../src/facts/store.ts';
import { catalogue } from '../../src/measures/load-catalogue.ts';
import { COMMENTARY_FILE, listCommentary } from '../../src/app/commentary.ts';
import { clearRecordsOf, withRecordsOf } from '../records/stores.ts';
import { tempDir } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';
import { ROOT, startChild } from '../helpers/children.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const now = () => new Date('2021-07-01T09:00:00Z');

describe('data-directory lock', () => {
  it('a second holder gets a clear error naming the first, until it releases', () => {
    const first = acquireLock(dir, 'import crimes', now);
    let err: unknown;
    try {
      acquireLock(dir, 'demo', now);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BluelampError);
    expect((err as BluelampError).code).toBe('DATA_DIR_LOCKED');
    expect((err as BluelampError).message).toBe(
      `The data directory is in use by process ${process.pid} on ${hostname()} running "import crimes" since 2021-07-01T09:00:00.000Z.`,
    );
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireLock(dir, 'demo', now).release();
  });

  it('a lock left by a process that has died is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: dead, host: hostname(), command: 'demo', since: 'earlier' }),
    );
    const lock = acquireLock(dir, 'status', now);
    lock.release();
  });

  it('a lock held by another host is never taken over', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'elsewhere', command: 'serve', since: 'earlier' }),
    );
    expect(() => acquireLock(dir, 'status', now)).toThrow(/process 1 on elsewhere running "serve"/);
  });
});

const deadPid = () => spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
const CONTENDER = join(ROOT, 'test', 'helpers', 'lock-contender.ts');

/** One round: `n` processes race for the lock at once; returns what each said. */
async function race(n: number, round: string): Promise<{ said: string[]; notices: string[] }> {
  const go = join(dir, `${round}.go`);
  const done = join(dir, `${round}.done`);
  const children = Array.from({ length: n }, () =>
    startChild(CONTENDER, [dir, go, done], { tsx: true }),
  );
  await Promise.all(children.map((c) => c.waitFor('ready\n')));
  writeFileSync(go, '');
  // Everyone has answered once each has said "held" or exited (having said "locked").
  await Promise.all(children.map((c) => c.waitFor('held\n').catch(() => undefined)));
  writeFileSync(done, '');
  const exits = await Promise.all(children.map((c) => c.exited));
  for (const [i, e] of exits.entries())
    expect(e, children[i]?.stderr()).toEqual({ code: 0, signal: null });
  return {
    said: children.map((c) => c.stdout().replace('ready\n', '').trim()),
    notices: children.flatMap((c) =>
      c
        .stderr()
        .split('\n')
        .filter((l) => l.includes('took over')),
    ),
  };
}

describe('data-directory lock: races and broken lock files', () => {
  it('of 8 processes racing for a stale lock, exactly one holds it, every round', async () => {
    for (let round = 0; round < 5; round++) {
      const stale = round % 2 === 0;
      if (stale) {
        const pid = deadPid();
        writeFileSync(
          join(dir, LOCK_FILE),
          JSON.stringify({ pid, host: hostname(), command: 'import crimes', since: 'earlier' }),
        );
      } else {
        // An empty lock file from a full disk, a minute old.
        writeFileSync(join(dir, LOCK_FILE), '');
        const old = new Date(Date.now() - 60_000);
        utimesSync(join(dir, LOCK_FILE), old, old);
      }
      const { said, notices } = await race(8, `round-${round}`);
      expect(
        said.filter((s) => s === 'held'),
        `round ${round}: ${said.join(', ')}`,
      ).toHaveLength(1);
      expect(said.filter((s) => s === 'locked')).toHaveLength(7);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        stale
          ? /^bluelamp: took over a stale lock left by process \d+ \("import crimes", which has ended\)\.$/
          : /^bluelamp: took over a stale lock \(an empty or unreadable lock file\)\.$/,
      );
      // Released by its holder; no temporary or takeover file left behind.
      expect(readdirSync(dir).filter((f) => f.includes(LOCK_FILE))).toEqual([]);
    }
  }, 300_000);

  it('of 8 processes racing for a free lock, exactly one holds it', async () => {
    const { said } = await race(8, 'free');
    expect(said.filter((s) => s === 'held')).toHaveLength(1);
    expect(said.filter((s) => s === 'locked')).toHaveLength(7);
  }, 120_000);

  it('an empty lock file is refused while it may still be being written, then taken over', () => {
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '');
    expect(() => acquireLock(dir, 'status', now)).toThrow(
      /in use by another process \(the lock file is empty or unreadable, perhaps still being written\)/,
    );
    const old = new Date(Date.now() - UNREADABLE_STALE_MS - 1_000);
    utimesSync(path, old, old);
    const notices: string[] = [];
    const lock = acquireLock(dir, 'status', now, (n) => notices.push(n));
    expect(notices).toEqual([
      'bluelamp: took over a stale lock (an empty or unreadable lock file).',
    ]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'status',
    });
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('an old empty lock file does not jam the next command, which says it took it over', async () => {
    (await openFactsStore(dir)).close();
    writeFileSync(join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    const r = await runCli(['--data-dir', dir, 'status']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('bluelamp: took over a stale lock (an empty or unreadable lock file).');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('the lock file holds the whole holder from the moment it exists, and release leaves a newer holder alone', () => {
    const lock = acquireLock(dir, 'import crimes', now);
    const path = join(dir, LOCK_FILE);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      command: 'import crimes',
      since: '2021-07-01T09:00:00.000Z',
    });
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    // Someone deleted it by hand and another process took the lock: ours must not remove theirs.
    const theirs = JSON.stringify({ pid: 1, host: 'elsewhere', command: 'serve', since: 'now' });
    writeFileSync(path, theirs);
    lock.release();
    expect(readFileSync(path, 'utf8')).toBe(theirs);
  });
});

it('clears the temporary lock files of processes killed while taking the lock', () => {
  const leftover = `.${LOCK_FILE}.${deadPid()}.0a1b2c.tmp`;
  writeFileSync(join(dir, leftover), '{"pid"');
  acquireLock(dir, 'status', now).release();
  expect(readdirSync(dir)).toEqual([]);
});

describe('commentary set takes the lock', () => {
  it('8 concurrent writers of different measures: every one of them is kept', async () => {
    (await openFactsStore(dir)).close();
    const ids = catalogue()
      .map((m) => m.id)
      .slice(0, 8);
    expect(ids).toHaveLength(8);
    for (let round = 0; round < 2; round++) {
      rmSync(join(dir, COMMENTARY_FILE), { force: true });
      await clearRecordsOf(dir, ['commentary']);
      const writers = ids.map((id) =>
        startChild(join(ROOT, 'bin', 'bluelamp.js'), [
          '--data-dir',
          dir,
          'commentary',
          'set',
          id,
          '--period',
          '2021/22-Q1',
          '--text',
          `round ${round}: note on ${id}`,
        ]),
      );
      const exits = await Promise.all(writers.map((w) => w.exited));
      for (const [i, e] of exits.entries())
        expect(e, writers[i]?.stderr()).toEqual({ code: 0, signal: null });
      const saved = await withRecordsOf(dir, (r) => listCommentary(r, '2021/22-Q1', null));
      expect(Object.keys(saved).sort()).toEqual([...ids].sort());
      for (const id of ids) expect(saved[id]?.text).toBe(`round ${round}: note on ${id}`);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    }
  }, 300_000);

  it('refuses a data directory that holds no Bluelamp data instead of creating one', async () => {
    const missing = join(dir, 'typo');
    const r = await runCli([
      '--data-dir',
      missing,
      'commentary',
      'set',
      '_summary',
      '--period',
      '2021/22-Q1',
      '--text',
      'x',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no Bluelamp data here');
    expect(existsSync(missing)).toBe(false);
  });
});
