import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { isBluelampError } from '../lib/errors.ts';
import type { WebDeps } from './deps.ts';
import { organisation, SERVICE_NAME } from './layout-model.ts';
import { Refused, refusalOf } from './refuse.ts';

interface Shown {
  status: number;
  code: string;
  message: string;
  hint?: string;
  issues?: unknown;
}

const BUG: Shown = {
  status: 500,
  code: 'BUG',
  message: 'Sorry, there is a problem with the service.',
  hint: 'Try again later. The problem has been logged (without any personal data).',
};

/** What an error shows: our coded errors as they are; anything else as a bug, never its text. */
export function shownError(e: unknown): Shown {
  if (e instanceof Refused) {
    const r = refusalOf(e.refusal);
    return { status: r.status, code: r.code, message: r.message, hint: r.hint };
  }
  if (isBluelampError(e)) {
    return {
      status: e.httpStatus,
      code: e.code,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.issues.length ? { issues: e.issues } : {}),
    };
  }
  const fe = e as { statusCode?: number; code?: string };
  // Fastify's own refusals of a request (a body too large, a bad content type, bad JSON).
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return {
      status: fe.statusCode,
      code: typeof fe.code === 'string' ? fe.code : 'BAD_REQUEST',
      message: fe.statusCode === 413 ? 'The file is too large.' : 'The request could not be read.',
    };
  return BUG;
}

function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

export async function handleError(
  e: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  deps: WebDeps,
  views: nunjucks.Environment,
): Promise<FastifyReply> {
  const shown = shownError(e);
  if (shown === BUG)
    deps.logger.error('web.bug', {
      code:
        (e as { code?: unknown }).code === undefined
          ? 'none'
          : String((e as { code?: unknown }).code),
      status: 500,
    });
  if (isApi(req)) {
    const { status, ...body } = shown;
    return reply.status(status).type('application/json').send(body);
  }
  let org;
  try {
    org = await organisation(deps);
  } catch {
    org = {
      forceName: '',
      policingBodyName: '',
      policingBody: { type: null, holder: '', office: '' },
    };
  }
  return reply
    .status(shown.status)
    .type('text/html; charset=utf-8')
    .send(
      views.render('error.njk', {
        serviceName: SERVICE_NAME,
        organisation: org,
        navigation: [],
        error: shown,
        csrf: { field: '_csrf', token: '' },
      }),
    );
}

export async function handleNotFound(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: WebDeps,
  views: nunjucks.Environment,
): Promise<FastifyReply> {
  return handleError(new Refused('not_found'), req, reply, deps, views);
}
