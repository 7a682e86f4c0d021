import { z } from 'zod';
import { ROLE_NAMES } from '../permissions.ts';
import { isBluelampError } from '../../lib/errors.ts';
import { formatDateTime } from '../../present/format.ts';
import { ROLES, type Actor, type AuditEntry, type Role, type User } from '../../records/api.ts';
import { MIN_PASSWORD_LENGTH } from '../../records/passwords.ts';
import type { WebDeps } from '../deps.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * User administration (admin_users) and the audit log (view_audit). Every change goes through
 * the records store's users repository, which writes its audit entry in the same transaction.
 */

const ROLE_HINTS: Record<Role, string> = {
  admin:
    'Manages user accounts and reads the audit log; can read every page, but not import data or write commentary.',
  analyst: 'Imports data, writes commentary and generates reports.',
  lead: 'Reads the scorecard, measures, reports and data.police.uk figures.',
  oversight:
    "The policing body's office: reads the scorecard, measures, reports and the audit log.",
  panel: 'Reads public-edition figures and public reports only.',
};

/** The force's local policing areas, as the facts name them. */
async function forceLpas(deps: WebDeps): Promise<string[]> {
  const rows = await deps.facts.use(({ store }) =>
    store.all<{ lpa: string }>(
      'SELECT DISTINCT lpa FROM crimes WHERE lpa IS NOT NULL ORDER BY lpa',
    ),
  );
  return rows.map((r) => String(r.lpa));
}

const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'web' });
const body = (ctx: RequestContext) => (ctx.req.body ?? {}) as Record<string, unknown>;
/** A repeated form field (checkboxes) as a list, whether it came once, many times or not at all. */
const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like name@example.org'));
const RoleField = z.enum(ROLES, { error: 'Select a role' });

function lpasField(known: readonly string[]) {
  return z
    .array(z.string())
    .refine((l) => l.every((x) => known.includes(x)), 'Select areas from the list');
}

function addUserSchema(known: readonly string[]) {
  return z.object({
    email: Email,
    displayName: z
      .string()
      .trim()
      .min(1, 'Enter the person’s full name')
      .max(100, 'Full name must be 100 characters or fewer'),
    role: RoleField,
    lpas: lpasField(known),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
      .max(1024, 'Password must be 1,024 characters or fewer'),
  });
}
type AddUserForm = z.infer<ReturnType<typeof addUserSchema>>;

type FieldErrors = Record<string, string>;

function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** GOV.UK's error summary list: each message links to its field. */
function errorList(errors: FieldErrors, ids: Record<string, string> = {}) {
  return Object.entries(errors).map(([k, text]) => ({ text, href: `#${ids[k] ?? k}` }));
}

function userRow(u: User) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: ROLE_NAMES[u.role],
    areas: u.lpas.length ? u.lpas.join(', ') : 'Whole force',
    disabled: u.disabled,
    href: `/admin/users/${encodeURIComponent(u.id)}`,
  };
}

function roleItems(selected: string | undefined) {
  return ROLES.map((r) => ({
    value: r,
    text: ROLE_NAMES[r],
    hint: { text: ROLE_HINTS[r] },
    checked: r === selected,
  }));
}

function areaItems(known: readonly string[], selected: readonly string[]) {
  return known.map((l) => ({ value: l, text: l, checked: selected.includes(l) }));
}

async function userFromParams(ctx: RequestContext): Promise<User> {
  const { id } = ctx.req.params as { id: string };
  const user = await ctx.deps.records.users.byId(id);
  if (!user) return refuse(ctx.reply, false, 'not_found') as never;
  return user;
}

async function renderAdd(
  ctx: RequestContext,
  values: Partial<Record<keyof AddUserForm, unknown>>,
  errors: FieldErrors,
  status = 200,
) {
  const known = await forceLpas(ctx.deps);
  return ctx.render(
    'admin-user-add.njk',
    {
      values: { email: values.email ?? '', displayName: values.displayName ?? '' },
      roles: roleItems(typeof values.role === 'string' ? values.role : undefined),
      areas: areaItems(known, listOf(values.lpas)),
      minPassword: MIN_PASSWORD_LENGTH,
      errors,
      errorList: errorList(errors, { role: 'role', lpas: 'lpas' }),
    },
    status,
  );
}

async function renderEdit(ctx: RequestContext, user: User, errors: FieldErrors = {}, status = 200) {
  const known = await forceLpas(ctx.deps);
  const self = user.id === ctx.user?.id;
  return ctx.render(
    'admin-user-edit.njk',
    {
      person: userRow(user),
      self,
      roles: roleItems(user.role),
      areas: areaItems(known, user.lpas),
      actionBase: `/admin/users/${encodeURIComponent(user.id)}`,
      summary: [
        { key: { text: 'Email address' }, value: { text: user.email } },
        { key: { text: 'Full name' }, value: { text: user.displayName } },
        { key: { text: 'Role' }, value: { text: ROLE_NAMES[user.role] } },
        { key: { text: 'Areas' }, value: { text: userRow(user).areas } },
        { key: { text: 'Status' }, value: { text: user.disabled ? 'Disabled' : 'Active' } },
        { key: { text: 'Added' }, value: { text: formatDateTime(user.createdAt.toISOString()) } },
      ],
      errors,
      errorList: errorList(errors),
    },
    status,
  );
}

const ACTION_NAMES: Record<string, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  account_locked: 'Account locked',
  user_added: 'User added',
  user_disabled: 'User disabled',
  user_enabled: 'User enabled',
  user_role_set: 'Role or areas changed',
  password_set: 'Password set',
  token_created: 'API token created',
  token_revoked: 'API token revoked',
};
const actionName = (a: string) =>
  ACTION_NAMES[a] ?? a.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const VIA_NAMES: Record<AuditEntry['via'], string> = {
  web: 'Web',
  api: 'API',
  cli: 'Command line',
  system: 'System',
};
const DETAIL_NAMES: Record<string, string> = {
  lpas: 'areas',
  previousRole: 'previous role',
};
const ACTION_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const AUDIT_LIMIT = 200;

/** The audit log's view model: newest first, people named by email, details as plain pairs. */
export async function auditModel(deps: WebDeps, action: string | null) {
  const [entries, recent, people] = await Promise.all([
    deps.records.audit.list({ limit: AUDIT_LIMIT, ...(action ? { action } : {}) }),
    deps.records.audit.list({ limit: 1000 }),
    deps.records.users.list(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const who = (id: string | null) => (id === null ? null : (byId.get(id)?.email ?? `user ${id}`));
  const subject = (s: string) => {
    const m = /^user:(\d+)$/.exec(s);
    return m?.[1] ? (who(m[1]) ?? s) : s;
  };
  const actions = [
    ...new Set([...Object.keys(ACTION_NAMES), ...recent.map((e) => e.action)]),
  ].sort();
  return {
    action,
    actions: [
      { value: '', text: 'All actions', selected: action === null },
      ...actions.map((a) => ({ value: a, text: actionName(a), selected: a === action })),
    ],
    limit: AUDIT_LIMIT,
    shown: entries.length,
    rows: entries.map((e) => [
      { text: formatDateTime(e.at.toISOString()), classes: 'bl-nowrap' },
      { text: actionName(e.action) },
      {
        text:
          who(e.actorUserId) ??
          (e.via === 'web' || e.via === 'api' ? 'Not signed in' : VIA_NAMES[e.via]),
      },
      { text: VIA_NAMES[e.via] },
      { text: subject(e.subject) },
      {
        text:
          Object.entries(e.details)
            .map(([k, v]) => `${DETAIL_NAMES[k] ?? k.replace(/_/g, ' ')}: ${String(v)}`)
            .join('; ') || '—',
      },
    ]),
  };
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/admin/users',
    access: 'admin_users',
    example: { url: '/admin/users' },
    handler: async (ctx) => {
      const users = await ctx.deps.records.users.list();
      return ctx.render('admin-users.njk', { users: users.map(userRow) });
    },
  },
  {
    method: 'GET',
    url: '/admin/users/add',
    access: 'admin_users',
    example: { url: '/admin/users/add' },
    handler: (ctx) => renderAdd(ctx, {}, {}),
  },
  {
    method: 'POST',
    url: '/admin/users/add',
    access: 'admin_users',
    example: {
      url: '/admin/users/add',
      form: {
        email: 'matrix-added@test.example',
        displayName: 'Added by the matrix test',
        role: 'lead',
        password: 'a password long enough',
      },
    },
    handler: async (ctx) => {
      const b = body(ctx);
      const values = { ...b, lpas: listOf(b.lpas) };
      const parsed = addUserSchema(await forceLpas(ctx.deps)).safeParse(values);
      if (!parsed.success) return renderAdd(ctx, values, fieldErrors(parsed.error), 400);
      try {
        await ctx.deps.records.users.add(parsed.data, actorOf(ctx));
      } catch (e) {
        if (isBluelampError(e) && e.code === 'USER_EXISTS')
          return renderAdd(
            ctx,
            values,
            { email: 'A user with that email address already exists' },
            400,
          );
        throw e;
      }
      return ctx.redirect('/admin/users', {
        text: `${parsed.data.email} has been added.`,
        success: true,
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/users/:id',
    access: 'admin_users',
    example: { url: '/admin/users/1' },
    handler: async (ctx) => renderEdit(ctx, await userFromParams(ctx)),
  },
  {
    method: 'POST',
    url: '/admin/users/:id/role',
    access: 'admin_users',
    // An id no one has: the matrix must not change a fixture user's role.
    example: { url: '/admin/users/999999/role', form: { role: 'lead' } },
    handler: async (ctx) => {
      const user = await userFromParams(ctx);
      // An administrator cannot take away their own access (the service would have no admin).
      if (user.id === ctx.user?.id)
        return renderEdit(ctx, user, { role: 'You cannot change your own role' }, 400);
      const b = body(ctx);
      const parsed = z
        .object({ role: RoleField, lpas: lpasField(await forceLpas(ctx.deps)) })
        .safeParse({ role: b.role, lpas: listOf(b.lpas) });
      if (!parsed.success) return renderEdit(ctx, user, fieldErrors(parsed.error), 400);
      await ctx.deps.records.users.setRole(
        user.email,
        parsed.data.role,
        parsed.data.lpas,
        actorOf(ctx),
      );
      return ctx.redirect(`/admin/users/${encodeURIComponent(user.id)}`, {
        text: `The role and areas of ${user.email} have been changed.`,
        success: true,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/users/:id/status',
    access: 'admin_users',
    example: { url: '/admin/users/999999/status', form: { disabled: 'true' } },
    handler: async (ctx) => {
      const user = await userFromParams(ctx);
      if (user.id === ctx.user?.id)
        return renderEdit(ctx, user, { status: 'You cannot disable your own account' }, 400);
      const disabled = body(ctx).disabled === 'true';
      await ctx.deps.records.users.setDisabled(user.email, disabled, actorOf(ctx));
      // A disabled user is signed out everywhere at once, not at their next request.
      if (disabled) await ctx.deps.records.sessions.revokeAllFor(user.id);
      return ctx.redirect(`/admin/users/${encodeURIComponent(user.id)}`, {
        text: `${user.email} has been ${disabled ? 'disabled' : 'enabled'}.`,
        success: true,
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/audit',
    access: 'view_audit',
    example: { url: '/admin/audit?action=sign_in' },
    handler: async (ctx) => {
      const q = ctx.req.query as Record<string, unknown>;
      const action = typeof q.action === 'string' && ACTION_CODE.test(q.action) ? q.action : null;
      return ctx.render('admin-audit.njk', await auditModel(ctx.deps, action));
    },
  },
];
