import type { FastifyReply } from 'fastify';

/**
 * Security headers on every answer. The CSP allows nothing inline and nothing from elsewhere:
 * scripts, styles, fonts and images come from this service only (charts are inline SVG, which
 * needs no script). Pages behind sign-in are never cached by browsers or proxies.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function setSecurityHeaders(reply: FastifyReply, opts: { secure: boolean }): void {
  reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'same-origin');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  reply.header(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  );
  if (opts.secure) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
