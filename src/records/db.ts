import { createHash, randomBytes } from 'node:crypto';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/**
 * What every repository works with: the Drizzle database (PGlite or node-postgres: the same
 * query builder over either), the injected clock and a logger. A transaction has the same type,
 * so a repository's helpers run inside one as well as outside.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Clock {
  now(): Date;
}

type LogValue = string | number | boolean | null;

/** The shape of src/app/logger.ts's Logger (records may not import src/app). */
export interface RecordsLogger {
  debug(event: string, fields?: Readonly<Record<string, LogValue>>): void;
  info(event: string, fields?: Readonly<Record<string, LogValue>>): void;
  warn(event: string, fields?: Readonly<Record<string, LogValue>>): void;
  error(event: string, fields?: Readonly<Record<string, LogValue>>): void;
}

export const silentRecordsLogger: RecordsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface RepoContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: RecordsLogger;
}

/** A secret for a cookie or a bearer token: 256 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** How secrets are stored: sha256, hex. Secrets are random, so no salt or stretching is needed. */
export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
