import type { RouteDef } from '../route.ts';

/** The accessibility statement: public, as the Public Sector Bodies Accessibility Regulations 2018 expect. */
export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/accessibility',
    access: 'public',
    example: { url: '/accessibility' },
    handler: (ctx) => ctx.render('accessibility.njk', {}),
  },
];
