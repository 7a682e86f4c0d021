import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Session, User } from '../records/api.ts';
import type { WebDeps } from './deps.ts';
import { handleError, handleNotFound } from './errors.ts';
import { layoutModel } from './layout-model.ts';
import { can, lpaScope } from './permissions.ts';
import { createViews, GOVUK_DIST, MOJ_ROOT, OWN_ASSETS_DIR } from './render.ts';
import type { RequestContext, RouteDef } from './route.ts';
import { allRoutes } from './routes.ts';
import { CSRF_FIELD, newToken, PRE_SESSION_COOKIE, tokensEqual } from './security/csrf.ts';
import { setSecurityHeaders } from './security/headers.ts';
import { SESSION_COOKIE, setFlash, type Banner } from './session-cookie.ts';
import { refuse } from './refuse.ts';

/** The largest upload the data page and the import API accept. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export interface BuildAppOptions {
  /** The route table; the app's own by default (tests may pass more). */
  readonly routes?: readonly RouteDef[];
  /** Fastify's own request log: off by default (our logger writes no personal data). */
  readonly logRequests?: boolean;
}

/**
 * The web app, without `listen` (src/web/server.ts does that): every route comes from the
 * route table, and the core — not the handlers — checks who may call it, the CSRF token of
 * every POST, and the LPA a scoped user asks for.
 */
export async function buildApp(
  deps: WebDeps,
  opts: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logRequests ?? false,
    // Only a proxy on this machine may say who the client is (X-Forwarded-For): trusting any
    // caller's header would let one address dodge the sign-in throttle by inventing others.
    trustProxy: 'loopback',
    bodyLimit: 1024 * 1024,
  });
  const views = createViews();
  const secure = deps.secureCookies;

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 20 } });
  // A CSV sent as the body (POST /api/v1/imports/:table with Content-Type: text/csv).
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_req, body, done) => done(null, body),
  );

  // GOV.UK Frontend's fonts and images where its CSS expects them (/assets/fonts, /assets/images).
  await app.register(fastifyStatic, {
    root: [`${GOVUK_DIST}/govuk/assets`, OWN_ASSETS_DIR],
    prefix: '/assets/',
    decorateReply: true,
    index: false,
    maxAge: '1d',
  });
  const packageFile = (url: string, file: string, type: string) =>
    app.get(url, (_req, reply) =>
      reply
        .type(type)
        .header('Cache-Control', 'public, max-age=86400')
        .sendFile(file.split('/').pop() as string, file.slice(0, file.lastIndexOf('/'))),
    );
  packageFile(
    '/assets/govuk-frontend.min.css',
    `${GOVUK_DIST}/govuk/govuk-frontend.min.css`,
    'text/css',
  );
  packageFile(
    '/assets/govuk-frontend.min.js',
    `${GOVUK_DIST}/govuk/govuk-frontend.min.js`,
    'text/javascript',
  );
  packageFile('/assets/moj-frontend.min.css', `${MOJ_ROOT}/moj/moj-frontend.min.css`, 'text/css');
  packageFile(
    '/assets/moj-frontend.min.js',
    `${MOJ_ROOT}/moj/moj-frontend.min.js`,
    'text/javascript',
  );

  app.addHook('onRequest', async (_req, reply) => {
    setSecurityHeaders(reply, { secure });
  });
  app.setErrorHandler((e, req, reply) => handleError(e, req, reply, deps, views));
  app.setNotFoundHandler((req, reply) => handleNotFound(req, reply, deps, views));

  for (const def of opts.routes ?? allRoutes()) {
    app.route({
      method: def.method,
      url: def.url,
      handler: (req, reply) => runRoute(def, req, reply, deps, views),
    });
  }
  return app;
}

/** How often a live session's expiry is pushed on (at most one write per session per minute). */
const TOUCH_EVERY_MS = 60_000;
const touched = new WeakMap<WebDeps, Map<string, number>>();

async function touchSession(deps: WebDeps, id: string): Promise<void> {
  let seen = touched.get(deps);
  if (!seen) touched.set(deps, (seen = new Map()));
  const now = deps.clock.now().getTime();
  const last = seen.get(id);
  if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
  seen.set(id, now);
  if (seen.size > 10_000) seen.delete(seen.keys().next().value as string);
  await deps.records.sessions.touch(id);
}

async function identify(
  def: RouteDef,
  req: FastifyRequest,
  deps: WebDeps,
): Promise<{ user: User | null; session: Session | null }> {
  if (def.surface === 'api') {
    const auth = req.headers.authorization;
    const m = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
    return { user: m?.[1] ? await deps.records.tokens.verify(m[1]) : null, session: null };
  }
  const id = req.cookies[SESSION_COOKIE];
  const session = id ? await deps.records.sessions.get(id) : null;
  if (session) await touchSession(deps, id as string);
  return { user: session?.user ?? null, session };
}

async function runRoute(
  def: RouteDef,
  req: FastifyRequest,
  reply: FastifyReply,
  deps: WebDeps,
  views: ReturnType<typeof createViews>,
): Promise<unknown> {
  const { user, session } = await identify(def, req, deps);
  const api = def.surface === 'api';

  if (def.access !== 'public') {
    if (!user) return refuse(reply, api, 'sign_in', req.url);
    if (def.access !== 'signed_in' && !can(user, def.access))
      return refuse(reply, api, 'forbidden');
  }
  if (!api) reply.header('Cache-Control', user ? 'no-store' : 'no-cache');

  // Every POST from a page carries the CSRF token: the session's, or before sign-in the
  // double-submit cookie's. Multipart forms carry it in the query string (the body is the file).
  if (def.method === 'POST' && !api) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const given = def.multipart
      ? (req.query as Record<string, unknown>)[CSRF_FIELD]
      : body[CSRF_FIELD];
    const expected = session ? session.csrfToken : req.cookies[PRE_SESSION_COOKIE];
    if (!tokensEqual(expected, given)) return refuse(reply, api, 'csrf');
  }

  // A scoped user asking for an area outside their scope is told it does not exist.
  const scope = lpaScope(user);
  const askedLpa = (req.query as Record<string, unknown> | undefined)?.lpa;
  if (scope && typeof askedLpa === 'string' && askedLpa !== '' && !scope.includes(askedLpa))
    return refuse(reply, api, 'not_found');

  let csrfToken = session?.csrfToken ?? req.cookies[PRE_SESSION_COOKIE];
  if (!api && !session && !csrfToken) {
    csrfToken = newToken();
    reply.setCookie(PRE_SESSION_COOKIE, csrfToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
    });
  }

  const ctx: RequestContext = {
    req,
    reply,
    deps,
    user,
    session,
    lpaScope: scope,
    render: async (template, model, status = 200) => {
      const layout = await layoutModel(req, reply, deps, user, csrfToken ?? '');
      return reply
        .status(status)
        .type('text/html; charset=utf-8')
        .send(views.render(template, { ...layout, ...model }));
    },
    redirect: (url: string, banner?: Banner) => {
      if (banner) setFlash(reply, banner, deps.secureCookies);
      return reply.redirect(url, 303);
    },
  };
  return def.handler(ctx);
}
