import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';
import { dataVersion, openFactsStore } from '../../src/facts/store.ts';
import {
  CURRENT_FILE,
  pruneSnapshots,
  publishFacts,
  readPointer,
  tableChecksums,
  type SnapshotPointer,
} from '../../src/facts/snapshot.ts';
import { differingTables, writePointer } from '../../src/facts/snapshot/pointer.ts';

const BIN = resolve('bin/bluelamp.js');
let dir: string;
let cleanup: () => void;
let data: string;
let n = 0;

/** Imports a few more crimes, so the data version moves on. */
async function importMore(rows = 2) {
  n++;
  const csv = writeTableCsv(
    dir,
    `more-${n}.csv`,
    'crimes',
    Array.from({ length: rows }, (_, i) => crime(`M${n}-${i}`)),
  );
  expect((await runCli(['--data-dir', data, 'import', 'crimes', csv])).code).toBe(0);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  data = join(dir, 'data');
  const csv = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1'), crime('C2'), crime('C3')]);
  expect((await runCli(['--data-dir', data, 'import', 'crimes', csv])).code).toBe(0);
});
afterAll(() => cleanup());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('publish-facts', () => {
  it('writes a snapshot equal to the store, table by table, and points CURRENT.json at it', async () => {
    const r = await runCli(['--data-dir', data, 'publish-facts']);
    expect(r.code).toBe(0);
    const out = join(data, 'snapshots');
    const pointer = readPointer(out) as SnapshotPointer;
    expect(r.out).toContain(`as ${pointer.snapshot} in ${out}`);
    expect(readdirSync(join(out, pointer.snapshot)).sort()).toEqual([
      'facts.duckdb',
      'manifest.json',
    ]);
    expect(JSON.parse(readFileSync(join(out, pointer.snapshot, 'manifest.json'), 'utf8'))).toEqual(
      pointer,
    );
    expect(sha256(join(out, pointer.snapshot, 'facts.duckdb'))).toBe(pointer.sha256);

    const source = await openFactsStore(data, { readOnly: true });
    const snap = await openFactsStore(join(out, pointer.snapshot), { readOnly: true });
    try {
      const [a, b] = [await tableChecksums(source), await tableChecksums(snap)];
      expect(differingTables(a, b)).toEqual([]);
      expect(b).toEqual(pointer.tables);
      expect(Object.keys(b)).toContain('crimes');
      expect(b.crimes?.rows).toBe(3);
      expect(await dataVersion(snap)).toBe(await dataVersion(source));
      expect(pointer.dataVersion).toBe(await dataVersion(source));
      // The snapshot is read-only: a write fails.
      await expect(snap.run('DELETE FROM crimes')).rejects.toThrow(/read-only/i);
    } finally {
      source.close();
      snap.close();
    }
  });

  it('--json, and --out somewhere else; the table checksums see a changed row', async () => {
    const out = join(dir, 'elsewhere');
    const r = await runCli(['--data-dir', data, 'publish-facts', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { outDir: string; pointer: SnapshotPointer };
    expect(json.outDir).toBe(out);
    expect(readPointer(out)).toEqual(json.pointer);
    const a = json.pointer.tables;
    await importMore(1);
    const store = await openFactsStore(data, { readOnly: true });
    try {
      expect(differingTables(a, await tableChecksums(store))).toEqual(
        expect.arrayContaining(['_batches', '_meta', 'crimes']),
      );
    } finally {
      store.close();
    }
  });

  it('keeps the newest two snapshots, never removes the one CURRENT.json names, clears old leftovers', async () => {
    const out = join(dir, 'pruned');
    const store = await openFactsStore(data);
    const names: string[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const r = await publishFacts(store, {
          outDir: out,
          now: () => new Date(Date.UTC(2024, 0, 1, 12, i)),
        });
        names.push(r.pointer.snapshot);
      }
    } finally {
      store.close();
    }
    const snapshotsIn = () => readdirSync(out).filter((f) => f.startsWith('facts-v'));
    expect(snapshotsIn().sort()).toEqual(names.slice(2).sort());
    expect(readPointer(out)?.snapshot).toBe(names[3]);

    // CURRENT.json pointing at the older of the two (a publisher rolled back by hand): kept.
    const older = JSON.parse(
      readFileSync(join(out, names[2] as string, 'manifest.json'), 'utf8'),
    ) as SnapshotPointer;
    writePointer(out, older);
    const newer = [
      'facts-v1-20250101T000000000Z-0000000a',
      'facts-v1-20260101T000000000Z-0000000d',
    ];
    for (const d of newer) mkdirSync(join(out, d));
    const stale = join(out, '.facts-v9-20200101T000000000Z-0000000b.partial');
    const fresh = join(out, '.facts-v9-20200101T000000000Z-0000000c.partial');
    mkdirSync(stale);
    mkdirSync(fresh);
    const now = new Date();
    utimesSync(
      stale,
      new Date(now.getTime() - 2 * 3600_000),
      new Date(now.getTime() - 2 * 3600_000),
    );
    const removed = pruneSnapshots(out, 2, now);
    expect(removed).toEqual([names[3]]);
    expect(snapshotsIn().sort()).toEqual([names[2], ...newer].sort());
    const left = readdirSync(out);
    expect(left).not.toContain('.facts-v9-20200101T000000000Z-0000000b.partial');
    expect(left).toContain('.facts-v9-20200101T000000000Z-0000000c.partial');
  });

  it('refuses the data directory itself and an --out that is a file, as user errors', async () => {
    const self = await runCli(['--data-dir', data, 'publish-facts', '--out', data]);
    expect(self.code).toBe(2);
    expect(self.err).toContain('is the data directory itself');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const onFile = await runCli(['--data-dir', data, 'publish-facts', '--out', file]);
    expect(onFile.code).toBe(2);
    expect(onFile.err).toContain(`${file} is a file, not a folder`);
    expect(onFile.err).not.toContain('internal error');
    const none = await runCli(['--data-dir', join(dir, 'nothing'), 'publish-facts']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no Bluelamp data here');
  });

  it('reads a damaged CURRENT.json as a user error naming the file', () => {
    const out = join(dir, 'damaged');
    mkdirSync(out);
    writeFileSync(join(out, CURRENT_FILE), '{"format": 1, "snaps');
    expect(() => readPointer(out)).toThrow(
      `${join(out, CURRENT_FILE)} is damaged (not valid JSON)`,
    );
    writeFileSync(join(out, CURRENT_FILE), '{"format": 2}');
    expect(() => readPointer(out)).toThrow(/is damaged \(format: /);
  });
});

/**
 * A real full or read-only file system: a small tmpfs mounted in a new user and mount
 * namespace (as the CLI's fault tests do), gone when the script ends.
 */
function inNamespace(script: string, out: string): void {
  const r = spawnSync('unshare', ['-rm', 'sh', '-eu', '-c', script], {
    env: { ...process.env, NODE: process.execPath, BIN, DATA: data, OUT: out },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`namespace script failed: ${r.stderr}`);
}

const read = (out: string, name: string) => readFileSync(join(out, name), 'utf8');

describe('publish-facts on a full or read-only disk', () => {
  it('a full target: "the disk is full", nothing published, no partial snapshot left', () => {
    const out = join(dir, 'full-out');
    const mnt = join(dir, 'full-mnt');
    mkdirSync(out);
    mkdirSync(mnt);
    inNamespace(
      `MNT=${JSON.stringify(mnt)}
       mount -t tmpfs -o size=256k tmpfs "$MNT"
       "$NODE" "$BIN" --data-dir "$DATA" publish-facts --out "$MNT/snaps" >"$OUT/out" 2>"$OUT/err" && echo 0 >"$OUT/rc" || echo $? >"$OUT/rc"
       ls -A "$MNT/snaps" >"$OUT/files" 2>/dev/null || true`,
      out,
    );
    expect(read(out, 'rc').trim()).toBe('1');
    expect(read(out, 'err')).toContain(`bluelamp: the disk is full (writing ${mnt}/snaps/`);
    expect(read(out, 'err')).not.toContain('internal error');
    expect(read(out, 'files').trim()).toBe('');
  });

  it('a read-only target is a user error; a read-only data directory still publishes elsewhere', () => {
    const out = join(dir, 'ro-out');
    const mnt = join(dir, 'ro-mnt');
    const src = join(dir, 'ro-src');
    mkdirSync(out);
    mkdirSync(mnt);
    mkdirSync(src);
    inNamespace(
      `MNT=${JSON.stringify(mnt)}; SRC=${JSON.stringify(src)}
       mount -t tmpfs -o size=16m tmpfs "$MNT"
       mount -o remount,ro "$MNT"
       "$NODE" "$BIN" --data-dir "$DATA" publish-facts --out "$MNT" >"$OUT/out" 2>"$OUT/err" && echo 0 >"$OUT/rc" || echo $? >"$OUT/rc"
       mount -t tmpfs -o size=16m tmpfs "$SRC"
       cp "$DATA/facts.duckdb" "$SRC/"
       mount -o remount,ro "$SRC"
       "$NODE" "$BIN" --data-dir "$SRC" publish-facts --out "$OUT/snaps" >"$OUT/out2" 2>"$OUT/err2" && echo 0 >"$OUT/rc2" || echo $? >"$OUT/rc2"`,
      out,
    );
    expect(read(out, 'rc').trim()).toBe('1');
    expect(read(out, 'err')).toContain(`bluelamp: ${mnt}/`);
    expect(read(out, 'err')).toContain('is on a read-only file system');
    expect(read(out, 'rc2').trim()).toBe('0');
    expect(read(out, 'err2')).toContain('is read-only; reading it without taking the lock');
    const pointer = readPointer(join(out, 'snaps')) as SnapshotPointer;
    expect(pointer.tables.crimes?.rows).toBeGreaterThan(0);
  });
});
