import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
let cliDir: string;
const tokens: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  f = await webFixture();
  for (const [k, u] of Object.entries(f.users)) {
    const { secret } = await f.deps.records.tokens.create(u.email, 'test', {
      userId: null,
      via: 'system',
    });
    tokens[k] = { authorization: `Bearer ${secret}` };
  }
  // The CLI reads its own copy: the web process holds the fixture's lock.
  cliDir = join(mkdtempSync(join(tmpdir(), 'bluelamp-api-cli-')), 'data');
  cpSync(inject('smallDemoDir'), cliDir, { recursive: true });
}, 120_000);
afterAll(async () => {
  await f?.close();
  rmSync(join(cliDir, '..'), { recursive: true, force: true });
});

const cli = (...args: string[]) => {
  const r = spawnSync(
    process.execPath,
    ['bin/bluelamp.js', '--data-dir', cliDir, ...args, '--json'],
    {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Europe/London', BLUELAMP_LOG: '' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};
const get = (url: string, who = 'analyst') => f.app.inject({ url, headers: tokens[who] ?? {} });

describe('the JSON API', () => {
  it('answers the scorecard exactly as `scorecard --json` prints it', async () => {
    const res = await get('/api/v1/scorecard?period=2021/22-Q4');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(cli('scorecard', '--period', '2021/22-Q4'));
  }, 120_000);

  it('answers a measure exactly as `measure --json` prints it, for an LPA too', async () => {
    const lpa = f.lpas.own;
    const res = await get(
      `/api/v1/measures/oc16_rate?period=2021/22-Q1&lpa=${encodeURIComponent(lpa)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(cli('measure', 'oc16_rate', '--period', '2021/22-Q1', '--lpa', lpa));
  }, 120_000);

  it('answers the status as `status --json` prints it (its own data directory aside)', async () => {
    const res = await get('/api/v1/status');
    expect(res.statusCode).toBe(200);
    const { dataDir, ...rest } = res.json() as { dataDir: string };
    const { dataDir: cliData, ...cliRest } = cli('status') as { dataDir: string };
    expect(dataDir).toBe(f.dataDir);
    expect(cliData).toBe(cliDir);
    expect(rest).toEqual(cliRest);
  }, 120_000);

  it('refuses without a token, a role without the capability, and an area outside scope', async () => {
    const none = await get('/api/v1/scorecard?period=2021/22-Q4', 'nobody');
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    const lead = await get('/api/v1/status', 'lead');
    expect(lead.statusCode).toBe(403);
    const other = await get(
      `/api/v1/scorecard?period=2021/22-Q4&lpa=${encodeURIComponent(f.lpas.other)}`,
      'scoped',
    );
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives a scoped user their own area, with no other area in any breakdown', async () => {
    const res = await get('/api/v1/scorecard?period=2021/22-Q4', 'scoped');
    const card = res.json() as { lpa: string; measures: { breakdown: { key: string }[] }[] };
    expect(card.lpa).toBe(f.lpas.own);
    const keys = new Set(card.measures.flatMap((m) => m.breakdown.map((b) => b.key)));
    expect([...keys]).toEqual([f.lpas.own]);
  });

  it('gives panel tokens the suppressed edition', async () => {
    const card = (await get('/api/v1/scorecard?period=2021/22-Q4', 'panel')).json() as {
      measures: { disclosure?: unknown; lineage: { sql: unknown[] } }[];
    };
    for (const m of card.measures) {
      expect(m.disclosure).toBeDefined();
      expect(m.lineage.sql).toEqual([]);
    }
  });

  it('maps bad periods, unknown measures and bad parameters to coded JSON errors', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/scorecard?period=nonsense', 400, 'BAD_PERIOD'],
      ['/api/v1/scorecard?period=2040/41-Q1', 404, 'PERIOD_NOT_COVERED'],
      ['/api/v1/scorecard', 400, 'BAD_INPUT'],
      ['/api/v1/scorecard?period=2021/22-Q4&colour=blue', 400, 'BAD_INPUT'],
      ['/api/v1/measures/no_such_measure?period=2021/22-Q4', 404, 'UNKNOWN_MEASURE'],
      ['/api/v1/public/scorecard?period=2019/20-Q1', 404, 'PERIOD_NOT_COVERED'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      const body = res.json() as { code: string; message: string; hint?: string };
      expect(body.code, url).toBe(code);
      expect(body.message.length, url).toBeGreaterThan(0);
    }
  });
});

describe('POST /api/v1/imports/:table', () => {
  const post = (table: string, payload: string, headers: Record<string, string>) =>
    f.app.inject({ method: 'POST', url: `/api/v1/imports/${table}`, headers, payload });

  it('refuses a bad file with the validation report, and an unknown table', async () => {
    const bad = await post('crimes', 'crime_id,colour\nC1,blue\n', {
      ...tokens.analyst,
      'content-type': 'text/csv',
    });
    expect(bad.statusCode).toBe(422);
    const report = bad.json() as {
      code: string;
      issues: { file: string; rule: string }[];
      issueCount: number;
    };
    expect(report.code).toBe('VALIDATION_FAILED');
    expect(report.issueCount).toBeGreaterThan(0);
    expect(report.issues[0]).toMatchObject({ file: 'crimes.csv' });
    expect(JSON.stringify(report)).not.toContain(tmpdir());
    const unknown = await post('nope', 'a\n1\n', { ...tokens.analyst, 'content-type': 'text/csv' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_TABLE' });
    const lead = await post('crimes', 'a\n1\n', { ...tokens.lead, 'content-type': 'text/csv' });
    expect(lead.statusCode).toBe(403);
  });

  it('imports a good multipart file: 201 with the batch, and the data version moves on', async () => {
    const before = (await f.deps.facts.current()).dataVersion;
    const csv =
      'measure_id,period,lpa,value,numerator,denominator,source,submitted_by,submitted_at\n' +
      'female_officers_pct,2017/18-Q4,,0.3,600,2000,Test return,Test,2018-04-14T12:00:00\n';
    const boundary = 'bluelampboundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="returns.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const res = await post('returns', body, {
      ...tokens.analyst,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    if (res.statusCode === 422) throw new Error(`unexpected validation report: ${res.body}`);
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json() as { batches: { table: string; batchId: string; rows: number }[] };
    expect(out.batches[0]).toMatchObject({ table: 'returns', batchId: 'returns:returns.csv' });
    expect((await f.deps.facts.current()).dataVersion).not.toBe(before);
  });
});
