import { z } from 'zod';
import { apiSchemas } from '../schemas/api.ts';
import type { ApiOperation } from './define.ts';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** `#/$defs/X` (a named schema) as `#/components/schemas/X`, at any depth; `$defs` dropped. */
function toComponents(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(toComponents);
  if (x === null || typeof x !== 'object') return x;
  const out: Json = {};
  for (const [k, v] of Object.entries(x as Json)) {
    if (k === '$defs' || k === '$schema' || k === '$id') continue;
    out[k] =
      k === '$ref' && typeof v === 'string'
        ? v.replace(/^#\/\$defs\//, '#/components/schemas/')
        : toComponents(v);
  }
  return out;
}

/**
 * A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), named schemas as `$ref`s to the
 * components. Read as input: an object's fields beyond the documented ones are allowed, as zod allows them.
 */
function jsonSchema(schema: z.ZodType, named = true): Json {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    ...(named ? { metadata: apiSchemas } : {}),
    io: 'input',
    unrepresentable: 'any',
    cycles: 'ref',
  });
  return toComponents(out) as Json;
}

/** Fastify's `/measures/:id` as OpenAPI's `/measures/{id}`. */
export const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(op: ApiOperation): Json[] {
  const list: Json[] = [];
  const add = (where: 'path' | 'query', obj: z.ZodObject | undefined) => {
    for (const [name, field] of Object.entries(obj?.shape ?? {})) {
      const f = field as z.ZodType;
      const s = jsonSchema(f, false);
      list.push({
        name,
        in: where,
        required: where === 'path' || !f.safeParse(undefined).success,
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
        schema: s,
      });
    }
  };
  add('path', op.params);
  add('query', op.query);
  return list;
}

function responses(op: ApiOperation): Json {
  return Object.fromEntries(
    Object.entries(op.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema
          ? { content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema) } } }
          : {}),
      },
    ]),
  );
}

let cached: Json | null = null;

/**
 * The OpenAPI 3.1 document of the operations, generated from their zod schemas: the same ones
 * the routes validate query, path and response with. Built once (the schemas do not change).
 */
export function openApiDocument(ops: readonly ApiOperation[]): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const op of ops) {
    const item = (paths[openApiPath(op.url)] ??= {});
    item[op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.access === 'public' ? { security: [] } : { 'x-bluelamp-capability': op.access }),
      parameters: parameters(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              description: op.body.description,
              content: Object.fromEntries(
                op.body.contentTypes.map((t) => [
                  t,
                  {
                    schema:
                      t === 'application/json' && op.body?.schema
                        ? jsonSchema(op.body.schema)
                        : t === 'multipart/form-data'
                          ? {
                              type: 'object',
                              properties: {
                                file: { type: 'string', contentMediaType: 'text/csv' },
                              },
                            }
                          : { type: 'string' },
                  },
                ]),
              ),
            },
          }
        : {}),
      responses: responses(op),
    };
  }
  const { schemas } = toComponents(
    z.toJSONSchema(apiSchemas, {
      target: 'draft-2020-12',
      uri: REF,
      io: 'input',
      unrepresentable: 'any',
      cycles: 'ref',
    }),
  ) as { schemas: Record<string, Json> };
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Bluelamp API',
      version: '1',
      description:
        'Police performance figures as the `bluelamp` command line computes them. Send `Authorization: Bearer <token>` (`bluelamp tokens create --email E`); the same roles and areas apply as on the web pages. Errors are `{code, message, hint}`.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}
