import { readFileSync } from 'node:fs';

/** Bluelamp's version, from package.json (printed on reports so a reader knows what made them). */
export const BLUELAMP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
