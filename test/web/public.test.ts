import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
const system = { userId: null, via: 'system' as const };
beforeAll(async () => {
  f = await webFixture();
  await f.deps.records.settings.set(
    {
      forceName: 'Testshire Constabulary',
      policingBodyName: 'Testshire Police and Crime Commissioner',
    },
    system,
  );
  // The body in office is a dated record (the settings page renames it with the settings).
  const body = await f.deps.records.policingBodies.current(f.deps.clock.now());
  await f.deps.records.policingBodies.rename(
    body!.id,
    'Testshire Police and Crime Commissioner',
    system,
  );
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const page = (url: string) => f.app.inject({ url });

describe('the public site', () => {
  it('shows the published measures for the latest complete quarter without sign-in', async () => {
    const res = await page('/public');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Testshire Constabulary');
    expect(res.body).toContain('Testshire Police and Crime Commissioner');
    expect(res.body).toContain('<option value="2021/22-Q4" selected>');
    expect(res.body).toContain('href="/public/measures/crime_total?period=2021%2F22-Q4"');
    expect(res.body).not.toContain('/public/measures/soc_disruptions');
    expect(res.body).toContain('fewer than 5');
  });

  it('offers only published quarters and refuses other periods', async () => {
    expect((await page('/public?period=2021/22-Q1')).statusCode).toBe(200);
    expect((await page('/public?period=2021-06')).statusCode).toBe(404);
    expect((await page('/public?period=nonsense')).statusCode).toBe(400);
  });

  it('shows a public measure page, and no page for a measure not marked public', async () => {
    const res = await page('/public/measures/crime_total?period=2021/22-Q4');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Total recorded crime');
    expect(res.body).toContain('By local policing area');
    expect(res.body).not.toContain('SELECT');
    expect((await page('/public/measures/soc_disruptions')).statusCode).toBe(404);
    expect((await page('/public/measures/no_such_measure')).statusCode).toBe(404);
  });

  it('lists and sends only public report editions published for the public', async () => {
    const dir = join(f.dataDir, 'reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'public.html'), '<p>public edition</p>');
    writeFileSync(join(dir, 'board.html'), '<p>board edition</p>');
    const common = {
      period: '2021/22-Q4',
      format: 'html' as const,
      bytes: 20,
      sha256: 'x'.repeat(64),
    };
    const pub = await f.deps.records.publications.add(
      { ...common, edition: 'public', path: 'reports/public.html', public: true },
      system,
    );
    const board = await f.deps.records.publications.add(
      { ...common, edition: 'board', path: 'reports/board.html', public: false },
      system,
    );
    const list = await page('/public/reports');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/public/reports/${pub.id}`);
    expect(list.body).not.toContain(`/public/reports/${board.id}`);
    const got = await page(`/public/reports/${pub.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toContain('public edition');
    expect((await page(`/public/reports/${board.id}`)).statusCode).toBe(404);
  });
});
