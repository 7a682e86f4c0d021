import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering, from the folder table in docs/architecture.md (test/lint/layering.test.ts checks
// the two agree). For each folder of src/: the folders of ours it may import as a whole, and
// the folders it may import only some modules of (the others in that folder are refused).
// A folder not listed is refused. Folders that do not exist yet have their rules already.
const ALL = [
  'lib',
  'stats',
  'facts',
  'records',
  'measures',
  'voice',
  'victims',
  'themes',
  'demo',
  'present',
  'report',
  'web',
  'app',
  'cli',
];

/** @type {Record<string, { may: string[], only?: Record<string, string> }>} */
const LAYERS = {
  lib: { may: [] },
  stats: { may: ['lib'] },
  facts: { may: ['stats', 'lib'] },
  records: { may: ['stats', 'lib'] },
  measures: { may: ['facts', 'records', 'stats', 'lib'] },
  voice: { may: ['facts', 'records', 'stats', 'lib'] },
  victims: { may: ['measures', 'facts', 'stats', 'lib'] },
  // Free text read for themes and sentiment: redacted by src/voice first; of the engine only periods.
  themes: { may: ['voice', 'facts', 'stats', 'lib'], only: { measures: 'period\\.ts$' } },
  // The demo force goes through the importers like a user's files do: the format's
  // declarations, the store, settings, reference vocabularies and the import entry points.
  demo: {
    may: ['lib'],
    only: {
      facts:
        '(?:tables|store|settings|dependency-order)\\.ts$|reference/|import/(?:import-table|import-batch|progress|remove-batches)\\.ts$',
    },
  },
  present: { may: ['measures', 'voice', 'facts', 'records', 'stats', 'lib'] },
  // The report renders view models; of the engine it sees only the result contract.
  report: { may: ['present', 'stats', 'lib'], only: { measures: '(?:result|period)\\.ts$' } },
  web: {
    may: ['present', 'measures', 'voice', 'victims', 'themes', 'facts', 'records', 'stats', 'lib'],
  },
  app: { may: ALL.filter((f) => f !== 'app' && f !== 'cli') },
  cli: { may: ALL.filter((f) => f !== 'cli') },
};

// Matches a relative specifier that climbs out of the importing file's folder into `folder`,
// at any depth ('../measures/x.ts' from src/report/x.ts, '../../measures/x.ts' from
// src/report/charts/x.ts). Subfolders must therefore not be named after a top-level folder.
const into = (folder) => `^(?:\\./)?(?:\\.\\./)+${folder}(?:/|$)`;

function layeringRule(from) {
  const { may, only = {} } = LAYERS[from];
  const patterns = [];
  for (const to of ALL) {
    if (to === from || may.includes(to)) continue;
    const allowed = only[to];
    patterns.push({
      regex: allowed ? `${into(to)}(?!${allowed})` : into(to),
      caseSensitive: true,
      message: allowed
        ? `Layering: src/${from} may import only some modules of src/${to} (docs/architecture.md).`
        : `Layering: src/${from} may not import src/${to} (docs/architecture.md).`,
    });
  }
  return { files: [`src/${from}/**`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'bluelamp-data/**',
      'coverage/**',
      'out/**',
      'dist/**',
      'dist.*/**',
      '**/*.golden.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  ...Object.keys(LAYERS).map(layeringRule),
);
