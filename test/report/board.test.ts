import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { evaluateScorecard } from '../../src/measures/engine.ts';
import { parsePeriod } from '../../src/measures/period.ts';
import type { MeasureResult } from '../../src/measures/result.ts';
import type { BoardModel } from '../../src/present/board-model.ts';
import { buildBoard, type BoardReportInput } from '../../src/report/board/index.ts';
import { isBluelampError } from '../../src/lib/errors.ts';
import { chromiumPathFor, pageOverflows, renderPdf } from '../../src/report/pdf.ts';
import { tempDir } from '../helpers/files.ts';
import { FIXTURE_RESULTS, satBurglary } from './fixtures/results.ts';
import { all, parseHtml, textOf, walk, type El } from './html-structure.ts';

/**
 * The board edition of the demo force (seed 20210630, scale 1) for 2021/22 Q1, time pinned as
 * in test/measures/demo-scorecard.test.ts: a golden text file page by page, the structure a
 * board pack needs (at most 40 pages, contents with the right page numbers, the marking once
 * per page, no SQL or empty commentary boxes), and — in Chromium — no page whose content is cut
 * off, and a tagged PDF with bookmarks.
 */
const GOLDEN = new URL('./__golden__/board.golden.txt', import.meta.url);
const NOW = '2022-04-20T09:00:00Z';
let store: FactsStore;
let tmp: { dir: string; cleanup: () => void };
let results: MeasureResult[];
let html = '';
let model: BoardModel;
let root: El;

const input = (over: Partial<BoardReportInput> = {}): BoardReportInput => ({
  edition: 'board',
  forceName: 'Synthetic Constabulary (demo data — not a real force)',
  period: parsePeriod('2021/22-Q1'),
  lpa: null,
  results,
  commentary: {
    summary: null,
    measures: { oc16_rate: 'Commentary written by an analyst.' },
    sections: {},
  },
  quotes: [],
  meeting: 'Police and Crime Panel, 15 September 2021',
  owner: 'Head of Performance',
  version: 'test',
  generatedAt: NOW,
  ...over,
});

beforeAll(async () => {
  tmp = tempDir();
  store = await openFactsStore(tmp.dir);
  await loadDemo(store, { seed: 20210630, scale: 1, dataDir: tmp.dir, now: () => new Date(NOW) });
  const card = await evaluateScorecard(store, { period: '2021/22-Q1', tiers: ['gold', 'silver'] });
  results = card.measures;
  ({ html, model } = await buildBoard(input()));
  root = parseHtml(html);
}, 300_000);

afterAll(() => {
  store?.close();
  tmp?.cleanup();
});

const pages = () => all(root, 'section').filter((s) => (s.attrs.class ?? '').includes('bp-page '));

/** The words of each page (charts and styles left out): what a board member reads. */
function pageTexts(): string {
  const body = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
  return body
    .split(/<section class="bp-page /)
    .slice(1)
    .map((page, i) => {
      const kind = /^bp-page--(\w+)/.exec(page)?.[1] ?? '?';
      const text = page
        .slice(page.indexOf('>') + 1)
        .replace(/<\/(p|h\d|li|tr|dt|dd|blockquote|caption|header|footer)>/g, '\n')
        .replace(/<[^>]+>/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/\s*\n\s*/g, '\n')
        .trim();
      return `--- page ${i + 1} (${kind}) ---\n${text}`;
    })
    .join('\n');
}

describe('the board edition of the demo force, 2021/22 Q1', () => {
  it('matches the golden text page by page (UPDATE_GOLDEN=1 to rewrite)', () => {
    const text = `${pageTexts()}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(existsSync(GOLDEN), 'golden file missing: run with UPDATE_GOLDEN=1').toBe(true);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('has at most 40 fixed pages, each with the marking once and its page number', () => {
    const ps = pages();
    expect(ps.length).toBe(model.pages.length);
    expect(ps.length).toBeLessThanOrEqual(40);
    ps.forEach((p, i) => {
      const text = textOf(p);
      expect(text.match(/OFFICIAL — SYNTHETIC DATA/g), `page ${i + 1}`).toHaveLength(1);
      expect(text).toContain(`Page ${i + 1} of ${ps.length}`);
    });
  });

  it('lists every page in the contents with the page it is on', () => {
    const pageOf = new Map<string, number>();
    pages().forEach((p, i) => {
      for (const e of [p, ...walk(p)]) if (e.attrs.id) pageOf.set(e.attrs.id, i + 1);
    });
    const links = all(pages()[1] as El, 'a');
    expect(links.length).toBeGreaterThan(20);
    for (const a of links) {
      const target = (a.attrs.href ?? '').slice(1);
      const printed = Number(textOf(a).split(' ').at(-1));
      expect(pageOf.get(target), `${textOf(a)} → #${target}`).toBe(printed);
    }
  });

  it('prints no SQL, no rows behind figures and no empty commentary boxes', () => {
    const text = textOf(all(root, 'main')[0] as El);
    expect(text).not.toMatch(
      /\bSELECT\b|rows behind the figure|none yet|Analyst commentary: none/i,
    );
    expect(text.match(/No commentary yet for:/g)).toHaveLength(1);
    expect(text).toContain('Commentary written by an analyst.');
  });

  it('has one h1, headings that never skip a level, unique ids and links that resolve', () => {
    const headings = [...walk(root)].filter((e) => /^h[1-6]$/.test(e.tag));
    expect(headings.filter((h) => h.tag === 'h1')).toHaveLength(1);
    let previous = 1;
    for (const h of headings) {
      const level = Number(h.tag.slice(1));
      expect(level, `"${textOf(h)}" after h${previous}`).toBeLessThanOrEqual(previous + 1);
      previous = level;
    }
    const ids = [...walk(root)].map((e) => e.attrs.id).filter((x): x is string => !!x);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of all(root, 'a')) expect(ids).toContain((a.attrs.href ?? '').slice(1));
    for (const t of all(root, 'table')) expect(t.children[0]?.tag).toBe('caption');
  });

  it('keeps one comparison basis in the scorecard, states it, and draws a sparkline per row', () => {
    const card = model.pages.filter((p) => p.kind === 'scorecard');
    expect(card.length).toBeLessThanOrEqual(2);
    expect(card.every((p) => p.kind === 'scorecard' && p.basis === 'Q1 2020/21')).toBe(true);
    expect(html).toContain('Last year (Q1 2020/21)');
    const rows = card.flatMap((p) => (p.kind === 'scorecard' ? p.rows : []));
    expect(rows.length).toBe(results.filter((r) => r.tier === 'gold').length);
    const burglary = rows.find((r) => r.id === 'sat_burglary');
    expect(burglary?.spark).toHaveLength(12);
    const inspections = rows.find((r) => r.id === 'recommendations_open');
    expect(inspections?.status).toBe('no_data');
  });

  it('projects total recorded crime to the end of 2021/22 with an interval, labelled a projection', () => {
    const proj = model.pages.find((p) => p.kind === 'projections');
    expect(proj?.title).toBe('Projections to the end of 2021/22');
    const total =
      proj?.kind === 'projections' ? proj.rows.find((r) => r.id === 'crime_total') : null;
    expect(total?.observedMonths).toBe('April to June 2021');
    expect(total?.interval).toMatch(/^[\d,]+ to [\d,]+$/);
    // A stock (open investigations at a month's end) is not summed over a year.
    expect(
      proj?.kind === 'projections' && proj.rows.some((r) => r.id === 'open_investigations'),
    ).toBe(false);
  });

  // CI provides Chromium; elsewhere a missing browser must give the coded error, not a download.
  it('fits every page in Chromium, and prints a tagged A4 landscape PDF with bookmarks', async () => {
    const browser = chromiumPathFor();
    const out = join(tmp.dir, 'board.pdf');
    const printed = await renderPdf(html, out, { layout: 'pages' }).then(
      () => null,
      (e: unknown) => e,
    );
    if (!existsSync(browser)) {
      expect(process.env.CI ?? '', 'CI must provide Chromium').toMatch(/^(|false|0)$/);
      expect(isBluelampError(printed) && printed.code).toBe('DEPENDENCY_MISSING');
      return;
    }
    expect(printed).toBeNull();
    expect(await pageOverflows(html)).toEqual([]);
    const pdf = readFileSync(out).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBe(model.pages.length);
    expect(boxes.length).toBeLessThanOrEqual(40);
    for (const [, w, h] of boxes) {
      expect(Math.abs(Number(w) - 841.89)).toBeLessThan(2);
      expect(Math.abs(Number(h) - 595.28)).toBeLessThan(2);
    }
    expect(pdf).toContain('/StructTreeRoot');
    expect(pdf).toContain('/Outlines');
  }, 120_000);
});

describe('what the board edition decides (hand-built results)', () => {
  const fixture = (over: Partial<BoardReportInput> = {}) =>
    input({ results: FIXTURE_RESULTS as MeasureResult[], ...over });

  it('prints approved quotes only on victim satisfaction, at most three, and no slot without them', async () => {
    const quotes = ['One.', 'Two.', 'Three.', 'Four.'].map((text) => ({
      text,
      source: 'Burglary survey, May 2021',
    }));
    const withQuotes = await buildBoard(fixture({ quotes }));
    const blocks = withQuotes.model.pages.flatMap((p) => (p.kind === 'section' ? p.blocks : []));
    const quoted = blocks.filter((b) => b.quotes.length > 0);
    expect(quoted.map((b) => b.id)).toEqual(['satisfaction']);
    expect(quoted[0]?.quotes.map((q) => q.text)).toEqual(['One.', 'Two.', 'Three.']);
    expect(withQuotes.html).toContain('In victims’ words');
    expect(withQuotes.html).not.toContain('Four.');
    const without = await buildBoard(fixture());
    expect(without.html).not.toContain('In victims’ words');
  });

  it('shows section commentary under its four headings and drops the section from the unwritten list', async () => {
    const sections = { satisfaction: { focus: 'Burglary follow-up.', outlook: 'Recovery by Q3.' } };
    const { model: m, html: h } = await buildBoard(
      fixture({ commentary: { summary: 'Overall steady.', measures: {}, sections } }),
    );
    const exceptions = m.pages.find((p) => p.kind === 'exceptions');
    expect(exceptions?.kind === 'exceptions' && exceptions.summary).toBe('Overall steady.');
    expect(exceptions?.kind === 'exceptions' && exceptions.noCommentary.join('|')).not.toContain(
      'Victim satisfaction',
    );
    expect(h).toContain('<h4 class="bp-h4">Focus</h4>');
    expect(h).toContain('<h4 class="bp-h4">Outlook</h4>');
    expect(h).not.toContain('<h4 class="bp-h4">Drivers</h4>');
  });

  it('shows a missing gold measure as not available with status no data, never met or not met', async () => {
    const { model: m } = await buildBoard(fixture({ results: [satBurglary] }));
    const rows = m.pages.flatMap((p) => (p.kind === 'scorecard' ? p.rows : []));
    const hate = rows.find((r) => r.id === 'sat_hate');
    expect(hate).toMatchObject({ available: false, status: 'no_data', marks: ['not available'] });
  });

  it('marks the public edition as such', async () => {
    const { html: h, model: m } = await buildBoard(fixture({ edition: 'public' }));
    expect(m.marking).toBe('PUBLIC — SYNTHETIC DATA');
    expect(h).toContain('Public (small numbers suppressed)');
  });
});
