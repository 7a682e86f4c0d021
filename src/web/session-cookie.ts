import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'bluelamp_session';
export const FLASH_COOKIE = 'bluelamp_flash';

export interface Banner {
  readonly text: string;
  readonly success?: boolean;
}

function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export function setSessionCookie(reply: FastifyReply, id: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(secure));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

/** A one-shot banner carried to the next page (our own words only, never user input). */
export function setFlash(reply: FastifyReply, banner: Banner, secure: boolean): void {
  reply.setCookie(
    FLASH_COOKIE,
    Buffer.from(JSON.stringify(banner)).toString('base64url'),
    cookieOptions(secure, 60),
  );
}

export function takeFlash(
  req: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): Banner | null {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, cookieOptions(secure));
  try {
    const b = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Banner;
    return typeof b.text === 'string'
      ? { text: b.text.slice(0, 300), success: b.success === true }
      : null;
  } catch {
    return null;
  }
}

/** A redirect target from a `next` parameter: only a path on this site, never elsewhere. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : fallback;
}
