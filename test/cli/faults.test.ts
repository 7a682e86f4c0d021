import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';
import { faultToError } from '../../src/lib/fs-faults.ts';

// "Faults called bugs": a read-only data directory, a full disk, --out into a missing folder or
// onto a file, `… | head`. Each must be a user error naming the path, never "internal error".

const BIN = resolve('bin/bluelamp.js');
let dir: string;
let cleanup: () => void;
let data: string;
let bigCsv: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  data = join(dir, 'data');
  const csv = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1'), crime('C2')]);
  expect((await runCli(['--data-dir', data, 'import', 'crimes', csv])).code).toBe(0);
  // Big enough that its import cannot fit in the little space left on the "full" disk.
  const rows = Array.from({ length: 30_000 }, (_, i) => crime(`B${i}`));
  bigCsv = writeTableCsv(dir, 'big.csv', 'crimes', rows);
});
afterAll(() => cleanup());

/** The error a real fs call raises, for the mapper's tests. */
function fsError(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

async function duckDbError(sql: string): Promise<unknown> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(sql);
  } catch (e) {
    return e;
  } finally {
    c.closeSync();
    db.closeSync();
  }
  throw new Error('expected the statement to fail');
}

describe('faultToError maps machine and path faults to user errors', () => {
  it('real Node errors: missing folder, file on the way, folder as a file, mkdir onto a file', () => {
    const file = join(dir, 'a-file.txt');
    writeFileSync(file, 'x');
    const cases: [unknown, string, string][] = [
      [
        fsError(() => writeFileSync(join(dir, 'no-such-folder', 'out.csv'), '')),
        'PATH_NOT_FOUND',
        `the folder ${join(dir, 'no-such-folder')} does not exist`,
      ],
      [
        fsError(() => openSync(join(file, 'out.csv'), 'w')),
        'NOT_A_DIRECTORY',
        `${file} is a file, not a folder`,
      ],
      [fsError(() => openSync(dir, 'w')), 'IS_A_DIRECTORY', `${dir} is a folder, not a file`],
      [
        fsError(() => mkdirSync(file, { recursive: true })),
        'NOT_A_DIRECTORY',
        `${file} is a file, not a folder`,
      ],
    ];
    for (const [e, code, message] of cases) {
      const mapped = faultToError(e);
      expect(mapped?.code).toBe(code);
      expect(mapped?.message).toContain(message);
      expect(mapped?.exitCode).toBe(2);
    }
  });

  it('errno faults that cannot be caused on demand here: EROFS, EACCES, ENOSPC, EMFILE, EIO', () => {
    const errno = (code: string, path: string) =>
      Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path, syscall: 'open' });
    const dataDir = join(dir, 'd');
    const inData = join(dataDir, 'bluelamp.lock');
    expect(faultToError(errno('EROFS', inData), { dataDir })?.message).toBe(
      `the data directory ${dataDir} is read-only; this command needs to write to it (${inData}).`,
    );
    expect(faultToError(errno('EACCES', inData), { dataDir })).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: `permission denied on ${inData} in the data directory ${dataDir}.`,
    });
    expect(faultToError(errno('EPERM', '/x/out.csv'))?.code).toBe('PERMISSION_DENIED');
    expect(faultToError(errno('ENOSPC', inData), { dataDir })).toMatchObject({
      code: 'DISK_FULL',
      message: `the disk is full (writing ${inData}).`,
      exitCode: 1,
    });
    expect(faultToError(errno('EMFILE', '/x/a.csv'))?.code).toBe('TOO_MANY_OPEN_FILES');
    expect(faultToError(errno('EIO', '/x/a.csv'))?.code).toBe('IO_ERROR');
    // A write on a file descriptor names no path: the caller's path is used.
    const noPath = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    expect(faultToError(noPath, { path: inData })?.message).toBe(
      `the disk is full (writing ${inData}).`,
    );
  });

  it("DuckDB's IO errors: a full device, a missing folder, a directory, read-only", async () => {
    const full = faultToError(await duckDbError("COPY (SELECT 1) TO '/dev/full' (FORMAT csv)"));
    expect(full).toMatchObject({
      code: 'DISK_FULL',
      message: 'the disk is full (writing /dev/full).',
    });
    const missing = join(dir, 'missing', 'x.csv');
    expect(
      faultToError(await duckDbError(`COPY (SELECT 1) TO '${missing}' (FORMAT csv)`))?.message,
    ).toContain(`the folder ${join(dir, 'missing')} does not exist`);
    expect(faultToError(await duckDbError(`COPY (SELECT 1) TO '${dir}' (FORMAT csv)`))?.code).toBe(
      'IS_A_DIRECTORY',
    );
    // The message DuckDB gives when it cannot open a store on a read-only file system.
    const ro = new Error(
      'IO Error: Cannot open file "/mnt/ro/facts.duckdb": Read-only file system',
    );
    expect(faultToError(ro, { dataDir: '/mnt/ro' })?.code).toBe('READ_ONLY');
    // A checkpoint that fails for want of space invalidates the database: still a full disk.
    const fatal = new Error(
      'FATAL Error: Failed: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.\nOriginal error: "Failed to create checkpoint because of error: Could not write file "/srv/data/facts.duckdb": No space left on device"',
    );
    expect(faultToError(fatal, { dataDir: '/srv/data' })?.message).toBe(
      'the disk is full (writing /srv/data/facts.duckdb).',
    );
  });

  it('leaves bugs as bugs', () => {
    expect(faultToError(new TypeError('x is undefined'))).toBeNull();
    expect(faultToError(new Error('Binder Error: column "x" not found'))).toBeNull();
  });
});

describe('--out that cannot be written is a user error', () => {
  it('export --out into a missing folder or onto a folder', async () => {
    for (const out of [join(dir, 'no-such-folder', 'crimes.csv'), dir]) {
      const r = await runCli(['--data-dir', data, 'export', 'crimes', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.err).not.toContain('internal error');
      expect(r.err).toContain(out);
    }
  });

  it('report --out onto a file', async () => {
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'x');
    const r = await runCli(['--data-dir', data, 'report', '--period', '2021/22-Q1', '--out', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`bluelamp: ${file} is a file, not a folder`);
  });
});

/**
 * Runs a shell script in a new user and mount namespace, where it may mount a small tmpfs over
 * MNT — a real read-only or full file system, as root or not, gone when the script ends.
 * Results are written as files to OUT (outside the mount).
 */
function inNamespace(script: string, out: string): void {
  const r = spawnSync('unshare', ['-rm', 'sh', '-eu', '-c', script], {
    env: { ...process.env, NODE: process.execPath, BIN, DATA: data, BIG: bigCsv, OUT: out },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`namespace script failed: ${r.stderr}`);
}

const runsTo = (name: string) =>
  `node "$BIN" --data-dir "$MNT" "$@" >"$OUT/${name}.out" 2>"$OUT/${name}.err" && echo 0 >"$OUT/${name}.rc" || echo $? >"$OUT/${name}.rc"`;

function result(out: string, name: string) {
  const read = (ext: string) => readFileSync(join(out, `${name}.${ext}`), 'utf8');
  return { code: Number(read('rc').trim()), out: read('out'), err: read('err') };
}

describe('a read-only data directory (a tmpfs remounted read-only)', () => {
  it('read commands work, writes say the directory is read-only', () => {
    const out = join(dir, 'ro-out');
    const mnt = join(dir, 'ro-mnt');
    mkdirSync(out);
    mkdirSync(mnt);
    const exported = join(out, 'crimes.csv');
    inNamespace(
      `MNT=${JSON.stringify(mnt)}
       mount -t tmpfs -o size=16m tmpfs "$MNT"
       cp "$DATA/facts.duckdb" "$MNT/"
       mount -o remount,ro "$MNT"
       run() { name=$1; shift; ${runsTo('$name')}; }
       run status status --json
       run scorecard scorecard --period 2021/22-Q1 --json
       run scorecard2 scorecard --period 2021/22-Q1 --json
       run export export crimes --out ${JSON.stringify(exported)}
       run import import crimes "$BIG"
       ls -A "$MNT" >"$OUT/files"`,
      out,
    );
    const status = result(out, 'status');
    expect(status.code).toBe(0);
    expect(
      JSON.parse(status.out).tables.find((t: { table: string }) => t.table === 'crimes').rows,
    ).toBe(2);
    for (const name of ['scorecard', 'scorecard2']) {
      const s = result(out, name);
      expect(s.code).toBe(0);
      expect(JSON.parse(s.out).measures.length).toBeGreaterThan(0);
    }
    expect(result(out, 'export').code).toBe(0);
    expect(readFileSync(exported, 'utf8').split('\n')).toHaveLength(4);
    const imp = result(out, 'import');
    expect(imp.code).toBe(1);
    expect(imp.err).toContain(`bluelamp: the data directory ${mnt} is read-only;`);
    expect(imp.err).not.toContain('internal error');
    expect(readFileSync(join(out, 'files'), 'utf8').trim()).toBe('facts.duckdb');
  });
});

describe('a data directory this user may only read (permissions)', () => {
  it('read commands work, an import says the directory is read-only for this user', () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    copyFileSync(join(data, 'facts.duckdb'), join(shared, 'facts.duckdb'));
    chmodSync(join(shared, 'facts.duckdb'), 0o444);
    chmodSync(shared, 0o555);
    chmodSync(dir, 0o755);
    // Root may write anywhere, so as root the CLI runs as "nobody" to meet the permissions.
    const asUser =
      process.getuid?.() === 0
        ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']
        : [];
    const run = (...args: string[]) => {
      const [cmd, ...rest] = [...asUser, process.execPath, BIN, '--data-dir', shared, ...args];
      return spawnSync(cmd as string, rest, { encoding: 'utf8' });
    };
    // (Writable again afterwards, so the temporary directory can be removed.)
    onTestFinished(() => chmodSync(shared, 0o755));
    const status = run('status', '--json');
    expect(status.status).toBe(0);
    expect(
      JSON.parse(status.stdout).tables.find((t: { table: string }) => t.table === 'crimes').rows,
    ).toBe(2);
    const imp = run('import', 'crimes', bigCsv);
    expect(imp.status).toBe(1);
    expect(imp.stderr).toContain(
      `bluelamp: the data directory ${shared} is read-only for this user`,
    );
    expect(imp.stderr).not.toContain('internal error');
  });
});

describe('a full disk (a small tmpfs filled up)', () => {
  it('at the start of an import: "the disk is full", nothing changed, no lock left behind', () => {
    const out = join(dir, 'full-out');
    const mnt = join(dir, 'full-mnt');
    mkdirSync(out);
    mkdirSync(mnt);
    inNamespace(
      `MNT=${JSON.stringify(mnt)}
       mount -t tmpfs -o size=32m tmpfs "$MNT"
       cp "$DATA/facts.duckdb" "$MNT/"
       cksum <"$MNT/facts.duckdb" >"$OUT/before"
       dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true
       run() { name=$1; shift; ${runsTo('$name')}; }
       run import import crimes "$BIG"
       cksum <"$MNT/facts.duckdb" >"$OUT/after"
       ls -A "$MNT" >"$OUT/files"
       rm "$MNT/filler"
       run status status --json`,
      out,
    );
    const imp = result(out, 'import');
    expect(imp.code).toBe(1);
    expect(imp.err).toContain(`bluelamp: the disk is full (writing ${mnt}/`);
    expect(imp.err).not.toContain('internal error');
    expect(readFileSync(join(out, 'after'), 'utf8')).toBe(
      readFileSync(join(out, 'before'), 'utf8'),
    );
    expect(readFileSync(join(out, 'files'), 'utf8').split('\n')).not.toContain('bluelamp.lock');
    // Once there is space again, the next command is not jammed by a lock left behind.
    expect(result(out, 'status').code).toBe(0);
  });

  it('during an import: "the disk is full", the import rolled back, the lock released', () => {
    const out = join(dir, 'mid-out');
    const mnt = join(dir, 'mid-mnt');
    mkdirSync(out);
    mkdirSync(mnt);
    inNamespace(
      `MNT=${JSON.stringify(mnt)}
       mount -t tmpfs -o size=32m tmpfs "$MNT"
       cp "$DATA/facts.duckdb" "$MNT/"
       dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true
       # Leave room for the lock and the start of the import, not for all of it.
       rm "$MNT/filler"
       dd if=/dev/zero of="$MNT/filler" bs=4k count=$(( $(df -k "$MNT" | awk 'NR==2 {print $4}') / 4 - 64 )) 2>/dev/null
       run() { name=$1; shift; ${runsTo('$name')}; }
       run import import crimes "$BIG"
       ls -A "$MNT" >"$OUT/files"
       rm "$MNT/filler"
       run status status --json`,
      out,
    );
    const imp = result(out, 'import');
    expect(imp.code).toBe(1);
    expect(imp.err).toContain(`bluelamp: the disk is full (writing ${mnt}/`);
    expect(imp.err).not.toContain('internal error');
    expect(readFileSync(join(out, 'files'), 'utf8').split('\n')).not.toContain('bluelamp.lock');
    const status = result(out, 'status');
    expect(status.code).toBe(0);
    const crimes = JSON.parse(status.out).tables.find(
      (t: { table: string }) => t.table === 'crimes',
    );
    expect(crimes).toMatchObject({ rows: 2, batches: 1 });
  });
});

describe('a reader that goes away (`bluelamp … | head`)', () => {
  // The reader (`true`) has exited long before the CLI's first line, so every write meets a
  // closed pipe; the CLI must end quietly, with no stack trace.
  it.each([['status'], ['export', 'crimes']])('%s into a closed pipe ends quietly', (...args) => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        'node "$BIN" --data-dir "$DATA" "$@" | true; exit "${PIPESTATUS[0]}"',
        'bluelamp',
        ...args,
      ],
      { env: { ...process.env, BIN, DATA: data }, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
