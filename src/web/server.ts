import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { WebDeps } from './deps.ts';

/** Starts the app on a port: the only place that listens (tests use `app.inject`). */
export async function startServer(opts: {
  deps: WebDeps;
  port: number;
  host: string;
}): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(opts.deps);
  const address = await app.listen({ port: opts.port, host: opts.host });
  return { app, url: address };
}
