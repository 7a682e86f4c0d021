/**
 * A child process for the lock-race tests: says "ready", waits for the go file, tries to take the
 * data-directory lock once and says "held" or "locked". A holder keeps the lock until the done
 * file appears, so every contender of a round races against it rather than after it.
 * Usage: node --import tsx lock-contender.ts DATA_DIR GO_FILE DONE_FILE
 */
import { existsSync } from 'node:fs';
import { acquireLock } from '../../src/lib/lock.ts';
import { BluelampError } from '../../src/lib/errors.ts';

const [dataDir = '', goFile = '', doneFile = ''] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

process.stdout.write('ready\n');
while (!existsSync(goFile)) {
  // spin: every contender starts within a millisecond or so of the others
}
try {
  const lock = acquireLock(dataDir, 'contender', undefined, (n) => process.stderr.write(`${n}\n`));
  process.stdout.write('held\n');
  while (!existsSync(doneFile)) await sleep(10);
  lock.release();
} catch (e) {
  if (!(e instanceof BluelampError && e.code === 'DATA_DIR_LOCKED')) throw e;
  process.stdout.write('locked\n');
}
