import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session, User } from '../records/api.ts';
import type { Capability } from './permissions.ts';
import type { WebDeps } from './deps.ts';

/**
 * Who may call a route: anyone (`public`), any signed-in user (`signed_in`), or holders of a
 * capability. Every route declares one; the authorisation-matrix test reads them from the table.
 */
export type Access = 'public' | 'signed_in' | Capability;

/** How a route is reached: a page (session cookie, HTML errors) or the API (bearer, JSON). */
export type Surface = 'page' | 'api';

export interface RequestContext {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly deps: WebDeps;
  readonly user: User | null;
  readonly session: Session | null;
  /** The LPAs this user may see; null = the whole force. */
  readonly lpaScope: readonly string[] | null;
  /** Renders a template with the layout's common model (user, navigation, CSRF token) added. */
  render(template: string, model: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  /** A notification banner for the next page this session sees. */
  redirect(url: string, banner?: { text: string; success?: boolean }): FastifyReply;
}

export interface RouteDef {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly access: Access;
  readonly surface?: Surface;
  /**
   * A concrete request the authorisation-matrix test sends for this route (with params filled
   * in); `form` is the POST body (the CSRF token is added by the test).
   */
  readonly example: { readonly url: string; readonly form?: Readonly<Record<string, string>> };
  /** A multipart upload route: the core leaves the body to the handler. */
  readonly multipart?: boolean;
  handler(ctx: RequestContext): Promise<unknown> | unknown;
}
