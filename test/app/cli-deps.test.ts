import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';

// The CLI opens its data through the shared builder: its clock stamps the lock, and with
// BLUELAMP_LOG set the builder's logger reports on standard error, without the data path.
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const events = (err: string) =>
  err
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the CLI on the app dependency builder', () => {
  it('logs opening and closing the data only when BLUELAMP_LOG is set', async () => {
    const dataDir = join(dir, 'data');
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')]);
    const quiet = await runCli(['--data-dir', dataDir, 'import', 'crimes', f]);
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');

    const logged = await runCli(['--data-dir', dataDir, 'status', '--json'], {
      env: { BLUELAMP_LOG: 'debug' },
    });
    expect(logged.code).toBe(0);
    expect(JSON.parse(logged.out)).toMatchObject({ lastImport: '2021-07-05T10:00:00' });
    expect(events(logged.err)).toEqual([
      {
        level: 'info',
        event: 'data.open',
        command: 'status',
        access: 'read',
        readOnly: false,
        locked: true,
      },
      { level: 'debug', event: 'data.close', command: 'status' },
    ]);
    expect(logged.err).not.toContain(dir);
  });
});
