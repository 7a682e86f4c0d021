import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../records/api.ts';
import type { WebDeps } from './deps.ts';
import { accountabilityNavFor, navigationFor, PUBLIC_NAVIGATION } from './navigation.ts';
import { ROLE_NAMES } from './permissions.ts';
import { takeFlash } from './session-cookie.ts';
import { CSRF_FIELD } from './security/csrf.ts';

export const SERVICE_NAME = 'Bluelamp';

/** What the policing body is called, by its type, when settings give no name. */
const BODY_TYPE_NAMES: Record<string, string> = {
  pcc: 'Police and Crime Commissioner',
  pfcc: 'Police, Fire and Crime Commissioner',
  mayor: 'Mayor',
  board: 'Policing board',
};

export interface Organisation {
  readonly forceName: string;
  readonly policingBodyName: string;
  /**
   * The policing body in office today, from the dated records (src/records/accountability/
   * bodies.ts) when there is one, else from the settings: its type and what its holder and
   * office are called. Pages say these, never "PCC", so a change of governance (mayors and
   * boards from 2028) changes every page at once.
   */
  readonly policingBody: {
    readonly type: string | null;
    /** e.g. "Police and Crime Commissioner", "Mayor", "Chair of the policing board". */
    readonly holder: string;
    /** e.g. "Office of the Police and Crime Commissioner". */
    readonly office: string;
  };
}

/** Settings are read at most every few seconds per process; a change here is seen at once. */
const SETTINGS_TTL_MS = 5_000;
const organisations = new WeakMap<WebDeps, { at: number; value: Organisation }>();

export function forgetOrganisation(deps: WebDeps): void {
  organisations.delete(deps);
}

export async function organisation(deps: WebDeps): Promise<Organisation> {
  const now = deps.clock.now().getTime();
  const cached = organisations.get(deps);
  if (cached && now - cached.at < SETTINGS_TTL_MS && now >= cached.at) return cached.value;
  const value = await readOrganisation(deps);
  organisations.set(deps, { at: now, value });
  return value;
}

async function readOrganisation(deps: WebDeps): Promise<Organisation> {
  const s = await deps.records.settings.get();
  const body = await deps.records.policingBodies.current(deps.clock.now());
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const typeName = BODY_TYPE_NAMES[String(body?.type ?? s.policingBodyType)];
  return {
    forceName: str(s.forceName) ?? 'Police force (set the force name in settings)',
    policingBodyName:
      body?.name ??
      str(s.policingBodyName) ??
      typeName ??
      'Policing body (set its name in settings)',
    policingBody: {
      type: body?.type ?? str(s.policingBodyType),
      holder: body?.roleTitles.holder ?? typeName ?? 'Policing body',
      office: body?.roleTitles.office ?? str(s.policingBodyName) ?? 'Office of the policing body',
    },
  };
}

/** The layout's own model, beside each page's: who is signed in, navigation, banner, CSRF. */
export async function layoutModel(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: WebDeps,
  user: User | null,
  csrfToken: string,
): Promise<Record<string, unknown>> {
  const path = req.url.split('?')[0] ?? '/';
  const isPublic = path === '/public' || path.startsWith('/public/');
  return {
    serviceName: SERVICE_NAME,
    organisation: await organisation(deps),
    user: user
      ? {
          displayName: user.displayName,
          role: user.role,
          roleName: ROLE_NAMES[user.role],
          lpas: user.lpas,
        }
      : null,
    navigation: isPublic
      ? PUBLIC_NAVIGATION.map((i) => ({ ...i, active: path === i.href }))
      : navigationFor(user, path),
    accountabilityNav: isPublic ? [] : accountabilityNavFor(user, path),
    isPublic,
    banner: takeFlash(req, reply, deps.secureCookies),
    csrf: { field: CSRF_FIELD, token: csrfToken },
    currentPath: path,
  };
}
