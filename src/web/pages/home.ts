import type { RouteDef } from '../route.ts';

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/',
    access: 'public',
    example: { url: '/' },
    handler: (ctx) => {
      if (!ctx.user) return ctx.reply.redirect('/sign-in', 303);
      return ctx.render('home.njk', {});
    },
  },
];
