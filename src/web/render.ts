import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);

/** Where the packages' templates and assets live (resolved, never fetched). */
export const GOVUK_DIST = dirname(dirname(require.resolve('govuk-frontend'))); // …/dist
export const MOJ_ROOT = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
export const VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'views');
export const OWN_ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');

/**
 * The one Nunjucks environment: our views first, then GOV.UK Frontend (`govuk/components/…`)
 * and MOJ Frontend (`moj/components/…`). Autoescaping is on: a view model's text is never HTML
 * unless a model builder marks it so (charts are SVG the report's renderer made).
 */
export function createViews(opts: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_DIST, MOJ_ROOT], {
    noCache: opts.watch ?? false,
  });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  return env;
}
