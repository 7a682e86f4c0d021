import type { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import type { Access, RequestContext, RouteDef } from '../route.ts';

/** One documented response of an operation: its schema (JSON) or content type (a file). */
export interface ApiResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly contentType?: string;
}

/**
 * An API operation as data: the route the core registers and the OpenAPI document's entry are
 * both made from it, and its handler gets the query and path parameters already validated by
 * the same schemas the document shows.
 */
export interface ApiOperation<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
> {
  readonly method: 'GET' | 'POST';
  /** Fastify's pattern, e.g. /api/v1/measures/:id. */
  readonly url: string;
  readonly access: Access;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly params?: P;
  readonly query: Q;
  /** The request body's content types, for an operation that takes one. */
  readonly body?: {
    readonly description: string;
    readonly contentTypes: readonly string[];
    /** The JSON body's schema, for the document (application/json only). */
    readonly schema?: z.ZodType;
  };
  readonly multipart?: boolean;
  readonly responses: Readonly<Record<number, ApiResponse>>;
  readonly example: RouteDef['example'];
  handler(
    ctx: RequestContext,
    input: { params: z.infer<P>; query: z.infer<Q> },
  ): Promise<{ status: number; body: unknown }>;
}

/** The first problem of a failed parse, said as a person would read it. */
function problem(where: 'query' | 'path', error: z.ZodError): BluelampError {
  const first = error.issues[0];
  const name = first?.path.join('.') ?? '';
  const text =
    first?.code === 'unrecognized_keys'
      ? `Unknown ${where} parameter ${first.keys.map((k) => `"${k}"`).join(', ')}.`
      : `The ${where} parameter "${name}" is not valid: ${first?.message ?? 'invalid'}.`;
  return new BluelampError('BAD_INPUT', text, {
    hint: 'See /api/v1/openapi.json for the parameters each operation takes.',
  });
}

/** A response body checked against its schema once (cached results are the same objects). */
const checked = new WeakSet<object>();

function checkResponse(op: ApiOperation, status: number, body: unknown): void {
  const schema = op.responses[status]?.schema;
  if (!schema) throw new Error(`${op.operationId}: undocumented response status ${status}`);
  if (typeof body === 'object' && body !== null && checked.has(body)) return;
  const r = schema.safeParse(body);
  if (!r.success)
    throw new Error(
      `${op.operationId}: response does not match its schema at ${r.error.issues[0]?.path.join('.')}`,
    );
  if (typeof body === 'object' && body !== null) checked.add(body);
}

/** The route the core registers for an operation (bearer token, JSON errors). */
export function apiRoute(op: ApiOperation): RouteDef {
  return {
    method: op.method,
    url: op.url,
    access: op.access,
    surface: 'api',
    example: op.example,
    ...(op.multipart ? { multipart: true } : {}),
    handler: async (ctx) => {
      const params = (op.params ?? null)?.safeParse(ctx.req.params ?? {});
      if (params && !params.success) throw problem('path', params.error);
      const query = op.query.safeParse(ctx.req.query ?? {});
      if (!query.success) throw problem('query', query.error);
      const { status, body } = await op.handler(ctx, {
        params: (params?.data ?? {}) as never,
        query: query.data as never,
      });
      // A response that breaks its own documented schema is a bug, not something to send.
      checkResponse(op, status, body);
      return ctx.reply.status(status).type('application/json; charset=utf-8').send(body);
    },
  };
}
