import type { RouteDef } from '../route.ts';
import { refuse } from '../refuse.ts';
import { slidingThrottle, type Throttle } from '../security/throttle.ts';
import {
  clearSessionCookie,
  safeNext,
  SESSION_COOKIE,
  setSessionCookie,
} from '../session-cookie.ts';

/** Sign-in attempts allowed per client address in 15 minutes (the account lockout is the store's). */
export const ATTEMPTS_PER_ADDRESS = 20;
const WINDOW_MS = 15 * 60 * 1000;

/** The same words whatever went wrong, so the page never says whether an email has an account. */
const FAILED = 'Enter a correct email address and password.';
const LOCKED =
  'This account is locked for 15 minutes after too many failed sign-ins. Try again later, or ask an administrator.';

const throttles = new WeakMap<object, Throttle>();
function throttleFor(deps: object, now: () => Date): Throttle {
  let t = throttles.get(deps);
  if (!t) {
    t = slidingThrottle({ limit: ATTEMPTS_PER_ADDRESS, windowMs: WINDOW_MS, now });
    throttles.set(deps, t);
  }
  return t;
}

const DEMO_PASSWORD = 'demo-only-password';

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/sign-in',
    access: 'public',
    example: { url: '/sign-in' },
    handler: (ctx) => {
      if (ctx.user) return ctx.reply.redirect('/', 303);
      const q = ctx.req.query as Record<string, unknown>;
      return ctx.render('sign-in.njk', {
        next: safeNext(q.next),
        demoSignIns: ctx.deps.demoSignIns ?? [],
        demoPassword: DEMO_PASSWORD,
      });
    },
  },
  {
    method: 'POST',
    url: '/sign-in',
    access: 'public',
    example: { url: '/sign-in', form: { email: 'nobody@example.test', password: 'x' } },
    handler: async (ctx) => {
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      const email = typeof body.email === 'string' ? body.email.trim().slice(0, 254) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
      const next = safeNext(body.next);
      if (!throttleFor(ctx.deps, () => ctx.deps.clock.now()).attempt(ctx.req.ip)) {
        ctx.deps.logger.warn('web.sign_in.throttled');
        return refuse(ctx.reply, false, 'throttled');
      }
      const again = (text: string, status: number) =>
        ctx.render(
          'sign-in.njk',
          {
            errorText: text,
            email,
            next,
            demoSignIns: ctx.deps.demoSignIns ?? [],
            demoPassword: DEMO_PASSWORD,
          },
          status,
        );
      if (email === '' || password === '') return again(FAILED, 400);
      const result = await ctx.deps.records.users.signIn(email, password, 'web');
      // Operators see outcomes only; who it was is in the audit log, never in the logs.
      ctx.deps.logger.info(result.ok ? 'web.sign_in' : 'web.sign_in.failed', {
        code: result.ok ? 'ok' : result.reason,
      });
      if (!result.ok) return again(result.reason === 'locked' ? LOCKED : FAILED, 401);
      // A new session id at every sign-in, and the old one ended: no session fixation.
      const old = ctx.req.cookies[SESSION_COOKIE];
      if (old) await ctx.deps.records.sessions.revoke(old);
      const session = await ctx.deps.records.sessions.create(result.user.id);
      setSessionCookie(ctx.reply, session.id, ctx.deps.secureCookies);
      return ctx.reply.redirect(next, 303);
    },
  },
  {
    method: 'POST',
    url: '/sign-out',
    access: 'signed_in',
    example: { url: '/sign-out' },
    handler: async (ctx) => {
      if (ctx.session) await ctx.deps.records.sessions.revoke(ctx.session.id);
      clearSessionCookie(ctx.reply, ctx.deps.secureCookies);
      return ctx.redirect('/sign-in', { text: 'You have signed out.', success: true });
    },
  },
];
