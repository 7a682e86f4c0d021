import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_MS } from '../../src/records/users.ts';
import { buildApp } from '../../src/web/app.ts';
import type { WebLogger } from '../../src/web/deps.ts';
import { ATTEMPTS_PER_ADDRESS } from '../../src/web/pages/sign-in.ts';
import type { RouteDef } from '../../src/web/route.ts';
import { allRoutes } from '../../src/web/routes.ts';
import { PRE_SESSION_COOKIE } from '../../src/web/security/csrf.ts';
import { SESSION_COOKIE } from '../../src/web/session-cookie.ts';
import { csrfOf, PASSWORD, webFixture, type WebFixture } from '../helpers/web.ts';

/** A clock the tests move on (lockouts, throttling windows). */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

/** Every line the app logs, as written. */
const logLines: string[] = [];
const capture: WebLogger = {
  debug: (e, f) => logLines.push(JSON.stringify([e, f])),
  info: (e, f) => logLines.push(JSON.stringify([e, f])),
  warn: (e, f) => logLines.push(JSON.stringify([e, f])),
  error: (e, f) => logLines.push(JSON.stringify([e, f])),
};

/** A route that fails with personal data in its message, to see what the error log keeps. */
const FAILING: RouteDef = {
  method: 'GET',
  url: '/test-only/fails',
  access: 'public',
  example: { url: '/test-only/fails' },
  handler: () => {
    throw new Error('could not email analyst@test.example with correct horse battery staple');
  },
};

let f: WebFixture;
let app: FastifyInstance;
beforeAll(async () => {
  f = await webFixture({ clock });
  app = await buildApp({ ...f.deps, logger: capture }, { routes: [...allRoutes(), FAILING] });
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

let nextAddress = 10;
/** A browser at its own client address (so throttling in one test does not touch another). */
class Client {
  cookies: Record<string, string> = {};
  csrf = '';
  constructor(
    readonly ip = `192.0.2.${nextAddress++}`,
    readonly on: FastifyInstance = app,
  ) {}
  take(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
  async get(url: string, headers: Record<string, string> = {}) {
    return this.take(
      await this.on.inject({
        method: 'GET',
        url,
        cookies: this.cookies,
        remoteAddress: this.ip,
        headers,
      }),
    );
  }
  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.take(
      await this.on.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        remoteAddress: this.ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }
  async signIn(email: string, password = PASSWORD, extra: Record<string, string> = {}) {
    await this.get('/sign-in');
    return this.post('/sign-in', { _csrf: this.csrf, email, password, ...extra });
  }
}

const setCookie = (res: LightMyRequestResponse, name: string): string => {
  const all = res.headers['set-cookie'];
  const list = Array.isArray(all) ? all : all ? [all] : [];
  const found = list.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie set`);
  return found;
};

describe('CSRF', () => {
  it('refuses a signed-in POST without the session’s token, or with a wrong one', async () => {
    const c = new Client();
    expect((await c.signIn(f.users.analyst.email)).statusCode).toBe(303);
    await c.get('/');
    const other = new Client();
    await other.signIn(f.users.lead.email);
    await other.get('/');
    for (const token of [null, 'wrong', other.csrf]) {
      const res = await c.post('/sign-out', token === null ? {} : { _csrf: token });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('CSRF_REFUSED');
    }
    expect((await c.get('/')).statusCode).toBe(200);
    expect((await c.post('/sign-out', { _csrf: c.csrf })).statusCode).toBe(303);
  });

  it('protects the sign-in form with a double-submit cookie', async () => {
    const c = new Client();
    const page = await c.get('/sign-in');
    const cookieToken = c.cookies[PRE_SESSION_COOKIE];
    expect(cookieToken).toBeTruthy();
    expect(csrfOf(page.body)).toBe(cookieToken);
    const form = { email: f.users.analyst.email, password: PASSWORD };
    // The token without its cookie (a forged form elsewhere), a wrong token, no token.
    const noCookie = await app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: c.ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, _csrf: cookieToken as string }).toString(),
    });
    expect(noCookie.statusCode).toBe(403);
    expect((await c.post('/sign-in', { ...form, _csrf: 'not-the-token' })).statusCode).toBe(403);
    expect((await c.post('/sign-in', form)).statusCode).toBe(403);
    expect(c.cookies[SESSION_COOKIE]).toBeUndefined();
    expect((await c.post('/sign-in', { ...form, _csrf: c.csrf })).statusCode).toBe(303);
    expect(c.cookies[SESSION_COOKIE]).toBeTruthy();
  });
});

describe('sessions', () => {
  it('gives a new session id at sign-in, and the pre-sign-in id is not accepted after', async () => {
    // An id an attacker made up and planted in the victim's browser is never adopted.
    const victim = new Client();
    victim.cookies[SESSION_COOKIE] = 'attacker-chosen-id';
    await victim.get('/sign-in');
    const preSignIn = victim.cookies[PRE_SESSION_COOKIE] as string;
    expect(
      (
        await victim.post('/sign-in', {
          _csrf: victim.csrf,
          email: f.users.analyst.email,
          password: PASSWORD,
        })
      ).statusCode,
    ).toBe(303);
    const first = victim.cookies[SESSION_COOKIE] as string;
    expect(first).toBeTruthy();
    expect(first).not.toBe('attacker-chosen-id');
    expect(first).not.toBe(preSignIn);
    // Neither the planted id nor the pre-sign-in cookie's value is a session.
    for (const id of ['attacker-chosen-id', preSignIn]) {
      const res = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: id } });
      expect(res.statusCode).toBe(303);
    }

    // Signing in again (another person at the same browser) gives a new id and ends the old one.
    const home = await victim.get('/');
    expect(home.body).toContain('Test analyst');
    const again = await victim.post('/sign-in', {
      _csrf: victim.csrf,
      email: f.users.lead.email,
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(303);
    const second = victim.cookies[SESSION_COOKIE] as string;
    expect(second).not.toBe(first);
    expect((await victim.get('/')).body).toContain('Test lead');
    expect(await f.deps.records.sessions.get(first)).toBeNull();
    const replay = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: first } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/sign-in');
  });

  it('ends the session on the server at sign-out', async () => {
    const c = new Client();
    await c.signIn(f.users.oversight.email);
    await c.get('/');
    const id = c.cookies[SESSION_COOKIE] as string;
    const out = await c.post('/sign-out', { _csrf: c.csrf });
    expect(out.statusCode).toBe(303);
    expect(c.cookies[SESSION_COOKIE]).toBeUndefined();
    expect(await f.deps.records.sessions.get(id)).toBeNull();
    const replay = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: id } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/sign-in');
  });

  it('sets cookies HttpOnly and SameSite=Lax, and Secure behind TLS', async () => {
    const plain = new Client();
    const page = await plain.get('/sign-in');
    const signIn = await plain.post('/sign-in', {
      _csrf: plain.csrf,
      email: f.users.admin.email,
      password: PASSWORD,
    });
    await plain.get('/');
    const signOut = await plain.post('/sign-out', { _csrf: plain.csrf });
    const cookies = [
      setCookie(page, PRE_SESSION_COOKIE),
      setCookie(signIn, SESSION_COOKIE),
      setCookie(signOut, 'bluelamp_flash'),
    ];
    for (const c of cookies) {
      expect(c).toMatch(/; HttpOnly/i);
      expect(c).toMatch(/; SameSite=Lax/i);
      expect(c).not.toMatch(/; Secure/i);
    }
    const tls = await buildApp({ ...f.deps, secureCookies: true });
    try {
      const secure = new Client(undefined, tls);
      const p = await secure.get('/sign-in');
      const s = await secure.post('/sign-in', {
        _csrf: secure.csrf,
        email: f.users.admin.email,
        password: PASSWORD,
      });
      for (const c of [setCookie(p, PRE_SESSION_COOKIE), setCookie(s, SESSION_COOKIE)]) {
        expect(c).toMatch(/; Secure/i);
        expect(c).toMatch(/; HttpOnly/i);
      }
      expect(p.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await tls.close();
    }
  });
});

describe('sign-in throttling and lockout', () => {
  it(`refuses more than ${ATTEMPTS_PER_ADDRESS} attempts from one address with 429`, async () => {
    const c = new Client();
    await c.get('/sign-in');
    const attempt = (headers: Record<string, string> = {}) =>
      c.post(
        '/sign-in',
        { _csrf: c.csrf, email: 'nobody@test.example', password: 'wrong password' },
        headers,
      );
    for (let i = 0; i < ATTEMPTS_PER_ADDRESS; i++) expect((await attempt()).statusCode).toBe(401);
    const over = await attempt();
    expect(over.statusCode).toBe(429);
    expect(over.body).toContain('Too many sign-in attempts');
    // Even the right password, and even claiming to be someone else through a proxy header.
    expect(
      (await c.post('/sign-in', { _csrf: c.csrf, email: f.users.admin.email, password: PASSWORD }))
        .statusCode,
    ).toBe(429);
    expect((await attempt({ 'x-forwarded-for': '203.0.113.99' })).statusCode).toBe(429);
    // Another address is not affected.
    expect((await new Client().signIn('nobody@test.example', 'wrong password')).statusCode).toBe(
      401,
    );
  });

  it('locks an account after 5 wrong passwords, refusing the right one, for 15 minutes', async () => {
    const email = f.users.lead.email;
    const c = new Client();
    const results: number[] = [];
    for (let i = 0; i < 5; i++)
      results.push((await c.signIn(email, `wrong password ${i}`)).statusCode);
    expect(results).toEqual([401, 401, 401, 401, 401]);
    const locked = await c.signIn(email, PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toContain('This account is locked for 15 minutes');
    expect(c.cookies[SESSION_COOKIE]).toBeUndefined();
    // From another address too: the lockout is the account's, not the address's.
    expect((await new Client().signIn(email, PASSWORD)).statusCode).toBe(401);
    offsetMs += LOCK_MS - 60_000;
    expect((await new Client().signIn(email, PASSWORD)).statusCode).toBe(401);
    offsetMs += 61_000;
    const after = await new Client().signIn(email, PASSWORD);
    expect(after.statusCode).toBe(303);
    const audit = await f.deps.records.audit.list({ limit: 20 });
    expect(audit.find((e) => e.action === 'account_locked')).toMatchObject({
      subject: `user:${f.users.lead.id}`,
    });
    expect(
      audit.filter((e) => e.action === 'sign_in_failed' && e.details.reason === 'locked').length,
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('security headers', () => {
  const policy = (res: LightMyRequestResponse) =>
    String(res.headers['content-security-policy'] ?? '');
  it('are on pages, the API, assets and errors', async () => {
    const apiRoute = allRoutes().find((r) => r.surface === 'api' && r.method === 'GET');
    const answers = [
      await app.inject({ url: '/sign-in' }),
      await app.inject({ url: '/' }),
      await app.inject({ url: apiRoute?.example.url ?? '/api/v1/status' }),
      await app.inject({ url: '/api/v1/no-such-thing' }),
      await app.inject({ url: '/assets/bluelamp.css' }),
      await app.inject({ url: '/assets/govuk-frontend.min.js' }),
      await app.inject({ url: '/no-such-page' }),
    ];
    for (const res of answers) {
      expect(policy(res)).toContain("default-src 'self'");
      expect(policy(res)).toContain("script-src 'self'");
      expect(policy(res)).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('allow nothing inline in the content security policy', async () => {
    const csp = policy(await app.inject({ url: '/sign-in' }));
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/\*|https?:/);
  });

  it('leave the API to bearer tokens: a session cookie alone is not accepted', async () => {
    const apiRoutes = allRoutes().filter((r) => r.surface === 'api' && r.access !== 'public');
    expect(apiRoutes.length).toBeGreaterThan(0);
    const session = await f.deps.records.sessions.create(f.users.analyst.id);
    for (const r of apiRoutes) {
      const res = await app.inject({
        method: r.method,
        url: r.example.url,
        cookies: { [SESSION_COOKIE]: session.id },
        ...(r.method === 'POST' ? { payload: {} } : {}),
      });
      // So a page elsewhere cannot make a signed-in browser call the API (no CSRF on the API).
      expect(`${r.method} ${r.url} ${res.statusCode}`).toBe(`${r.method} ${r.url} 401`);
    }
  });

  it('keep signed-in pages out of caches', async () => {
    const c = new Client();
    await c.signIn(f.users.analyst.email);
    expect((await c.get('/')).headers['cache-control']).toBe('no-store');
  });
});

describe('pages carry no inline script', () => {
  /** What the CSP would block, so a page relying on it would break in a browser. */
  function inlineProblems(html: string): string[] {
    const found: string[] = [];
    for (const m of html.matchAll(/<script\b[^>]*>/gi))
      if (!/\ssrc=["']\/assets\//.test(m[0])) found.push(m[0]);
    for (const m of html.matchAll(/<[a-z][^>]*?\son[a-z]+\s*=[^>]*>/gi))
      found.push(m[0].slice(0, 120));
    for (const m of html.matchAll(/<[a-z][^>]*?\sstyle\s*=[^>]*>/gi))
      found.push(m[0].slice(0, 120));
    for (const m of html.matchAll(/<style\b[^>]*>/gi)) found.push(m[0]);
    for (const m of html.matchAll(/\s(?:href|src|action)\s*=\s*["']?\s*javascript:/gi))
      found.push(m[0]);
    return found;
  }

  it('finds what it looks for', () => {
    expect(
      inlineProblems('<script>alert(1)</script><a onclick="x()">a</a><p style="color:red">'),
    ).toHaveLength(3);
    expect(
      inlineProblems('<script src="/assets/a.js"></script><p class="online">on=1</p>'),
    ).toEqual([]);
  });

  it('on every GET page, for each role and anonymous', async () => {
    const pages = allRoutes().filter((r) => r.method === 'GET' && r.surface !== 'api');
    const who = [null, f.users.admin, f.users.analyst, f.users.panel, f.users.scoped];
    const problems: string[] = [];
    let scanned = 0;
    for (const route of pages) {
      for (const user of who) {
        const cookies: Record<string, string> = {};
        if (user) cookies[SESSION_COOKIE] = (await f.deps.records.sessions.create(user.id)).id;
        const res = await app.inject({ url: route.example.url, cookies });
        if (!String(res.headers['content-type']).startsWith('text/html')) continue;
        scanned++;
        for (const p of inlineProblems(res.body))
          problems.push(`${route.example.url} (${user?.role ?? 'anonymous'}): ${p}`);
      }
    }
    // The error pages too: not found, and refused.
    const analyst = (await f.deps.records.sessions.create(f.users.analyst.id)).id;
    for (const [url, cookies] of [
      ['/no-such-page', {}],
      ['/admin/users', { [SESSION_COOKIE]: analyst }],
    ] as const) {
      const res = await app.inject({ url, cookies });
      expect(res.statusCode).toBeGreaterThanOrEqual(403);
      for (const p of inlineProblems(res.body)) problems.push(`${url} (error page): ${p}`);
    }
    expect(scanned).toBeGreaterThan(pages.length);
    expect(problems).toEqual([]);
  });
});

describe('redirects after sign-in', () => {
  it('never leave the site, whatever ?next= says', async () => {
    for (const next of [
      '//evil.example',
      '//evil.example/%2F..',
      'https://evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      ' /x',
      'javascript:alert(1)',
    ]) {
      const c = new Client();
      const page = await c.get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(page.body).toContain('name="next" value="/"');
      const res = await c.post('/sign-in', {
        _csrf: c.csrf,
        email: f.users.analyst.email,
        password: PASSWORD,
        next,
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
    }
    const c = new Client();
    const kept = await c.signIn(f.users.admin.email, PASSWORD, { next: '/admin/users?x=1' });
    expect(kept.headers.location).toBe('/admin/users?x=1');
  });

  it('keeps where a signed-out visitor was going', async () => {
    const res = await app.inject({ url: '/admin/users' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fusers');
  });
});

describe('audit and application logs', () => {
  it('audit every sign-in, failed sign-in and lockout, and log no email or password', async () => {
    const before = (await f.deps.records.audit.list({ limit: 1 }))[0]?.id ?? 0;
    await new Client().signIn(f.users.panel.email);
    await new Client().signIn(f.users.panel.email, 'a wrong password');
    await new Client().signIn('stranger@elsewhere.example', 'a wrong password');
    const entries = (await f.deps.records.audit.list({ limit: 10 }))
      .filter((e) => e.id > before)
      .reverse();
    expect(entries.map((e) => [e.action, e.subject])).toEqual([
      ['sign_in', `user:${f.users.panel.id}`],
      ['sign_in_failed', `user:${f.users.panel.id}`],
      ['sign_in_failed', 'unknown'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('@');
    expect(JSON.stringify(entries)).not.toContain('wrong password');

    const bug = await app.inject({ url: '/test-only/fails' });
    expect(bug.statusCode).toBe(500);
    expect(bug.body).not.toContain('analyst@test.example');
    // Logging happened (sign-ins, the bug), and not one line names anyone or a password.
    expect(logLines.some((l) => l.includes('web.sign_in.failed'))).toBe(true);
    expect(logLines.some((l) => l.includes('web.sign_in.throttled'))).toBe(true);
    expect(logLines.some((l) => l.includes('web.bug'))).toBe(true);
    const secrets = [
      ...Object.values(f.users).map((u) => u.email),
      'stranger@elsewhere.example',
      PASSWORD,
      'wrong password',
      'Test analyst',
    ];
    const leaks = logLines.filter((l) => l.includes('@') || secrets.some((s) => l.includes(s)));
    expect(leaks).toEqual([]);
  });
});
