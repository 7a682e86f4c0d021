import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { evaluateScorecard } from '../../src/measures/engine.ts';
import { parsePeriod } from '../../src/measures/period.ts';
import { buildAnnex } from '../../src/report/annex/index.ts';
import { tempDir } from '../helpers/files.ts';

/**
 * The technical annex of the demo force (seed 20210630, scale 1) for 2021/22 Q1, time pinned:
 * what the quarterly report used to print — definitions, method, the rows behind each figure,
 * breakdowns and the SQL — without the board's summary role and without empty commentary boxes.
 */
const GOLDEN = new URL('./__golden__/annex.golden.txt', import.meta.url);
const NOW = '2022-04-20T09:00:00Z';
let store: FactsStore;
let tmp: { dir: string; cleanup: () => void };
let html = '';

beforeAll(async () => {
  tmp = tempDir();
  store = await openFactsStore(tmp.dir);
  await loadDemo(store, { seed: 20210630, scale: 1, dataDir: tmp.dir, now: () => new Date(NOW) });
  const card = await evaluateScorecard(store, { period: '2021/22-Q1', tiers: ['gold', 'silver'] });
  ({ html } = await buildAnnex({
    forceName: 'Synthetic Constabulary (demo data — not a real force)',
    period: parsePeriod('2021/22-Q1'),
    lpa: null,
    results: card.measures,
    commentary: { oc16_rate: 'Commentary written by an analyst.' },
    generatedAt: NOW,
  }));
}, 300_000);

afterAll(() => {
  store?.close();
  tmp?.cleanup();
});

/** The words of the annex, charts and styles left out, the SQL kept (it is the annex's point). */
function words(): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

describe('the technical annex of the demo force, 2021/22 Q1', () => {
  it('matches the golden text (UPDATE_GOLDEN=1 to rewrite)', () => {
    const text = `${words()}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(existsSync(GOLDEN), 'golden file missing: run with UPDATE_GOLDEN=1').toBe(true);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is the annex: definitions, rows behind each figure and the SQL appendix', () => {
    expect(html).toContain('<h1 class="bl-heading-xl">Technical annex: Q1 2021/22</h1>');
    expect(html).toContain('rows behind the figure');
    expect(html).toContain('id="appendix-sql"');
    expect(html).toMatch(/<strong>Definition\.<\/strong>/);
    expect(html).toMatch(/\bSELECT\b/);
  });

  it('shows written commentary and no empty commentary boxes', () => {
    expect(html).toContain('Commentary written by an analyst.');
    expect(html).not.toMatch(/none yet|bl-commentary--empty/);
  });
});
