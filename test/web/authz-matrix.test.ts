/**
 * The authorisation matrix, generated from the route table: every route × anonymous, each role
 * and an LPA-scoped analyst, sending the route's own example request. What each may do comes
 * from the route's `access` and src/web/permissions.ts, never from a list kept here, so a new
 * route is tested the moment it is added to src/web/routes.ts.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/records/api.ts';
import { CAPABILITIES, can } from '../../src/web/permissions.ts';
import type { RouteDef } from '../../src/web/route.ts';
import { allRoutes } from '../../src/web/routes.ts';
import { PRE_SESSION_COOKIE } from '../../src/web/security/csrf.ts';
import { SESSION_COOKIE } from '../../src/web/session-cookie.ts';
import { webFixture, type WebFixture } from '../helpers/web.ts';

const ROUTES = allRoutes();
const PRINCIPALS = [
  'anonymous',
  'admin',
  'analyst',
  'lead',
  'oversight',
  'panel',
  'scoped',
] as const;
type Principal = (typeof PRINCIPALS)[number];

/**
 * Where a route may be public. A new public route outside these must be added here on purpose
 * (and reviewed: it can be read by anyone on the internet).
 */
const PUBLIC_PREFIXES = ['/public', '/api/v1/public', '/sign-in', '/assets', '/accessibility'];
const DELIBERATELY_PUBLIC = new Set([
  // The home page: redirects to sign-in, or shows the signed-in user's start page.
  'GET /',
  // The API's description says what exists, never any data.
  'GET /api/v1/openapi.json',
]);

const name = (r: RouteDef) => `${r.method} ${r.url}`;
const isApi = (r: RouteDef) => r.surface === 'api';

/** A fastify pattern as a regular expression over the path (`:id` is one segment). */
function patternOf(url: string): RegExp {
  const body = url
    .split('/')
    .map((seg) =>
      seg === '*'
        ? '.*'
        : seg.startsWith(':')
          ? '[^/]+'
          : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${body}$`);
}
const pathOf = (url: string) => url.split('?')[0] ?? url;

let f: WebFixture;
const tokens = new Map<Principal, string>();
const userOf = (p: Principal): User | null => (p === 'anonymous' ? null : f.users[p]);

beforeAll(async () => {
  f = await webFixture();
  for (const p of PRINCIPALS) {
    const u = userOf(p);
    if (!u) continue;
    const { secret } = await f.deps.records.tokens.create(u.email, 'matrix', {
      userId: null,
      via: 'system',
    });
    tokens.set(p, secret);
  }
});
afterAll(async () => {
  // Jobs a POST example started (an import, a report) finish before the data directory goes.
  const deadline = Date.now() + 60_000;
  while (f && f.deps.jobs.list().some((j) => j.state === 'running') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  await f?.close();
});

function multipart(fields: Readonly<Record<string, string>>): { body: string; type: string } {
  const boundary = 'matrixboundary7d3f';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Sends a route's example as `who`: a fresh session (pages) or the user's bearer token (API). */
async function send(
  route: RouteDef,
  who: Principal,
  url = route.example.url,
): Promise<LightMyRequestResponse> {
  const user = userOf(who);
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  let csrf = 'matrix-presession-token';
  if (isApi(route)) {
    const t = tokens.get(who);
    if (t) headers.authorization = `Bearer ${t}`;
  } else if (user) {
    // A fresh session per request, so a sign-out example cannot end the next request's.
    const s = await f.deps.records.sessions.create(user.id);
    cookies[SESSION_COOKIE] = s.id;
    csrf = s.csrfToken;
  } else cookies[PRE_SESSION_COOKIE] = csrf;
  if (route.method === 'GET') return f.app.inject({ method: 'GET', url, headers, cookies });

  const form = { ...(route.example.form ?? {}) };
  if (!isApi(route) && !route.multipart) form._csrf = csrf;
  const target =
    route.multipart && !isApi(route)
      ? `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(csrf)}`
      : url;
  const payload = route.multipart
    ? multipart(form)
    : { body: new URLSearchParams(form).toString(), type: 'application/x-www-form-urlencoded' };
  return f.app.inject({
    method: 'POST',
    url: target,
    headers: { ...headers, 'content-type': payload.type },
    cookies,
    payload: payload.body,
  });
}

/** Whether the core refused the request, and how (read from what it answered, not guessed). */
function refusalIn(
  route: RouteDef,
  res: LightMyRequestResponse,
  url = route.example.url,
): 'sign_in' | 'forbidden' | 'csrf' | null {
  if (isApi(route)) {
    const code = (() => {
      try {
        return (JSON.parse(res.body) as { code?: string }).code;
      } catch {
        return undefined;
      }
    })();
    if (res.statusCode === 401 && code === 'SIGN_IN_REQUIRED') return 'sign_in';
    if (res.statusCode === 403 && code === 'FORBIDDEN') return 'forbidden';
    return null;
  }
  // The core's own redirect (refuse.ts keeps where the visitor was going); a public route is
  // never refused by the core, though its handler may send a visitor to sign in (the home page).
  const location = String(res.headers.location ?? '');
  const toSignIn =
    url === '/'
      ? location === '/sign-in'
      : location.startsWith(`/sign-in?next=${encodeURIComponent(pathOf(url))}`);
  if (route.access !== 'public' && res.statusCode === 303 && toSignIn) return 'sign_in';
  if (res.statusCode === 403 && res.body.includes('<code>FORBIDDEN</code>')) return 'forbidden';
  if (res.statusCode === 403 && res.body.includes('<code>CSRF_REFUSED</code>')) return 'csrf';
  return null;
}

function expected(route: RouteDef, who: Principal): 'allowed' | 'sign_in' | 'forbidden' {
  if (route.access === 'public') return 'allowed';
  const user = userOf(who);
  if (!user) return 'sign_in';
  if (route.access === 'signed_in') return 'allowed';
  return can(user, route.access) ? 'allowed' : 'forbidden';
}

describe('the route table', () => {
  it('has routes, each declared once', () => {
    expect(ROUTES.length).toBeGreaterThan(5);
    const names = ROUTES.map(name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('gives every route an access rule the core knows', () => {
    const known = new Set<string>(['public', 'signed_in', ...Object.keys(CAPABILITIES)]);
    expect(ROUTES.filter((r) => !known.has(r.access)).map(name)).toEqual([]);
  });

  it.each(ROUTES.map((r) => [name(r), r] as const))(
    '%s: its example matches its own pattern',
    (_n, r) => {
      expect(pathOf(r.example.url)).toMatch(patternOf(r.url));
      if (r.method === 'GET') expect(r.example.form).toBeUndefined();
    },
  );

  it('has no public route outside the public areas, except the deliberate ones', () => {
    const stray = ROUTES.filter(
      (r) =>
        r.access === 'public' &&
        !PUBLIC_PREFIXES.some(
          (p) => r.url === p || r.url.startsWith(`${p}/`) || r.url.startsWith(`${p}.`),
        ) &&
        !DELIBERATELY_PUBLIC.has(name(r)),
    ).map(name);
    expect(stray).toEqual([]);
  });

  it('keeps the API under /api/ and pages outside it', () => {
    for (const r of ROUTES)
      expect(`${name(r)} ${isApi(r)}`).toBe(`${name(r)} ${r.url.startsWith('/api/')}`);
  });
});

// GETs first: a POST example may change what a later request sees.
const ORDERED = [
  ...ROUTES.filter((r) => r.method === 'GET'),
  ...ROUTES.filter((r) => r.method === 'POST'),
];

describe.sequential('who may call each route', () => {
  it.each(ORDERED.map((r) => [name(r), r.access, r] as const))('%s (%s)', async (_n, _a, route) => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const who of PRINCIPALS) {
      const res = await send(route, who);
      const refusal = refusalIn(route, res);
      const want = expected(route, who);
      wanted.push(`${who}: ${want}`);
      if (want === 'allowed') {
        // Allowed: not refused by the core, and no 401/403 from the handler either (a 401 is the
        // sign-in form's own answer to a wrong password, on a public route only). A 404 for an
        // example id that does not exist is fine.
        const handlerRefused =
          res.statusCode === 403 || (res.statusCode === 401 && route.access !== 'public');
        outcomes.push(
          `${who}: ${refusal === null && !handlerRefused ? 'allowed' : `refused ${res.statusCode} ${refusal ?? ''}`}`,
        );
      } else {
        outcomes.push(`${who}: ${refusal ?? `not refused (${res.statusCode})`}`);
      }
      expect(res.statusCode, `${name(route)} as ${who}: a server error`).toBeLessThan(500);
    }
    expect(outcomes).toEqual(wanted);
  });
});

/** Where a route pattern takes an LPA in its path, if it does. */
const lpaSegment = (r: RouteDef) => r.url.split('/').indexOf(':lpa');

describe('an LPA-scoped analyst asking for another area', () => {
  const scopedGets = ROUTES.filter((r) => r.method === 'GET' && r.access !== 'public');
  it.each(scopedGets.map((r) => [name(r), r] as const))('%s answers 404', async (_n, route) => {
    if (expected(route, 'scoped') !== 'allowed') {
      // Refused anyway: the refusal must not depend on the area (no 404/403 difference to learn from).
      const url = withLpa(route.example.url, f.lpas.other);
      expect(refusalIn(route, await send(route, 'scoped', url), url)).toBe('forbidden');
      return;
    }
    const res = await send(route, 'scoped', withLpa(route.example.url, f.lpas.other));
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(f.lpas.other);
    const seg = lpaSegment(route);
    if (seg >= 0) {
      const parts = pathOf(route.example.url).split('/');
      parts[seg] = encodeURIComponent(f.lpas.other);
      expect((await send(route, 'scoped', parts.join('/'))).statusCode).toBe(404);
    }
  });
});

function withLpa(url: string, lpa: string): string {
  const [path, query = ''] = url.split('?');
  const q = new URLSearchParams(query);
  q.set('lpa', lpa);
  return `${path}?${q.toString()}`;
}
