import type { FastifyReply } from 'fastify';

export type Refusal = 'sign_in' | 'forbidden' | 'csrf' | 'not_found' | 'throttled';

const REFUSALS: Record<Refusal, { status: number; code: string; message: string; hint: string }> = {
  sign_in: {
    status: 401,
    code: 'SIGN_IN_REQUIRED',
    message: 'Sign in to use this page.',
    hint: 'API callers send an Authorization: Bearer token (`bluelamp tokens create`).',
  },
  forbidden: {
    status: 403,
    code: 'FORBIDDEN',
    message: 'Your role does not give you access to this page.',
    hint: 'Ask an administrator if you need it.',
  },
  csrf: {
    status: 403,
    code: 'CSRF_REFUSED',
    message: 'This form has expired or did not come from this service.',
    hint: 'Go back, reload the page and try again.',
  },
  not_found: {
    status: 404,
    code: 'NOT_FOUND',
    message: 'Page not found.',
    hint: 'Check the address, or go back to the scorecard.',
  },
  throttled: {
    status: 429,
    code: 'TOO_MANY_ATTEMPTS',
    message: 'Too many sign-in attempts from this device.',
    hint: 'Wait 15 minutes, then try again.',
  },
};

export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(REFUSALS[refusal].message);
  }
}

export function refusalOf(r: Refusal) {
  return REFUSALS[r];
}

/**
 * Refuses a request: pages go to the sign-in page (keeping where they were going) or show the
 * error page; the API answers JSON `{code, message, hint}` with the status.
 */
export function refuse(reply: FastifyReply, api: boolean, r: Refusal, next?: string): FastifyReply {
  const info = REFUSALS[r];
  if (!api && r === 'sign_in') {
    const to = next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
    return reply.redirect(to, 303);
  }
  if (api)
    return reply
      .status(info.status)
      .type('application/json')
      .send({ code: info.code, message: info.message, hint: info.hint });
  throw new Refused(r);
}
