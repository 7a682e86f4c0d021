import { z } from 'zod';
import { type Actor, defaultRoleTitles } from '../../records/api.ts';
import { POLICING_BODY_TYPES } from '../../records/service-settings.ts';
import { forgetOrganisation } from '../layout-model.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * The service's configuration an administrator sets in the browser: what every page, report
 * and the public site call the force and its policing body (a Police and Crime Commissioner
 * today; a mayor or a board where that is the body). Changes are audited by the records store.
 */
const BODY_TYPE_LABELS: Record<(typeof POLICING_BODY_TYPES)[number], string> = {
  pcc: 'Police and Crime Commissioner',
  pfcc: 'Police, Fire and Crime Commissioner',
  mayor: 'Mayor (with policing powers)',
  board: 'Policing board',
};

const Form = z.object({
  forceName: z
    .string()
    .trim()
    .min(1, 'Enter the name of the force')
    .max(120, 'The name of the force must be 120 characters or fewer'),
  policingBodyName: z
    .string()
    .trim()
    .min(1, 'Enter the name of the policing body')
    .max(160, 'The name of the policing body must be 160 characters or fewer'),
  policingBodyType: z.enum(POLICING_BODY_TYPES, { error: 'Select the kind of policing body' }),
});

async function show(
  ctx: RequestContext,
  values: Record<string, unknown>,
  errors: Record<string, string> = {},
) {
  const errorList = Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` }));
  return ctx.render(
    'admin-settings.njk',
    {
      values,
      errors,
      errorList,
      bodyTypes: POLICING_BODY_TYPES.map((t) => ({
        value: t,
        text: BODY_TYPE_LABELS[t],
        checked: values.policingBodyType === t,
      })),
    },
    errorList.length ? 400 : 200,
  );
}

/**
 * The settings' body name and type are the dated policing-body records' today: a new name
 * corrects the body in office, a new type is a change of governance (its successor from today,
 * so its duties and history carry across), and the first save records the first body.
 */
async function syncPolicingBody(
  ctx: RequestContext,
  form: { policingBodyName: string; policingBodyType: (typeof POLICING_BODY_TYPES)[number] },
  actor: Actor,
): Promise<void> {
  const bodies = ctx.deps.records.policingBodies;
  const now = ctx.deps.clock.now();
  const next = {
    type: form.policingBodyType,
    name: form.policingBodyName,
    roleTitles: defaultRoleTitles(form.policingBodyType),
  };
  const current = await bodies.current(now);
  if (!current) await bodies.add(next, now, actor);
  else if (current.type !== next.type) await bodies.succeed(current.id, next, now, actor);
  else if (current.name !== next.name) await bodies.rename(current.id, next.name, actor);
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/admin/settings',
    access: 'admin_users',
    example: { url: '/admin/settings' },
    handler: async (ctx) => show(ctx, { ...(await ctx.deps.records.settings.get()) }),
  },
  {
    method: 'POST',
    url: '/admin/settings',
    access: 'admin_users',
    example: {
      url: '/admin/settings',
      form: {
        forceName: 'Synthetic Constabulary',
        policingBodyName: 'Synthetic Police and Crime Commissioner',
        policingBodyType: 'pcc',
      },
    },
    handler: async (ctx) => {
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      const parsed = Form.safeParse(body);
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
        return show(ctx, body, errors);
      }
      const actor = { userId: ctx.user?.id ?? null, via: 'web' as const };
      await ctx.deps.records.settings.set(parsed.data, actor);
      await syncPolicingBody(ctx, parsed.data, actor);
      forgetOrganisation(ctx.deps);
      return ctx.redirect('/admin/settings', { text: 'Settings saved.', success: true });
    },
  },
];
