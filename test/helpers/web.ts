import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildWebDeps } from '../../src/app/web-deps.ts';
import type { Role, User } from '../../src/records/api.ts';
import { buildApp } from '../../src/web/app.ts';
import type { WebDeps } from '../../src/web/deps.ts';

export const PASSWORD = 'correct horse battery staple';

/** One account per role, and an analyst scoped to one area (the demo force's first LPA). */
export interface WebFixture {
  readonly app: FastifyInstance;
  readonly deps: WebDeps;
  readonly dataDir: string;
  readonly users: Record<Role | 'scoped', User>;
  /** The LPA the scoped analyst may see, and one they may not. */
  readonly lpas: { readonly own: string; readonly other: string };
  close(): Promise<void>;
}

export async function webFixture(opts: { clock?: { now(): Date } } = {}): Promise<WebFixture> {
  const root = mkdtempSync(join(tmpdir(), 'bluelamp-web-'));
  const dataDir = join(root, 'data');
  cpSync(inject('smallDemoDir'), dataDir, { recursive: true });
  const built = await buildWebDeps({ dataDir, ...(opts.clock ? { clock: opts.clock } : {}) });
  const { deps } = built;
  const { store } = await deps.facts.current();
  const lpaRows = await store.all(
    'SELECT DISTINCT lpa FROM crimes WHERE lpa IS NOT NULL ORDER BY lpa',
  );
  const names = lpaRows.map((r) => String(r.lpa));
  const own = names[0] ?? 'North';
  const other = names[1] ?? 'South';
  const actor = { userId: null, via: 'system' as const };
  const add = (role: Role, email: string, lpas: string[] = []) =>
    deps.records.users.add(
      { email, role, lpas, password: PASSWORD, displayName: `Test ${role}` },
      actor,
    );
  const users = {
    admin: await add('admin', 'admin@test.example'),
    analyst: await add('analyst', 'analyst@test.example'),
    lead: await add('lead', 'lead@test.example'),
    oversight: await add('oversight', 'oversight@test.example'),
    panel: await add('panel', 'panel@test.example'),
    scoped: await add('analyst', 'scoped@test.example', [own]),
  };
  const app = await buildApp(deps);
  return {
    app,
    deps,
    dataDir,
    users,
    lpas: { own, other },
    async close() {
      await app.close();
      await built.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Cookies as a browser keeps them, from a response's Set-Cookie headers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: LightMyRequestResponse): void {
    for (const c of res.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
  header(): Record<string, string> {
    return Object.fromEntries(this.cookies);
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

/** A browser-like client: keeps cookies, reads each page's CSRF token, posts forms. */
export class Browser {
  readonly jar = new CookieJar();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, cookies: this.jar.header() });
    this.jar.take(res);
    if (res.headers['content-type']?.toString().startsWith('text/html')) {
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m?.[1]) this.csrf = m[1];
    }
    return res;
  }

  async post(
    url: string,
    form: Record<string, string> = {},
    opts: { csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    const body = new URLSearchParams({ ...form, ...(token === null ? {} : { _csrf: token }) });
    const res = await this.app.inject({
      method: 'POST',
      url,
      cookies: this.jar.header(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.jar.take(res);
    return res;
  }

  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.statusCode === 303) await this.get(String(res.headers.location));
    return res;
  }
}
