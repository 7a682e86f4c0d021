import { join } from 'node:path';
import { dependencyOrder } from '../facts/dependency-order.ts';
import { importTable } from '../facts/import/import-table.ts';
import type { ImportResult } from '../facts/import/import-batch.ts';
import type { ImportProgress } from '../facts/import/progress.ts';
import { type FactsStore } from '../facts/store.ts';
import { removeBatchesWithPrefix } from '../facts/import/remove-batches.ts';
import { generateDemo } from './generate.ts';
import { DEMO_LPA_POPULATIONS } from './force.ts';

export interface DemoOptions {
  readonly seed: number;
  readonly scale: number;
  readonly dataDir: string;
  readonly now?: () => Date;
  readonly onProgress?: (p: ImportProgress) => void;
  readonly onTable?: (r: ImportResult) => void;
}

export const DEMO_BATCH_PREFIX = 'demo:';

/**
 * Generates the synthetic force as files in the import format (kept in the data directory
 * as worked examples) and loads them through the same importers users run. Earlier demo
 * batches are removed first so a different seed or scale starts clean.
 */
export async function loadDemo(
  store: FactsStore,
  opts: DemoOptions,
): Promise<{
  results: ImportResult[];
  filesDir: string;
  generateSeconds: number;
  /** The demo force's settings, for the caller to keep in the records store. */
  settings: {
    forceName: string;
    policingBodyName: string;
    policingBodyType: 'pcc';
    lpaPopulations: Record<string, number>;
    victimsCodeNotAuditable: number[];
  };
}> {
  const filesDir = join(opts.dataDir, 'demo-files');
  const t0 = Date.now();
  const summary = await generateDemo({ seed: opts.seed, scale: opts.scale, outDir: filesDir });
  const generateSeconds = (Date.now() - t0) / 1000;
  const settings = {
    forceName: summary.forceName,
    // The demo force's policing body is as fictional as the force.
    policingBodyName: 'Synthetic Police and Crime Commissioner (demo)',
    policingBodyType: 'pcc' as const,
    lpaPopulations: { ...DEMO_LPA_POPULATIONS },
    // Seed 002's rights the audit could not yet cover: compensation (5), court familiarisation
    // visits (8), property returned (10).
    victimsCodeNotAuditable: [5, 8, 10],
  };
  await removeBatchesWithPrefix(store, DEMO_BATCH_PREFIX);
  const results: ImportResult[] = [];
  for (const table of dependencyOrder()) {
    const files = summary.files[table];
    if (!files || files.length === 0) continue;
    const r = await importTable(store, table, files, {
      batchId: `${DEMO_BATCH_PREFIX}${table}`,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    results.push(r);
    opts.onTable?.(r);
  }
  return { results, filesDir, generateSeconds, settings };
}
