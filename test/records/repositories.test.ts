import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/records/api.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/records/sessions.ts';
import { LOCK_MS, MAX_FAILURES } from '../../src/records/users.ts';
import { readFileSync } from 'node:fs';
import { rows, STORES, type TestStore } from './stores.ts';

// One suite, run against PGlite and against a real PostgreSQL server (see stores.ts): the
// repositories must behave the same on both, down to the audit log refusing changes.

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';
const MINUTE = 60_000;

let n = 0;
/** A fresh email per test, so tests share one store without seeing each other's users. */
const email = (what: string) => `${what.toLowerCase()}-${++n}@example.org`;

/** The database's own message for a refused statement (Drizzle wraps it as the cause). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(e);
  }
  return 'not refused';
}

describe.each(STORES)('the records store on %s', (_name, open) => {
  let s: TestStore;
  // A store that cannot be opened (no PostgreSQL in CI) fails every test, rather than the
  // hook alone, which would report them as skipped.
  let unopened: unknown = null;
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const add = (
    e: string,
    over: Partial<Parameters<TestStore['records']['users']['add']>[0]> = {},
  ) => s.records.users.add({ email: e, role: 'analyst', password: PASSWORD, ...over }, cli);

  const auditFor = async (subject: string) =>
    (await s.records.audit.list({ limit: 1000 })).filter((a) => a.subject === subject).reverse();

  describe('users', () => {
    it('adds, lists, disables and changes the role of a user, auditing each change', async () => {
      const e = email('Ann');
      const u = await add(e.replace('ann', 'Ann'), {
        lpas: ['North', ' North ', 'South'],
        displayName: 'Ann',
      });
      expect(u).toMatchObject({
        email: e,
        role: 'analyst',
        lpas: ['North', 'South'],
        disabled: false,
      });
      expect((await s.records.users.list()).map((x) => x.email)).toContain(e);
      expect(await s.records.users.byId(u.id)).toEqual(u);
      await expect(add(e)).rejects.toMatchObject({ code: 'USER_EXISTS' });
      expect((await s.records.users.setDisabled(e, true, cli)).disabled).toBe(true);
      const lead = await s.records.users.setRole(e, 'lead', [], cli);
      expect(lead).toMatchObject({ role: 'lead', lpas: [] });
      const audit = await auditFor(`user:${u.id}`);
      expect(audit.map((a) => a.action)).toEqual(['user_added', 'user_disabled', 'user_role_set']);
      expect(audit[2]?.details).toMatchObject({ role: 'lead', previousRole: 'analyst' });
      // No password, hash or email in any entry.
      expect(JSON.stringify(audit)).not.toMatch(/example\.org|scrypt|long enough/);
    });

    it('refuses a short password, an unknown role and an unknown user', async () => {
      await expect(add(email('short'), { password: 'elevenchars' })).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
      await expect(add(email('role'), { role: 'chief' as 'admin' })).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
      await expect(s.records.users.setDisabled(email('nobody'), true, cli)).rejects.toMatchObject({
        code: 'UNKNOWN_USER',
      });
    });
  });

  describe('signing in', () => {
    it('accepts the right password and refuses a wrong one without saying whether the email exists', async () => {
      const e = email('sign');
      const u = await add(e);
      expect(await s.records.users.signIn(e, PASSWORD, 'web')).toEqual({ ok: true, user: u });
      expect(await s.records.users.signIn(e, 'not the password', 'web')).toEqual({
        ok: false,
        reason: 'bad_credentials',
      });
      const unknown = email('unknown');
      expect(await s.records.users.signIn(unknown, PASSWORD, 'web')).toEqual({
        ok: false,
        reason: 'bad_credentials',
      });
      expect((await auditFor(`user:${u.id}`)).map((a) => a.action)).toEqual([
        'user_added',
        'sign_in',
        'sign_in_failed',
      ]);
      const failures = await s.records.audit.list({ action: 'sign_in_failed', limit: 1000 });
      expect(failures.some((a) => a.subject === 'unknown')).toBe(true);
      // The email typed for an unknown account is not stored anywhere in the log.
      expect(JSON.stringify(await s.records.audit.list({ limit: 1000 }))).not.toContain(unknown);
    });

    it(`locks an account after ${MAX_FAILURES} failures in 15 minutes, and unlocks it 15 minutes later`, async () => {
      const e = email('lock');
      const u = await add(e);
      for (let i = 1; i < MAX_FAILURES; i++) {
        expect((await s.records.users.signIn(e, 'wrong password!', 'web')).ok).toBe(false);
        s.clock.advance(MINUTE);
      }
      expect(await s.records.users.signIn(e, 'wrong password!', 'web')).toEqual({
        ok: false,
        reason: 'locked',
      });
      // Locked: the right password is refused too.
      s.clock.advance(LOCK_MS - MINUTE);
      expect(await s.records.users.signIn(e, PASSWORD, 'web')).toEqual({
        ok: false,
        reason: 'locked',
      });
      s.clock.advance(MINUTE);
      expect((await s.records.users.signIn(e, PASSWORD, 'web')).ok).toBe(true);
      const actions = (await auditFor(`user:${u.id}`)).map((a) => a.action);
      expect(actions.filter((a) => a === 'account_locked')).toHaveLength(1);
      expect(actions.at(-1)).toBe('sign_in');
    });

    it('resets the count on success, and counts only failures within 15 minutes', async () => {
      const e = email('reset');
      await add(e);
      const fail = () => s.records.users.signIn(e, 'wrong password!', 'web');
      for (let i = 0; i < MAX_FAILURES - 1; i++) await fail();
      expect((await s.records.users.signIn(e, PASSWORD, 'web')).ok).toBe(true);
      for (let i = 0; i < MAX_FAILURES - 1; i++) await fail();
      s.clock.advance(16 * MINUTE);
      // The window has passed: this is the first failure of a new one.
      expect(await fail()).toEqual({ ok: false, reason: 'bad_credentials' });
      expect((await s.records.users.signIn(e, PASSWORD, 'web')).ok).toBe(true);
    });

    it('refuses a disabled user, but only with the right password', async () => {
      const e = email('off');
      await add(e);
      await s.records.users.setDisabled(e, true, cli);
      expect(await s.records.users.signIn(e, PASSWORD, 'web')).toEqual({
        ok: false,
        reason: 'disabled',
      });
      expect(await s.records.users.signIn(e, 'wrong password!', 'web')).toEqual({
        ok: false,
        reason: 'bad_credentials',
      });
    });

    it('takes a new password', async () => {
      const e = email('newpass');
      await add(e);
      await s.records.users.setPassword(e, 'another long password', cli);
      expect((await s.records.users.signIn(e, PASSWORD, 'web')).ok).toBe(false);
      expect((await s.records.users.signIn(e, 'another long password', 'web')).ok).toBe(true);
    });
  });

  describe('sessions', () => {
    it('stores only a hash of the id, and carries a CSRF token', async () => {
      const u = await add(email('sess'));
      const session = await s.records.sessions.create(u.id);
      expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.csrfToken).not.toBe(session.id);
      const stored = await rows(s.db, sql`select * from sessions`);
      expect(JSON.stringify(stored)).not.toContain(session.id);
      expect(JSON.stringify(stored)).not.toContain(session.csrfToken);
      const got = await s.records.sessions.get(session.id);
      expect(got).toMatchObject({ user: u, csrfToken: session.csrfToken });
      expect(await s.records.sessions.get(`${session.id}x`)).toBeNull();
      expect((await s.records.sessions.create(u.id)).id).not.toBe(session.id);
    });

    it('ends after 2 hours idle, extended by use, and after 12 hours whatever', async () => {
      const u = await add(email('idle'));
      const idle = await s.records.sessions.create(u.id);
      const used = await s.records.sessions.create(u.id);
      const step = SESSION_IDLE_MS - 10 * MINUTE;
      let elapsed = 0;
      const tick = async () => {
        s.clock.advance(step);
        elapsed += step;
        await s.records.sessions.touch(used.id);
      };
      await tick();
      expect(await s.records.sessions.get(idle.id)).not.toBeNull();
      await tick();
      expect(await s.records.sessions.get(idle.id)).toBeNull();
      // An ended session is not brought back by touching it.
      await s.records.sessions.touch(idle.id);
      expect(await s.records.sessions.get(idle.id)).toBeNull();
      while (elapsed + step < SESSION_ABSOLUTE_MS) {
        await tick();
        expect(await s.records.sessions.get(used.id)).not.toBeNull();
      }
      await tick();
      expect(elapsed).toBeGreaterThanOrEqual(SESSION_ABSOLUTE_MS);
      expect(await s.records.sessions.get(used.id)).toBeNull();
    });

    it('is revoked one at a time, all at once, and when its user is disabled', async () => {
      const e = email('revoke');
      const u = await add(e);
      const [a, b, c] = [
        await s.records.sessions.create(u.id),
        await s.records.sessions.create(u.id),
        await s.records.sessions.create(u.id),
      ];
      await s.records.sessions.revoke(a.id);
      expect(await s.records.sessions.get(a.id)).toBeNull();
      expect(await s.records.sessions.get(b.id)).not.toBeNull();
      await s.records.users.setDisabled(e, true, cli);
      expect(await s.records.sessions.get(b.id)).toBeNull();
      await s.records.users.setDisabled(e, false, cli);
      await s.records.sessions.revokeAllFor(u.id);
      expect(await s.records.sessions.get(b.id)).toBeNull();
      expect(await s.records.sessions.get(c.id)).toBeNull();
    });
  });

  describe('API tokens', () => {
    it('verifies a token by its secret, stores only a hash, and refuses it once revoked', async () => {
      const e = email('token');
      const u = await add(e);
      const { token, secret } = await s.records.tokens.create(e, 'reporting', cli);
      expect(secret).toMatch(/^blt_/);
      expect(await s.records.tokens.verify(secret)).toEqual(u);
      expect(await s.records.tokens.verify(`${secret}x`)).toBeNull();
      expect(JSON.stringify(await rows(s.db, sql`select * from api_tokens`))).not.toContain(secret);
      expect((await s.records.tokens.list(e)).map((t) => t.label)).toEqual(['reporting']);
      await s.records.users.setDisabled(e, true, cli);
      expect(await s.records.tokens.verify(secret)).toBeNull();
      await s.records.users.setDisabled(e, false, cli);
      await s.records.tokens.revoke(token.id, cli);
      expect(await s.records.tokens.verify(secret)).toBeNull();
      expect((await s.records.tokens.list(e))[0]?.revokedAt).toBeInstanceOf(Date);
      await expect(s.records.tokens.revoke(token.id, cli)).rejects.toMatchObject({
        code: 'UNKNOWN_TOKEN',
      });
      const actions = (await s.records.audit.list({ limit: 1000 })).filter(
        (a) => a.subject === `token:${token.id}`,
      );
      expect(actions.map((a) => a.action).sort()).toEqual(['token_created', 'token_revoked']);
      expect(JSON.stringify(actions)).not.toContain(secret);
    });
  });

  describe('settings and publications', () => {
    it('merges settings, removes a key set to null, and audits the keys changed', async () => {
      await s.records.settings.set(
        { forceName: 'Test force', lpaPopulations: { North: 1000 } },
        cli,
      );
      await s.records.settings.set({ policingBodyType: 'pcc', lpaPopulations: null }, cli);
      expect(await s.records.settings.get()).toEqual({
        forceName: 'Test force',
        policingBodyType: 'pcc',
      });
      const [last] = await s.records.audit.list({ action: 'settings_changed', limit: 1 });
      expect(last?.details).toEqual({ keys: 'lpaPopulations,policingBodyType' });
    });

    it('lists publications, public editions alone on request', async () => {
      const base = {
        period: '2021/22-Q1',
        format: 'html',
        bytes: 10,
        sha256: 'ab',
        path: 'reports/x.html',
      } as const;
      const board = await s.records.publications.add(
        { ...base, edition: 'board', public: true },
        cli,
      );
      const pub = await s.records.publications.add(
        { ...base, edition: 'public', public: true },
        cli,
      );
      expect(board.public).toBe(false);
      expect(await s.records.publications.byId(pub.id)).toEqual(pub);
      expect((await s.records.publications.list()).map((p) => p.id)).toEqual(
        expect.arrayContaining([board.id, pub.id]),
      );
      expect((await s.records.publications.list({ publicOnly: true })).map((p) => p.id)).toEqual([
        pub.id,
      ]);
    });
  });

  describe('the audit log', () => {
    it('appends entries, newest first, filtered by action and time', async () => {
      const before = s.clock.now();
      s.clock.advance(MINUTE);
      await s.records.audit.append(
        { action: 'test_event', subject: 'thing:1', details: { n: 1 } },
        cli,
      );
      await s.records.audit.append(
        { action: 'test_event', subject: 'thing:2', details: { ok: true } },
        cli,
      );
      const got = await s.records.audit.list({ action: 'test_event', since: before });
      expect(got.map((a) => a.subject)).toEqual(['thing:2', 'thing:1']);
      expect(got[1]).toMatchObject({ via: 'cli', actorUserId: null, details: { n: 1 } });
    });

    it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
      await s.records.audit.append({ action: 'test_event', subject: 'thing:3', details: {} }, cli);
      const count = async () =>
        Number((await rows(s.db, sql`select count(*) as n from audit_log`))[0]?.n);
      const n = await count();
      expect(await refusal(s.db.execute(sql`update audit_log set action = 'rewritten'`))).toMatch(
        /append-only/,
      );
      expect(await refusal(s.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
      expect(await refusal(s.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
      expect(await count()).toBe(n);
      expect(await rows(s.db, sql`select 1 from audit_log where action = 'rewritten'`)).toEqual([]);
    });
  });

  describe('migrations', () => {
    it('are applied once: reopening keeps the data and applies nothing again', async () => {
      const e = email('reopen');
      await add(e);
      const applied = async () =>
        Number(
          (await rows(s.db, sql`select count(*) as n from drizzle.__drizzle_migrations`))[0]?.n,
        );
      const journal = JSON.parse(
        readFileSync(
          new URL('../../src/records/migrations/meta/_journal.json', import.meta.url),
          'utf8',
        ),
      ) as { entries: unknown[] };
      expect(await applied()).toBe(journal.entries.length);
      await s.reopen();
      await s.reopen();
      expect(await applied()).toBe(journal.entries.length);
      expect(await s.records.users.byEmail(e)).not.toBeNull();
      expect(s.records.kind).toBe(_name === 'PGlite' ? 'pglite' : 'postgres');
    });
  });
});
