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
import { routes as findingsPages } from './pages/findings.ts';
import { routes as findingsApi } from './api/v1-findings.ts';
import { routes as findingsImport } from './pages/findings-import.ts';
import { routes as responsesPages } from './pages/responses.ts';
import { routes as responsesApi } from './api/v1-responses.ts';
import { routes as planPages } from './pages/plan.ts';
import { routes as planApi } from './api/v1-plan.ts';
import { routes as meetingsPages } from './pages/meetings.ts';
import { routes as meetingsApi } from './api/v1-meetings.ts';
import { routes as panelPages } from './pages/panel.ts';
import { routes as panelApi } from './api/v1-panel.ts';
import { routes as tasksPages } from './pages/tasks.ts';
import { routes as tasksApi } from './api/v1-tasks.ts';
import { routes as surveys } from './pages/surveys.ts';
import { routes as victimsCode } from './pages/victims-code.ts';
import { routes as comments } from './pages/comments.ts';

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
    ...findingsPages,
    ...findingsApi,
    ...findingsImport,
    ...responsesPages,
    ...responsesApi,
    ...planPages,
    ...planApi,
    ...meetingsPages,
    ...meetingsApi,
    ...panelPages,
    ...panelApi,
    ...tasksPages,
    ...tasksApi,
    ...surveys,
    ...victimsCode,
    ...comments,
  ];
}
