import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetCsv } from '../../src/web/downloads/csv.ts';
import { safeFileName } from '../../src/web/downloads/data.ts';
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

/** A small CSV reader: quoted cells, doubled quotes, CRLF lines (what sheetCsv writes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  return rows;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const Q = '?period=2021/22-Q1';

describe('measure downloads', () => {
  it('gives the measure table as CSV: the same rows as the result', async () => {
    const res = await (await as('analyst')).get(`/measures/outcomes_table/download.csv${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="outcomes_table_2021-22-Q1_force.csv"',
    );
    const r = await f.deps.engine.measure('outcomes_table', { period: '2021/22-Q1', lpa: null });
    const rows = (r.table?.rows ?? []) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    const [head, ...body] = parseCsv(res.body);
    expect(head).toEqual(Object.keys(rows[0] as object));
    expect(body).toEqual(rows.map((x) => (head as string[]).map((k) => text(x[k]))));
  });

  it('gives the monthly series as CSV for a measure without a table', async () => {
    const res = await (await as('analyst')).get(`/measures/oc16_rate/download.csv${Q}`);
    const r = await f.deps.engine.measure('oc16_rate', { period: '2021/22-Q1', lpa: null });
    const [head, ...body] = parseCsv(res.body);
    expect(head).toEqual(['period', 'value', 'numerator', 'denominator']);
    expect(body.map((row) => row[0])).toEqual(r.series.map((p) => p.period));
    expect(body.map((row) => Number(row[2]))).toEqual(r.series.map((p) => p.numerator));
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const csv = sheetCsv({
      kind: 'table',
      name: 'Table',
      columns: ['label', 'n'],
      rows: [
        ['=HYPERLINK("http://x")', 1],
        ['+cmd', -2],
      ],
    });
    const [, a, b] = parseCsv(csv);
    expect(a?.[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(b?.[0]).toBe(`'+cmd`);
    expect(b?.[1]).toBe('-2');
    expect(safeFileName(['../../etc', 'a"b', null], 'csv')).toBe('etc_a-b.csv');
  });

  it('gives an XLSX workbook with a header row and numeric cells', async () => {
    const res = await (await as('analyst')).get(`/measures/oc16_rate/download.xlsx${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Series', 'Areas']);
    const series = wb.getWorksheet('Series') as ExcelJS.Worksheet;
    expect(series.getRow(1).values).toEqual([
      undefined,
      'period',
      'value',
      'numerator',
      'denominator',
    ]);
    const r = await f.deps.engine.measure('oc16_rate', { period: '2021/22-Q1', lpa: null });
    expect(series.rowCount).toBe(r.series.length + 1);
    expect(series.getCell(2, 3).type).toBe(ExcelJS.ValueType.Number);
    expect(series.getCell(2, 3).value).toBe(r.series[0]?.numerator);
  });

  it('gives the chart as an SVG file', async () => {
    const res = await (await as('analyst')).get(`/measures/oc16_rate/download.svg${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain('<title>');
    const map = await (await as('analyst')).get(`/measures/oc16_rate/download.svg${Q}&chart=map`);
    expect(map.body).not.toBe(res.body);
  });

  it("gives a scoped user their own area's figures by default, and 404 for another", async () => {
    const b = await as('scoped');
    const res = await b.get(`/measures/oc16_rate/download.csv${Q}&data=breakdown`);
    expect(res.headers['content-disposition']).toContain(
      `_${f.lpas.own.replace(/[^A-Za-z0-9]+/g, '-')}.csv`,
    );
    const areas = parseCsv(res.body)
      .slice(1)
      .map((row) => row[0]);
    expect(areas).toEqual([f.lpas.own]);
    const other = await b.get(
      `/measures/oc16_rate/download.xlsx${Q}&lpa=${encodeURIComponent(f.lpas.other)}`,
    );
    expect(other.statusCode).toBe(404);
  });

  it('gives the panel suppressed figures in downloads too', async () => {
    const q = '?period=2021-06&data=breakdown';
    const panel = parseCsv(
      (await (await as('panel')).get(`/measures/da_arrest_rate/download.csv${q}`)).body,
    );
    const analyst = parseCsv(
      (await (await as('analyst')).get(`/measures/da_arrest_rate/download.csv${q}`)).body,
    );
    const small = (rows: string[][]) =>
      rows
        .slice(1)
        .flatMap((row) => [row[2], row[3]])
        .filter((c) => /^[1-4]$/.test(c ?? ''));
    expect(small(analyst).length).toBeGreaterThan(0);
    expect(small(panel)).toEqual([]);
    expect(panel.flat()).toContain('fewer than 5');
  });

  it('answers a bad period with 400, and an unknown measure with 404', async () => {
    const b = await as('analyst');
    expect((await b.get('/measures/oc16_rate/download.csv?period=nope')).statusCode).toBe(400);
    expect((await b.get('/measures/nope/download.xlsx')).statusCode).toBe(404);
  });
});
