import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

async function as(who: keyof WebFixture['users']): Promise<Browser> {
  const b = new Browser(f.app);
  await b.signIn(f.users[who].email);
  return b;
}

/** The text of every cell with this class, tags stripped. */
function cells(html: string, cls: string): string[] {
  const re = new RegExp(`<td class="[^"]*${cls}[^"]*">([\\s\\S]*?)</td>`, 'g');
  return [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

const selectOptions = (html: string, id: string): string[] => {
  const m = new RegExp(`<select[^>]*id="${id}"[\\s\\S]*?</select>`).exec(html);
  return [...(m?.[0] ?? '').matchAll(/<option value="([^"]*)"/g)].map((x) => x[1] ?? '');
};

describe('the scorecard page', () => {
  it('shows every role that may see it a row per gold measure, for the latest complete quarter', async () => {
    for (const who of ['admin', 'analyst', 'lead', 'oversight', 'panel', 'scoped'] as const) {
      const res = await (await as(who)).get('/scorecard');
      expect(res.statusCode, who).toBe(200);
      expect(res.body, who).toContain('Scorecard: Q4 2021/22');
      expect(res.body, who).toMatch(/href="\/measures\/oc16_rate\?period=2021%2F22-Q4/);
    }
  });

  it('draws sparklines and tags as inline SVG and text, with no inline style', async () => {
    const res = await (await as('analyst')).get('/scorecard?period=2021/22-Q1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="bl-sparkline"');
    expect(res.body).toMatch(/\d+ months: lowest/);
    expect(res.body).toMatch(/govuk-tag--(green|red|yellow|grey)/);
    expect(res.body).toMatch(/Latest month against its limits|Common cause|Improving|Concern/);
    expect(res.body).not.toMatch(/<style|\sstyle="/);
    expect(res.body).toContain('The data covers April 2018');
  });

  it('never shows "No data" as met or not met', async () => {
    const res = await (await as('analyst')).get('/scorecard?period=2021/22-Q1');
    const card = await f.deps.engine.scorecard({ period: '2021/22-Q1', lpa: null });
    const noData = card.measures.filter((m) => m.status === 'no_data');
    for (const m of noData) {
      const row =
        new RegExp(`href="/measures/${m.id}\\?[^"]*"[\\s\\S]*?</tr>`).exec(res.body)?.[0] ?? '';
      expect(row, m.id).toContain('No data');
      expect(row, m.id).not.toMatch(/>Met<|Not met/);
    }
  });

  it('filters by section and tier', async () => {
    const res = await (
      await as('analyst')
    ).get('/scorecard?period=2021/22-Q1&section=core&tier=gold');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="section-core"');
    expect(res.body).not.toContain('id="section-demand"');
  });

  it('answers a bad period with the form and an error summary, status 400', async () => {
    const b = await as('analyst');
    for (const period of ['2021/22-Q9', 'next-tuesday', '2030/31-Q1']) {
      const res = await b.get(`/scorecard?period=${encodeURIComponent(period)}`);
      expect(res.statusCode, period).toBe(400);
      expect(res.body, period).toContain('govuk-error-summary');
      expect(res.body, period).toContain('href="#period"');
      expect(res.body, period).toContain('id="period"');
    }
  });

  it('gives a scoped user their own area by default and only that area to choose', async () => {
    const b = await as('scoped');
    const res = await b.get('/scorecard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Scorecard: Q4 2021/22, ${f.lpas.own}`);
    expect(selectOptions(res.body, 'lpa')).toEqual([f.lpas.own]);
    const other = await b.get(`/scorecard?lpa=${encodeURIComponent(f.lpas.other)}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(f.lpas.other);
  });

  it('labels force-wide figures in an area view', async () => {
    const res = await (
      await as('analyst')
    ).get(`/scorecard?period=2021/22-Q1&lpa=${encodeURIComponent(f.lpas.own)}`);
    const card = await f.deps.engine.scorecard({ period: '2021/22-Q1', lpa: f.lpas.own });
    const forceWide = card.measures.filter((m) => m.scope === 'force');
    expect(forceWide.length).toBeGreaterThan(0);
    expect(res.body).toContain('Force-wide: counted for the whole force only');
    for (const m of forceWide) {
      const row =
        new RegExp(`href="/measures/${m.id}\\?[^"]*"[\\s\\S]*?</th>`).exec(res.body)?.[0] ?? '';
      expect(row, m.id).toContain('force-wide');
    }
    expect(res.body).toContain(`Scorecard: Q1 2021/22, ${f.lpas.own}`);
  });

  it('shows the panel no count of 1 to 4 where the analyst sees one', async () => {
    const q = `/scorecard?period=2021-06&lpa=${encodeURIComponent(f.lpas.own)}`;
    const analyst = (await (await as('analyst')).get(q)).body;
    const panel = await (await as('panel')).get(q);
    expect(panel.statusCode).toBe(200);
    const small = (v: string) => /^[1-4]$/.test(v);
    const shown = [
      ...cells(panel.body, 'bl-scorecard__value'),
      ...cells(panel.body, 'govuk-table__cell--numeric'),
    ];
    expect(shown.filter(small)).toEqual([]);
    // the test means something: the analyst's page has such counts, the panel's says so
    const analystShown = [
      ...cells(analyst, 'bl-scorecard__value'),
      ...cells(analyst, 'govuk-table__cell--numeric'),
    ];
    expect(analystShown.some(small)).toBe(true);
    expect(panel.body).toContain('fewer than 5');
    expect(panel.body).toContain('counts of 1 to 4 are shown as');
  });

  it('sends anonymous visitors to sign in', async () => {
    const res = await new Browser(f.app).get('/scorecard');
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toContain('/sign-in');
  });
});
