import { afterEach, beforeEach } from 'vitest';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { tempDir } from './files.ts';

/**
 * A fresh in-memory facts store and an empty temporary folder for each test, closed and removed
 * after it. `use` receives them before every test (assign them to the file's own variables).
 */
export function withTempStore(use: (t: { store: FactsStore; dir: string }) => void): void {
  let store: FactsStore | undefined;
  let cleanup = () => undefined as void;
  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openFactsStore(':memory:');
    use({ store, dir: t.dir });
  });
  afterEach(() => {
    store?.close();
    cleanup();
  });
}
