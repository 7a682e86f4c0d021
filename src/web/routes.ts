import type { RouteDef } from './route.ts';
import { routes as home } from './pages/home.ts';
import { routes as signIn } from './pages/sign-in.ts';
import { routes as jobs } from './pages/jobs.ts';
import { routes as data } from './pages/data.ts';
import { routes as reports } from './pages/reports.ts';
import { routes as policeUk } from './pages/police-uk.ts';
import { routes as scorecard } from './pages/scorecard.ts';
import { routes as measure } from './pages/measure.ts';
import { routes as admin } from './pages/admin.ts';
import { routes as accessibility } from './pages/accessibility.ts';
import { routes as apiV1 } from './api/v1.ts';
import { routes as publicSite } from './pages/public.ts';
import { routes as settings } from './pages/settings.ts';

/**
 * The route table: every page and API route of the service, as data. Add a module's routes
 * here (one line); the authorisation-matrix test reads this table, so a route without an
 * access rule and an example request does not compile, and one that lets in the wrong role fails.
 */
export function allRoutes(): RouteDef[] {
  return [
    ...home,
    ...signIn,
    ...jobs,
    ...admin,
    ...settings,
    ...accessibility,
    ...scorecard,
    ...measure,
    ...apiV1,
    ...publicSite,
    ...data,
    ...reports,
    ...policeUk,
  ];
}
