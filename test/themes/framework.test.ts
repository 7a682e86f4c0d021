import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '../../src/themes/default-framework.ts';
import {
  FRAMEWORK_FILE,
  frameworkOf,
  parseFramework,
  readFrameworkFile,
} from '../../src/themes/framework.ts';
import { tempDir } from '../helpers/files.ts';

const theme = (over: Record<string, unknown> = {}) => ({
  id: 'timeliness',
  label: 'Timeliness',
  phrases: ['wait', 'take * day'],
  ...over,
});
const file = (themes: unknown[], extra: Record<string, unknown> = {}) => ({
  name: 'Our framework',
  themes,
  ...extra,
});

/** The error a bad framework gives: its code and message. */
function errorOf(raw: unknown): { code: string; message: string } {
  try {
    parseFramework(raw, 'themes.json');
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('the framework was accepted');
}

describe('a bad framework file', () => {
  it.each([
    [
      'a theme without phrases',
      file([theme(), theme({ id: 'outcome', label: 'Outcome', phrases: [] })]),
      'themes.json: theme "outcome" (theme 2), field phrases: phrases must hold at least one phrase.',
    ],
    [
      'an empty phrase',
      file([theme({ phrases: ['wait', '  '] })]),
      'themes.json: theme "timeliness" (theme 1), field phrases[2]: each phrase must not be empty.',
    ],
    [
      'a phrase starting with *',
      file([theme({ phrases: ['* day'] })]),
      'themes.json: theme "timeliness" (theme 1), field phrases[1]: each phrase must not start or end with *.',
    ],
    [
      'a phrase of punctuation only',
      file([theme({ phrases: ['wait', "-'-"] })]),
      'themes.json: theme "timeliness" (theme 1), field phrases[2]: "-\'-" has no word to match.',
    ],
    [
      'a phrase with other characters',
      file([theme({ phrases: ['wait!'] })]),
      'themes.json: theme "timeliness" (theme 1), field phrases[1]: each phrase may hold only letters, digits, spaces, apostrophes, hyphens and * (a gap of up to three words).',
    ],
    [
      'two themes with one id',
      file([theme(), theme({ label: 'Again' })]),
      'themes.json: theme "timeliness" (theme 2), field id: id "timeliness" is already the id of an earlier theme; each theme needs its own.',
    ],
    [
      'an id that is not lower case',
      file([theme({ id: 'Time Liness' })]),
      'themes.json: theme "Time Liness" (theme 1), field id: id must be lower-case letters, digits and _, starting with a letter (up to 40).',
    ],
    [
      'the id kept for "No theme"',
      file([theme({ id: 'none' })]),
      'themes.json: theme "none" (theme 1), field id: id "none" is kept for comments with no theme.',
    ],
    [
      'a theme without a label',
      file([{ id: 'timeliness', phrases: ['wait'] }]),
      'themes.json: theme "timeliness" (theme 1), field label: label must be text.',
    ],
    [
      'an unknown field in a theme',
      file([theme({ words: ['wait'] })]),
      'themes.json: theme "timeliness" (theme 1): has an unknown field (words); a theme has id, label, description, phrases.',
    ],
    [
      'a cue weight out of range',
      file([theme()], { sentimentCues: [{ phrase: 'never', weight: -2 }] }),
      'themes.json: sentiment cue "never" (cue 1), field weight: weight must be between -1 and 1.',
    ],
    ['no themes', file([]), 'themes.json: field themes: themes must hold at least one theme.'],
    [
      'not an object',
      ['wait'],
      'themes.json: the framework: must be a JSON object with name and themes.',
    ],
  ])('%s: names the theme and the field', (_what, raw, message) => {
    expect(errorOf(raw)).toEqual({ code: 'CONFIG_INVALID', message });
  });
});

describe('where the framework comes from', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('is the default when the data directory has no themes.json', () => {
    const f = frameworkOf(dir);
    expect(f.source).toBe('default');
    expect(f.themes.map((t) => t.id)).toEqual([
      'timeliness',
      'communication',
      'attitude',
      'outcome',
      'professionalism',
      'access',
    ]);
    expect(f.cues.length).toBe(DEFAULT_FRAMEWORK.sentimentCues?.length);
  });

  it('is the data directory’s themes.json when there is one, with the default cues if it gives none', () => {
    writeFileSync(join(dir, FRAMEWORK_FILE), JSON.stringify(file([theme()])));
    const f = frameworkOf(dir);
    expect(f).toMatchObject({ name: 'Our framework', source: 'themes.json' });
    expect(f.themes.map((t) => t.id)).toEqual(['timeliness']);
    expect(f.cues.length).toBe(DEFAULT_FRAMEWORK.sentimentCues?.length);
    expect(f.hash).not.toBe(frameworkOf(join(dir, 'nowhere')).hash);
  });

  it('reports a file that is not JSON, and a named file that is missing', () => {
    writeFileSync(join(dir, FRAMEWORK_FILE), '{ "name": ');
    expect(() => frameworkOf(dir)).toThrow('themes.json: the file: is not valid JSON.');
    expect(() => readFrameworkFile(join(dir, 'ours.json'))).toThrow(
      'ours.json: theme framework file not found.',
    );
  });

  it('accepts the default framework as a file (what `survey framework --default` prints)', () => {
    const f = parseFramework(JSON.parse(JSON.stringify(DEFAULT_FRAMEWORK)), 'themes.json');
    expect(f.definition).toEqual(frameworkOf(dir).definition);
  });
});
