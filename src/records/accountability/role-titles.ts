import type { BodyType, PolicingBodyInput } from './types.ts';

/** What a body's holder and office are called by default, by its type (editable per body). */
export function defaultRoleTitles(type: BodyType): PolicingBodyInput['roleTitles'] {
  const holder = {
    pcc: 'Police and Crime Commissioner',
    pfcc: 'Police, Fire and Crime Commissioner',
    mayor: 'Mayor',
    board: 'Chair of the policing board',
  }[type];
  return { holder, office: type === 'board' ? 'The policing board' : `Office of the ${holder}` };
}
