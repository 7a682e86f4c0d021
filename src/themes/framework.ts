import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';
import { DEFAULT_FRAMEWORK } from './default-framework.ts';
import { compilePhrase, hasWords, type CompiledPhrase } from './match.ts';
import type { CompiledCue } from './sentiment.ts';

/**
 * The theme framework as data: named themes, each a list of phrases, and the sentiment cues.
 * A force edits its own in the data directory's `themes.json` (FRAMEWORK_FILE); without one
 * the default (default-framework.ts) is used. Checked here, once, with errors that name the
 * file, the theme and the field; a phrase that can never match is refused, not ignored.
 */

export const FRAMEWORK_FILE = 'themes.json';

/** The row of comments that match no theme; no theme may take its id. */
export const NO_THEME = 'none';

const phrase = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(80, `${what} is limited to 80 characters`)
    .regex(
      /^[\p{L}\p{N}'’\- *]+$/u,
      `${what} may hold only letters, digits, spaces, apostrophes, hyphens and * (a gap of up to three words)`,
    )
    .refine((s) => !s.startsWith('*') && !s.endsWith('*'), `${what} must not start or end with *`)
    .refine((s) => !/\*\s*\*/.test(s), `${what} must not have two * together`);

const ThemeSchema = z.strictObject(
  {
    id: z
      .string({ error: 'id must be text' })
      .regex(
        /^[a-z][a-z0-9_]{0,39}$/,
        'id must be lower-case letters, digits and _, starting with a letter (up to 40)',
      )
      .refine((s) => s !== NO_THEME, `id "${NO_THEME}" is kept for comments with no theme`),
    label: z
      .string({ error: 'label must be text' })
      .trim()
      .min(1, 'label must not be empty')
      .max(60, 'label is limited to 60 characters'),
    description: z.string({ error: 'description must be text' }).max(300).optional(),
    phrases: z
      .array(phrase('each phrase'), { error: 'phrases must be a list of phrases' })
      .min(1, 'phrases must hold at least one phrase')
      .max(300, 'phrases is limited to 300'),
  },
  {
    error: (i) =>
      i.code === 'unrecognized_keys'
        ? `has an unknown field (${i.keys.join(', ')}); a theme has id, label, description, phrases`
        : 'must be an object with id, label and phrases',
  },
);

const CueSchema = z.strictObject(
  {
    phrase: phrase('phrase'),
    weight: z
      .number({ error: 'weight must be a number' })
      .min(-1, 'weight must be between -1 and 1')
      .max(1, 'weight must be between -1 and 1')
      .refine((w) => w !== 0, 'weight must not be 0'),
  },
  {
    error: (i) =>
      i.code === 'unrecognized_keys'
        ? `has an unknown field (${i.keys.join(', ')}); a cue has phrase and weight`
        : 'must be an object with phrase and weight',
  },
);

export const FrameworkSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'name must be text' })
        .trim()
        .min(1, 'name must not be empty')
        .max(100, 'name is limited to 100 characters'),
      themes: z
        .array(ThemeSchema, { error: 'themes must be a list of themes' })
        .min(1, 'themes must hold at least one theme')
        .max(40, 'themes is limited to 40'),
      /** Absent: the default cues. An empty list: none (wink's score alone). */
      sentimentCues: z
        .array(CueSchema, { error: 'sentimentCues must be a list' })
        .max(500)
        .optional(),
    },
    {
      error: (i) =>
        i.code === 'unrecognized_keys'
          ? `has an unknown field (${i.keys.join(', ')}); a framework has name, themes, sentimentCues`
          : 'must be a JSON object with name and themes',
    },
  )
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.themes.forEach((t, i) => {
      if (seen.has(t.id))
        ctx.addIssue({
          code: 'custom',
          path: ['themes', i, 'id'],
          message: `id "${t.id}" is already the id of an earlier theme; each theme needs its own`,
        });
      seen.add(t.id);
    });
  });

export type FrameworkFile = z.input<typeof FrameworkSchema>;
export type Framework = z.output<typeof FrameworkSchema>;
export type Theme = Framework['themes'][number];

export interface CompiledTheme {
  readonly id: string;
  readonly label: string;
  readonly description: string | null;
  readonly phrases: readonly CompiledPhrase[];
}

/** A checked framework, its phrases compiled, with where it came from. */
export interface ThemeFramework {
  readonly name: string;
  /** The file it was read from (its name only), or 'default'. */
  readonly source: string;
  readonly themes: readonly CompiledTheme[];
  readonly cues: readonly CompiledCue[];
  /** The framework as checked (what `bluelamp survey framework` prints). */
  readonly definition: Framework;
  /** Short hash of the definition: results computed with one framework are not reused with another. */
  readonly hash: string;
}

function invalid(file: string, where: string, rule: string): BluelampError {
  return new BluelampError('CONFIG_INVALID', `${file}: ${where}: ${rule}.`, {
    hint: `Fix ${file} in the data directory (remove it to use the default framework; \`bluelamp survey framework --default\` prints the default to start from).`,
  });
}

/** Where in the file an issue is, in words: the theme by id and number, then the field. */
function whereOf(raw: unknown, path: readonly PropertyKey[]): string {
  const [top, index, field, item] = path;
  const list = (raw as Record<string, unknown> | null)?.[String(top)];
  if ((top === 'themes' || top === 'sentimentCues') && typeof index === 'number') {
    const entry = Array.isArray(list)
      ? (list[index] as Record<string, unknown> | undefined)
      : undefined;
    const named =
      top === 'themes'
        ? typeof entry?.id === 'string'
          ? `theme "${entry.id}" (theme ${index + 1})`
          : `theme ${index + 1}`
        : typeof entry?.phrase === 'string'
          ? `sentiment cue "${entry.phrase}" (cue ${index + 1})`
          : `sentiment cue ${index + 1}`;
    if (field === undefined) return named;
    return `${named}, field ${String(field)}${typeof item === 'number' ? `[${item + 1}]` : ''}`;
  }
  return path.length > 0 ? `field ${path.map(String).join('.')}` : 'the framework';
}

/** Checks and compiles a framework (parsed JSON); `file` names it in errors. */
export function parseFramework(raw: unknown, file: string): ThemeFramework {
  const parsed = FrameworkSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(file, whereOf(raw, issue?.path ?? []), issue?.message ?? 'not a theme framework');
  }
  const f = parsed.data;
  const themes = f.themes.map((t, i) => ({
    id: t.id,
    label: t.label,
    description: t.description ?? null,
    phrases: t.phrases.map((p, j) => {
      const c = compilePhrase(p);
      if (!hasWords(c))
        throw invalid(
          file,
          whereOf(raw, ['themes', i, 'phrases', j]),
          `"${p}" has no word to match`,
        );
      return c;
    }),
  }));
  const cueDefs = f.sentimentCues ?? DEFAULT_FRAMEWORK.sentimentCues ?? [];
  const cues = cueDefs.map((c, i) => {
    const compiled = compilePhrase(c.phrase);
    if (!hasWords(compiled))
      throw invalid(
        file,
        whereOf(raw, ['sentimentCues', i, 'phrase']),
        `"${c.phrase}" has no word to match`,
      );
    return { phrase: compiled, weight: c.weight };
  });
  const definition: Framework = { ...f, sentimentCues: cueDefs.map((c) => ({ ...c })) };
  return {
    name: f.name,
    source: file,
    themes,
    cues,
    definition,
    hash: createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16),
  };
}

let defaultCompiled: ThemeFramework | null = null;

/** The default framework, compiled once. */
export function defaultFramework(): ThemeFramework {
  defaultCompiled ??= parseFramework(DEFAULT_FRAMEWORK, 'default');
  return defaultCompiled;
}

/** Reads and checks a framework file (an explicit path: a missing file is an error). */
export function readFrameworkFile(path: string): ThemeFramework {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BluelampError('FILE_NOT_FOUND', `${file}: theme framework file not found.`);
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalid(file, 'the file', 'is not valid JSON');
  }
  return parseFramework(raw, file);
}

/** The data directory's framework (`themes.json`), or the default when it has none. */
export function frameworkOf(dataDir: string): ThemeFramework {
  try {
    return readFrameworkFile(join(dataDir, FRAMEWORK_FILE));
  } catch (e) {
    if (e instanceof BluelampError && e.code === 'FILE_NOT_FOUND') return defaultFramework();
    throw e;
  }
}
