import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One small demo force for the tests of the web app and API (test/setup/demo-fixture.ts).
    globalSetup: ['test/setup/demo-fixture.ts'],
    // Pinned so date arithmetic and BST changeovers are tested as a UK user sees them.
    env: { TZ: 'Europe/London' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // In CI a JSON summary is written too, so .ci/run can print one "N passed, N failed" line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.vitest-results.json' }]]
      : ['default'],
  },
});
