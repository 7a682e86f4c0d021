import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/web/api/openapi.ts';
import { operations } from '../../src/web/api/v1.ts';
import { allRoutes } from '../../src/web/routes.ts';
import { webFixture, type WebFixture } from '../helpers/web.ts';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};
let f: WebFixture;
let doc: Doc;
const headers: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  f = await webFixture();
  for (const who of ['analyst', 'panel'] as const) {
    const { secret } = await f.deps.records.tokens.create(f.users[who].email, 't', {
      userId: null,
      via: 'system',
    });
    headers[who] = { authorization: `Bearer ${secret}` };
  }
  doc = (await f.app.inject({ url: '/api/v1/openapi.json' })).json() as Doc;
}, 120_000);
afterAll(async () => {
  await f?.close();
});

describe('/api/v1/openapi.json', () => {
  it('is OpenAPI 3.1 and documents exactly the API routes of the route table', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const routed = allRoutes()
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${openApiPath(r.url)}`);
    expect(new Set(routed).size).toBe(routed.length);
    expect([...documented].sort()).toEqual([...routed].sort());
    for (const r of allRoutes().filter((x) => x.url.startsWith('/api/')))
      expect(r.surface, r.url).toBe('api');
  });

  it('describes real responses: each validates against its documented schema', async () => {
    const cases: [string, string, number][] = [
      ['/api/v1/scorecard?period=2021/22-Q4', 'analyst', 200],
      ['/api/v1/scorecard?period=2021/22-Q4', 'panel', 200],
      ['/api/v1/measures/crime_table?period=2021/22-Q4', 'analyst', 200],
      ['/api/v1/measures/crime_table?period=2021/22-Q4', 'panel', 200],
      ['/api/v1/status', 'analyst', 200],
      ['/api/v1/public/scorecard', 'none', 200],
      ['/api/v1/scorecard?period=bad', 'analyst', 400],
      ['/api/v1/measures/nope?period=2021/22-Q4', 'analyst', 404],
      ['/api/v1/status', 'none', 401],
    ];
    for (const [url, who, status] of cases) {
      const res = await f.app.inject({ url, headers: headers[who] ?? {} });
      expect(res.statusCode, url).toBe(status);
      const path = url.split('?')[0] as string;
      const op = operations.find((o) =>
        new RegExp(`^${o.url.replace(/:[a-z]+/g, '[^/]+')}$`).test(path),
      );
      const schema = op?.responses[status]?.schema as z.ZodType | undefined;
      expect(schema, url).toBeDefined();
      const parsed = schema?.safeParse(res.json());
      expect(parsed?.success ? [] : parsed?.error.issues.slice(0, 3), url).toEqual([]);
      // And the document names a JSON schema for that answer.
      const documented = doc.paths[openApiPath(op?.url ?? '')]?.get?.responses[String(status)];
      expect(documented?.content?.['application/json']?.schema, url).toBeDefined();
    }
  }, 120_000);

  it('refers only to schemas it defines', () => {
    const refs = [
      ...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g),
    ].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of new Set(refs)) expect(doc.components.schemas[r], r).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('$defs');
  });

  it('documents each parameter with the schema that validates it', () => {
    const op = doc.paths['/api/v1/scorecard']?.get as unknown as {
      parameters: { name: string; required: boolean }[];
    };
    expect(op.parameters.map((p) => [p.name, p.required])).toEqual([
      ['period', true],
      ['lpa', false],
    ]);
  });
});
