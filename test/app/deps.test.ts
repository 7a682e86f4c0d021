import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDeps } from '../../src/app/deps.ts';
import { createLogger } from '../../src/app/logger.ts';
import { LOCK_FILE } from '../../src/lib/lock.ts';
import { FACTS_FILE } from '../../src/facts/store.ts';
import { tempDir } from '../helpers/files.ts';

// "One place builds dependencies (clock, logger, stores, lock) for the CLI and later the web app."
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const clock = { now: () => new Date('2026-03-04T05:06:07Z') };

describe('buildDeps', () => {
  it('creates the store under the lock, with the given clock, and close() undoes both', async () => {
    const data = join(dir, 'data');
    const lines: string[] = [];
    const logger = createLogger({ env: { BLUELAMP_LOG: 'debug' }, write: (l) => lines.push(l) });
    const d = await buildDeps({ dataDir: data, access: 'create', command: 'demo', clock, logger });
    expect(d.dataDir).toBe(data);
    expect(d.clock).toBe(clock);
    expect(d.readOnly).toBe(false);
    expect(existsSync(join(data, FACTS_FILE))).toBe(true);
    const holder = JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(holder).toMatchObject({ command: 'demo', since: '2026-03-04T05:06:07.000Z' });
    expect(await d.facts.all('SELECT 1 AS one')).toEqual([{ one: 1 }]);

    // A second builder on the same directory is refused while the first holds it.
    await expect(
      buildDeps({ dataDir: data, access: 'read', command: 'status', clock }),
    ).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });

    d.close();
    d.close();
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toEqual([
      {
        level: 'info',
        event: 'data.open',
        command: 'demo',
        access: 'create',
        readOnly: false,
        locked: true,
      },
      { level: 'debug', event: 'data.close', command: 'demo' },
    ]);
    // The data directory's path (which may name the user) is never logged.
    expect(lines.join('\n')).not.toContain(dir);
  });

  it('read and write access refuse a directory without Bluelamp data and create nothing', async () => {
    const missing = join(dir, 'bluelamp-dta');
    for (const access of ['read', 'write'] as const)
      await expect(
        buildDeps({ dataDir: missing, access, command: 'status', clock }),
      ).rejects.toMatchObject({ code: 'NOT_A_DATA_DIR' });
    expect(existsSync(missing)).toBe(false);
  });

  it('opens existing data for reading and for writing', async () => {
    const data = join(dir, 'data');
    (await buildDeps({ dataDir: data, access: 'create', command: 'import', clock })).close();
    for (const access of ['read', 'write'] as const) {
      const d = await buildDeps({ dataDir: data, access, command: 'status', clock });
      expect(d.readOnly).toBe(false);
      expect(existsSync(join(data, LOCK_FILE))).toBe(true);
      d.close();
      expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    }
  });
});
