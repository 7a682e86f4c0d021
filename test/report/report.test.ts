import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/measures/period.ts';
import type { MeasureResult } from '../../src/measures/result.ts';
import { buildReport, type ReportInput } from '../../src/report/assemble.ts';
import {
  crimeTotal,
  FIXTURE_COMMENTARY,
  FIXTURE_RESULTS,
  satBurglary,
} from './fixtures/results.ts';
import { all, ancestor, parseHtml, textOf, walk, type El } from './html-structure.ts';

const here = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(here, '__golden__', 'report.golden.html');

export const INPUT: ReportInput = {
  forceName: 'Northshire Police (synthetic)',
  period: parsePeriod('2021/22-Q1'),
  lpa: null,
  results: FIXTURE_RESULTS,
  commentary: FIXTURE_COMMENTARY,
  generatedAt: '2021-07-20T10:00:00+01:00',
  dataNote:
    'Figures come from the synthetic demonstration force, generated to match the volumes of a real force.',
};

let html = '';
let root: El;

beforeAll(async () => {
  html = (await buildReport(INPUT)).html;
  root = parseHtml(html);
});

describe('buildReport golden file', () => {
  it('matches test/report/__golden__/report.golden.html byte for byte', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, html);
    }
    expect(
      existsSync(GOLDEN),
      'golden file missing: run UPDATE_GOLDEN=1 npx vitest run test/report',
    ).toBe(true);
    const golden = readFileSync(GOLDEN, 'utf8');
    if (html !== golden) {
      const a = html.split('\n');
      const b = golden.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      expect.fail(
        `report differs from the golden file at line ${i + 1}:\n  got:      ${a[i]?.slice(0, 200)}\n  expected: ${b[i]?.slice(0, 200)}\n` +
          'If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/report and review the diff.',
      );
    }
  });

  it('is deterministic: a second build, after other charts were rendered, is identical', async () => {
    const again = (await buildReport(INPUT)).html;
    expect(again).toBe(html);
  });

  it('contains no time but generatedAt, no script and no external request', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\((["']?)https?:/i);
    expect(html).not.toMatch(/@import/);
    const year2026 = /20(2[3-9]|3\d)-\d{2}-\d{2}/;
    expect(html).not.toMatch(year2026);
  });
});

describe('report structure', () => {
  it('is an en-GB document with a skip link to main content', () => {
    const htmlEl = all(root, 'html')[0] as El;
    expect(htmlEl.attrs.lang).toBe('en-GB');
    const body = all(root, 'body')[0] as El;
    const first = body.children[0] as El;
    expect(first.tag).toBe('a');
    expect(first.attrs.href).toBe('#main-content');
    expect(all(root, 'main')[0]?.attrs.id).toBe('main-content');
  });

  it('has one h1 and headings that never skip a level', () => {
    const headings = [...walk(root)].filter((e) => /^h[1-6]$/.test(e.tag));
    expect(headings.filter((h) => h.tag === 'h1')).toHaveLength(1);
    expect(headings[0]?.tag).toBe('h1');
    let previous = 1;
    for (const h of headings) {
      const level = Number(h.tag.slice(1));
      expect(level, `heading "${textOf(h)}" jumps from h${previous}`).toBeLessThanOrEqual(
        previous + 1,
      );
      previous = level;
    }
  });

  it('puts every chart in a figure with a caption, and a data table with a caption', () => {
    const svgs = all(root, 'svg').filter((s) => ancestor(s, 'svg') === null);
    expect(svgs.length).toBeGreaterThanOrEqual(10);
    for (const svg of svgs) {
      const figure = ancestor(svg, 'figure');
      expect(figure, 'svg outside a figure').not.toBeNull();
      const f = figure as El;
      const caption = all(f, 'figcaption')[0];
      expect(caption).toBeDefined();
      expect(textOf(caption as El).length).toBeGreaterThan(20);
      expect(svg.attrs.role).toBe('img');
      expect(svg.attrs['aria-labelledby']).toBe(caption?.attrs.id);
      const table = all(f, 'table')[0];
      expect(table, 'figure without a data table').toBeDefined();
      expect(all(table as El, 'tbody')[0]?.children.length).toBeGreaterThan(0);
    }
  });

  it('gives every table a caption first and scoped header cells', () => {
    const tables = all(root, 'table');
    expect(tables.length).toBeGreaterThan(20);
    for (const t of tables) {
      expect(t.children[0]?.tag).toBe('caption');
      expect(textOf(t.children[0] as El).length).toBeGreaterThan(0);
      for (const th of all(t, 'th')) {
        const inHead = ancestor(th, 'thead') !== null;
        expect(th.attrs.scope).toBe(inHead ? 'col' : 'row');
      }
    }
  });

  it('has unique ids and every in-page link resolves', () => {
    const ids = [...walk(root)].map((e) => e.attrs.id).filter((x): x is string => x !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const idSet = new Set(ids);
    for (const a of all(root, 'a')) {
      const href = a.attrs.href ?? '';
      if (href.startsWith('#')) expect(idSet.has(href.slice(1)), `broken link ${href}`).toBe(true);
    }
  });

  it('has the sections of the seed report in order', () => {
    const h2 = all(root, 'h2').map(textOf);
    expect(h2).toEqual([
      'Contents',
      'Summary scorecard',
      'How to read this report',
      '1 A high quality, consistent service to the public',
      '2 An ethical service',
      '3 Effective core practices',
      '4 Managing demand: policing priorities',
      '5 Innovating and improving',
      '6 Workforce',
      'Appendix A: the SQL behind each figure',
    ]);
  });
});

describe('report content', () => {
  it('shows the synthetic-data banner and marking when the force name says synthetic', () => {
    expect(html).toContain('class="bl-banner--synthetic"');
    expect(html).toContain('OFFICIAL — SYNTHETIC DATA');
  });

  it('omits the banner for a real force name', async () => {
    const real = (
      await buildReport({ ...INPUT, forceName: 'Northshire Police', results: [satBurglary] })
    ).html;
    expect(real).not.toContain('class="bl-banner--synthetic"');
    expect(real).toContain('<p class="bl-marking">OFFICIAL</p>');
  });

  it('shows commentary where written and no empty commentary box elsewhere', () => {
    expect(html).toContain('Southvale is the lowest area');
    expect(html).toContain('Volumes have returned to pre-pandemic levels');
    expect(html).not.toMatch(/none yet|bl-commentary--empty/);
  });

  it('lists a missing measure as not available, in the scorecard and its section', () => {
    expect(html).toMatch(
      /<li class="bl-missing__item" id="m-sat-hate"><strong>Hate crime victim satisfaction<\/strong>: not available\./,
    );
    expect(html).toContain('No inspection records loaded.');
  });

  it('shows a return with its source and who submitted it', () => {
    expect(html).toContain(
      'Manual return from HR system quarterly workforce extract, submitted by Workforce Planning (A. Analyst) on 9 July 2021, 11:20',
    );
  });

  it('puts SQL in the appendix, not in the measure blocks', () => {
    const main = html.slice(0, html.indexOf('id="appendix-sql"'));
    expect(main).not.toContain('SELECT ');
    expect(html.slice(html.indexOf('id="appendix-sql"'))).toContain(
      'SELECT count(*) AS crimes FROM crimes',
    );
  });

  it('states how many significance tests the report makes and the expected false positives', () => {
    expect(html).toContain(
      'This report makes 4 significance tests, of which 1 is significant at the 5% level. Even if nothing had really changed, about 1 test in 20 would come out significant by chance, so about 0.2 of these would be expected to be marked significant by chance alone.',
    );
  });

  it('marks crime groups outside their limits in the crime table', () => {
    expect(html).toContain('▲ Above upper limit');
    expect(html).toContain('▼ Below lower limit');
  });

  it('names the SPC method on each chart', () => {
    expect(html).toContain('Limits: XmR, Making Data Count rules.');
    expect(html).toContain('Limits: Mean ± 2 SD of 2019/20 (legacy).');
  });
});

describe('robustness', () => {
  it('renders with no results at all', async () => {
    const { html: empty } = await buildReport({ ...INPUT, results: [], commentary: {} });
    expect(empty).toContain('0 of the');
    expect(empty).toContain('not available');
    parseHtml(empty);
  });

  it('renders a result that breaks the contract as not available, with the reason', async () => {
    const broken = { ...satBurglary, value: 'seventy-six' } as unknown as MeasureResult;
    const { html: out } = await buildReport({ ...INPUT, results: [broken], commentary: {} });
    expect(out).toContain('did not match the MeasureResult contract (value:');
    expect(out).toMatch(
      /id="m-sat-burglary"><strong>Burglary victim satisfaction<\/strong>: not available\./,
    );
  });

  it('keeps the first result when an id is repeated and escapes text', async () => {
    const tricky = { ...satBurglary, title: 'Burglary <b>satisfaction</b> & "more"' };
    const { html: out } = await buildReport({
      ...INPUT,
      results: [tricky, satBurglary],
      commentary: { sat_burglary: '<script>alert(1)</script>' },
    });
    expect(out).toContain('Burglary &lt;b&gt;satisfaction&lt;/b&gt; &amp; &quot;more&quot;');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('<script>');
  });

  it('puts measures outside the layout in an "Other measures" section', async () => {
    const extra = {
      ...satBurglary,
      id: 'bronze_team_measure',
      title: 'A team measure',
      tier: 'bronze' as const,
    };
    const { html: out } = await buildReport({ ...INPUT, results: [extra], commentary: {} });
    expect(out).toContain('7 Other measures');
    expect(out).toContain('id="m-bronze-team-measure"');
  });

  it('links a crime row without its own block to the crime table, from the appendix too', async () => {
    const bicycle = {
      ...crimeTotal,
      id: 'crime_bicycle_theft',
      title: 'Bicycle theft',
      tier: 'silver' as const,
    };
    const { html: out } = await buildReport({
      ...INPUT,
      results: [crimeTotal, bicycle],
      commentary: {},
    });
    const tree = parseHtml(out);
    const ids = new Set([...walk(tree)].map((e) => e.attrs.id).filter(Boolean));
    for (const a of all(tree, 'a')) {
      const href = a.attrs.href ?? '';
      if (href.startsWith('#')) expect(ids.has(href.slice(1)), `broken link ${href}`).toBe(true);
    }
    expect(out).not.toContain('id="m-crime-bicycle-theft"');
    expect(out).toContain('<a class="bl-link" href="#m-crime-table">Bicycle theft</a>');
  });

  it('names the local policing area for an LPA report', async () => {
    const { html: out } = await buildReport({ ...INPUT, lpa: 'Southvale', results: [satBurglary] });
    expect(out).toContain('Local policing area: Southvale');
    expect(out).toContain(
      '<title>Northshire Police (synthetic) (Southvale): technical annex, Q1 2021/22</title>',
    );
  });
});
