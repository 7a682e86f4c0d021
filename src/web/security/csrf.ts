import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The form field every POST form carries (`{{ csrfField() }}` in the layout's macros). */
export const CSRF_FIELD = '_csrf';
/** Before sign-in there is no session: the sign-in form is protected by a double-submit cookie. */
export const PRE_SESSION_COOKIE = 'bluelamp_presession';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; a missing or differently sized token is simply unequal. */
export function tokensEqual(expected: string | undefined, given: unknown): boolean {
  if (typeof expected !== 'string' || typeof given !== 'string' || expected.length === 0)
    return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
