/**
 * Disclosure control through the service: every public page, every /api/v1/public answer and
 * every panel-token API answer, on the small demo force (scale 0.02: many counts of 1–4 by LPA
 * and month). No count of 1–4 is printed, and none can be worked out by differencing totals and
 * their parts (an attacker works every sum of the real results, test/web/suppression-model.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasureResult } from '../../src/measures/result.ts';
import { isPublicMeasure, PUBLIC_MEASURE_IDS } from '../../src/present/public-measures.ts';
import { catalogue } from '../../src/measures/load-catalogue.ts';
import { recover, smallCountsAnywhere, smallCountsPrinted } from '../present/disclosure-support.ts';
import { webFixture, type WebFixture } from '../helpers/web.ts';
import { realModel } from './suppression-model.ts';

const PERIODS = ['2021/22-Q4', '2021/22-Q1'];
let f: WebFixture;
let panel: Record<string, string>;
beforeAll(async () => {
  f = await webFixture();
  const { secret } = await f.deps.records.tokens.create(f.users.panel.email, 'test', {
    userId: null,
    via: 'system',
  });
  panel = { authorization: `Bearer ${secret}` };
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const json = async (url: string, headers: Record<string, string> = {}) => {
  const res = await f.app.inject({ url, headers });
  expect(res.statusCode, url).toBe(200);
  return res.json() as { measures: MeasureResult[] };
};

/** The checks on one output against the unsuppressed results it was cut from. */
function expectProtected(truth: MeasureResult[], out: MeasureResult[], what: string) {
  expect(
    out.map((r) => r.id),
    what,
  ).toEqual(truth.map((r) => r.id));
  const model = realModel(truth);
  const small = [...model.counts.values()].filter((v) => v >= 1 && v <= 4).length;
  expect(small, `${what}: the data really has small counts`).toBeGreaterThan(0);
  // The control: the unsuppressed results do print small counts, which the checks catch.
  expect(smallCountsPrinted(model, truth).length, what).toBeGreaterThan(0);
  expect(smallCountsPrinted(model, out), what).toEqual([]);
  expect(smallCountsAnywhere(out), what).toEqual([]);
  expect(recover(model, out), what).toEqual([]);
}

describe('disclosure control through the service', () => {
  it('marks only gold measures of the catalogue public', () => {
    const gold = new Set(
      catalogue()
        .filter((m) => m.tier === 'gold')
        .map((m) => m.id),
    );
    for (const id of PUBLIC_MEASURE_IDS) expect(gold.has(id), id).toBe(true);
  });

  for (const period of PERIODS)
    it(`protects /api/v1/public/scorecard for ${period}`, async () => {
      const out = await json(`/api/v1/public/scorecard?period=${encodeURIComponent(period)}`);
      const card = await f.deps.engine.scorecard({ period, lpa: null });
      const truth = card.measures.filter((r) => isPublicMeasure(r.id));
      expectProtected(truth, out.measures, `public ${period}`);
    });

  it('protects the panel token answers, force-wide and for one LPA', async () => {
    for (const lpa of [null, f.lpas.own]) {
      const q = `period=2021/22-Q4${lpa ? `&lpa=${encodeURIComponent(lpa)}` : ''}`;
      const out = await json(`/api/v1/scorecard?${q}`, panel);
      const truth = (await f.deps.engine.scorecard({ period: '2021/22-Q4', lpa })).measures;
      expectProtected(truth, out.measures, `panel ${lpa ?? 'force'}`);
      const one = (await json(
        `/api/v1/measures/crime_total?${q}`,
        panel,
      )) as unknown as MeasureResult;
      expect(one).toEqual(out.measures.find((r) => r.id === 'crime_total'));
    }
  });

  it('prints no count of 1–4 on any public page, and says "fewer than 5" instead', async () => {
    let fewer = 0;
    const pages = [
      '/public',
      ...PUBLIC_MEASURE_IDS.map((id) => `/public/measures/${id}`),
      '/public/reports',
    ];
    for (const period of PERIODS)
      for (const page of pages) {
        const url = `${page}?period=${encodeURIComponent(period)}`;
        const res = await f.app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        // Every table cell and summary value: a bare 1–4 would be a small count (a signed
        // figure is a change between two shown counts, which discloses nothing more).
        const cells = [...res.body.matchAll(/<(td|dd)[^>]*>\s*([^<]*?)\s*<\/\1>/g)].map(
          (m) => m[2] ?? '',
        );
        const bare = cells.filter((c) => /^[1-4]$/.test(c) || /\([1-4]\)$/.test(c));
        expect(bare, url).toEqual([]);
        fewer += (res.body.match(/fewer than 5/g) ?? []).length;
        expect(res.body, url).not.toContain('SELECT ');
      }
    expect(fewer).toBeGreaterThan(0);
  }, 120_000);

  it('shows on the public pages only the figures of the public answer', async () => {
    const out = await json('/api/v1/public/scorecard?period=2021/22-Q4');
    const r = out.measures.find((m) => m.id === 'crime_total') as MeasureResult & {
      disclosure: { suppressed: Record<string, string> };
    };
    const page = (await f.app.inject({ url: '/public/measures/crime_total?period=2021/22-Q4' }))
      .body;
    r.breakdown.forEach((b, k) => {
      const withheld = r.disclosure.suppressed[`breakdown.${k}.value`];
      const text = withheld
        ? withheld === 'fewer_than_5'
          ? 'fewer than 5'
          : 'withheld'
        : (b.value as number).toLocaleString('en-GB');
      expect(page).toContain(
        `<th scope="row" class="govuk-table__header">${b.label}</th><td class="govuk-table__cell govuk-table__cell--numeric">${text}</td>`,
      );
    });
  });
});
