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

const TABLE_IDS: Record<string, string> = {
  Comparisons: 'comparisons-table',
  'By local policing area': 'breakdown-table',
  'Data table': 'data-table',
};

/** The body rows of one of the page's tables, as arrays of cell texts. */
function tableAfter(html: string, heading: string): string[][] {
  const at = html.indexOf(`id="${TABLE_IDS[heading]}"`);
  if (at < 0) return [];
  const table = /<tbody[\s\S]*?<\/tbody>/.exec(html.slice(at))?.[0] ?? '';
  return [...table.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) =>
    [...(row[0] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      (c[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

const Q = '?period=2021/22-Q1';

describe('the measure page', () => {
  it('shows every role that may see it the measure', async () => {
    for (const who of ['admin', 'analyst', 'lead', 'oversight', 'panel', 'scoped'] as const) {
      const res = await (await as(who)).get(`/measures/oc16_rate${Q}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.body, who).toContain('What good looks like');
      expect(res.body, who).toContain('Q1 2021/22');
    }
  });

  it('shows an analyst the definition, comparisons with tests, the control chart, areas and lineage', async () => {
    const res = await (await as('analyst')).get(`/measures/oc16_rate${Q}`);
    const r = await f.deps.engine.measure('oc16_rate', { period: '2021/22-Q1', lpa: null });
    const body = res.body;
    expect(body).toContain(r.definition.replaceAll("'", '&#39;'));
    expect(body).toContain('95% confidence interval');
    expect(body).toContain('Control chart');
    expect(body).toContain('Limits drawn by:');
    expect(body).toMatch(/<figure class="bl-figure"[\s\S]*?<svg role="img"/);
    expect(body).toContain('Data for this chart');
    const comparisons = tableAfter(body, 'Comparisons');
    expect(comparisons.length).toBe(r.comparisons.length);
    expect(comparisons.some((row) => /p [=<>]/.test(row[4] ?? ''))).toBe(true);
    const areas = tableAfter(body, 'By local policing area');
    expect(areas.map((row) => row[0])).toEqual(r.breakdown.map((b) => b.label));
    expect(body).toContain('How this was calculated');
    expect(body).toContain('SELECT');
    expect(body).toContain('/measures/oc16_rate/download.csv?period=2021%2F22-Q1');
    // the CSP allows no inline style: charts inlined here use attributes only
    expect(body).not.toMatch(/<style|\sstyle="/);
  });

  it('shows a measure table as rows of text', async () => {
    const res = await (await as('analyst')).get(`/measures/outcomes_table${Q}`);
    expect(res.statusCode).toBe(200);
    const r = await f.deps.engine.measure('outcomes_table', { period: '2021/22-Q1', lpa: null });
    expect(tableAfter(res.body, 'Data table').length).toBe(r.table?.rows.length);
  });

  it('answers an unknown measure with a 404 page that does not echo it', async () => {
    const res = await (await as('analyst')).get('/measures/oc16_rat');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
    expect(res.body).not.toContain('oc16_rat');
  });

  it('answers a bad period with an error summary, status 400', async () => {
    const res = await (await as('analyst')).get('/measures/oc16_rate?period=2021%2F23');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
  });

  it('gives a scoped user their own area, no other area in the breakdown, and 404 for another', async () => {
    const b = await as('scoped');
    const res = await b.get(`/measures/oc16_rate${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Q1 2021/22, ${f.lpas.own}`);
    const areas = tableAfter(res.body, 'By local policing area').map((row) => row[0]);
    expect(areas.every((a) => a?.startsWith(f.lpas.own))).toBe(true);
    expect(res.body).not.toContain(`>${f.lpas.other}<`);
    const other = await b.get(`/measures/oc16_rate${Q}&lpa=${encodeURIComponent(f.lpas.other)}`);
    expect(other.statusCode).toBe(404);
  });

  it('shows the panel no count of 1 to 4 and no SQL', async () => {
    // domestic-abuse arrests by area in one month: small counts in the demo force
    const q = '?period=2021-06';
    const panel = await (await as('panel')).get(`/measures/da_arrest_rate${q}`);
    expect(panel.statusCode).toBe(200);
    const areas = tableAfter(panel.body, 'By local policing area');
    const counts = areas.flatMap((row) => [row[2], row[3]]);
    expect(counts.filter((c) => /^[1-4]$/.test(c ?? ''))).toEqual([]);
    expect(panel.body).not.toContain('SELECT');
    expect(panel.body).toContain('counts of 1 to 4 are shown as');
    // the analyst's view of the same has small counts, so this could fail
    const analyst = await (await as('analyst')).get(`/measures/da_arrest_rate${q}`);
    const analystCounts = tableAfter(analyst.body, 'By local policing area').flatMap((row) => [
      row[2],
      row[3],
    ]);
    expect(analystCounts.some((c) => /^[1-4]$/.test(c ?? ''))).toBe(true);
  });

  it('lets an analyst write commentary that others read, and keeps it from the panel', async () => {
    const analyst = await as('analyst');
    const page = await analyst.get(`/measures/oc16_rate${Q}`);
    expect(page.body).toContain('Save commentary');
    const saved = await analyst.post(`/measures/oc16_rate/commentary${Q}`, {
      text: 'Outcome 16 rose after the new review.\n\n=Second paragraph.',
    });
    expect(saved.statusCode).toBe(303);
    expect(String(saved.headers.location)).toBe(
      '/measures/oc16_rate?period=2021%2F22-Q1#commentary',
    );
    const lead = await (await as('lead')).get(`/measures/oc16_rate${Q}`);
    expect(lead.body).toContain('Outcome 16 rose after the new review.');
    expect(lead.body).toContain('Test analyst');
    expect(lead.body).not.toContain('Save commentary');
    const panel = await (await as('panel')).get(`/measures/oc16_rate${Q}`);
    expect(panel.body).not.toContain('Outcome 16 rose');
    const stored = await f.deps.records.commentary.entries('2021/22-Q1', null);
    expect(stored.oc16_rate?.text).toBe(
      'Outcome 16 rose after the new review.\n\n=Second paragraph.',
    );
    // a lead may not write; a scoped analyst may not write for another area
    const leadB = await as('lead');
    await leadB.get(`/measures/oc16_rate${Q}`);
    expect((await leadB.post(`/measures/oc16_rate/commentary${Q}`, { text: 'x' })).statusCode).toBe(
      403,
    );
    const scoped = await as('scoped');
    await scoped.get(`/measures/oc16_rate${Q}`);
    const other = await scoped.post(
      `/measures/oc16_rate/commentary${Q}&lpa=${encodeURIComponent(f.lpas.other)}`,
      { text: 'x' },
    );
    expect(other.statusCode).toBe(404);
    // a scoped analyst's commentary goes to their own area, never the whole force
    await scoped.post(`/measures/oc16_rate/commentary${Q}`, { text: 'Our area.' });
    expect(
      (await f.deps.records.commentary.entries('2021/22-Q1', f.lpas.own)).oc16_rate?.text,
    ).toBe('Our area.');
    expect((await f.deps.records.commentary.entries('2021/22-Q1', null)).oc16_rate?.text).not.toBe(
      'Our area.',
    );
  });
});
