/**
 * Short free-text survey comments for the demo. Some name officers by rank and name
 * ("PC Sarah Jones was brilliant"), and a few include a phone number from Ofcom's drama
 * range (07700 900xxx) or an @example.com email address, so the redaction feature has
 * something to find. All names are invented.
 */
import type { Rng } from './random.ts';

export const RANKS = ['PC', 'PC', 'PC', 'PCSO', 'DC', 'Sgt', 'DS', 'Insp'] as const;
export const FIRST = [
  'Sarah',
  'James',
  'Priya',
  'Tom',
  'Aisha',
  'Gareth',
  'Emma',
  'Kwame',
  'Chloe',
  'Liam',
  'Fatima',
  'Owen',
  'Hannah',
  'Marek',
  'Rhian',
  'Daniel',
] as const;
export const LAST = [
  'Jones',
  'Patel',
  'Hughes',
  'Okafor',
  'Williams',
  'Khan',
  'Evans',
  'Smith',
  'Novak',
  'Price',
  'Ahmed',
  'Taylor',
  'Morgan',
  'Clarke',
  'Reid',
  'Bennett',
] as const;

function officer(rng: Rng): string {
  const rank = rng.pick(RANKS);
  return rng.chance(0.55)
    ? `${rank} ${rng.pick(FIRST)} ${rng.pick(LAST)}`
    : `${rank} ${rng.pick(LAST)}`;
}

function phone(rng: Rng): string {
  return `07700 900${String(rng.int(1000)).padStart(3, '0')}`;
}

function email(rng: Rng): string {
  const f = rng.pick(FIRST).toLowerCase();
  const l = rng.pick(LAST).toLowerCase();
  return rng.chance(0.5) ? `${f[0]}.${l}@example.com` : `${f}.${l}${rng.int(90) + 10}@example.com`;
}

const WENT_WELL = [
  '{officer} was brilliant',
  '{officer} was brilliant and kept me informed',
  'The officer who came out was kind and patient',
  'Quick response, they arrived within the hour',
  'I felt listened to',
  '{officer} explained everything clearly',
  'They took it seriously from the first call',
  'Really helpful call handler, calm and reassuring',
  'Good advice on security, thank you to {officer}',
  'Kept me updated, {officer} rang me back as promised',
  'Officers were professional and respectful',
  'The follow-up visit from {officer} made a difference',
  'Nothing really',
  'They put me in touch with victim support straight away',
  'Very sympathetic, especially {officer}',
  'Felt safe for the first time in months',
] as const;

const COULD_BE_BETTER = [
  '{officer} never called back',
  'Nobody told me what happened in the end',
  'Took three days for anyone to come out',
  'I had to chase for updates, please ring me on {phone}',
  'Would have liked more contact from {officer}',
  '101 took over 40 minutes to answer',
  'More updates please',
  'I was passed between departments',
  'Felt like they did not believe me',
  'Email me instead: {email}',
  'The case was closed without anyone telling me',
  'Nothing, it was fine',
  'Could not get hold of {officer}, tried {phone} several times',
  'More visible patrols in the area',
  'Explain the court process better',
  'Send updates by email ({email}) as I work shifts',
] as const;

const SMS_COMMENTS = [
  'Quick and helpful, thanks',
  'Call handler was great',
  'Waited too long on 101',
  'Nobody came out',
  'Officer {officer} sorted it quickly',
  'Please call me back on {phone}',
  'Online reporting was easy',
  'Still waiting for an update',
  'Very polite staff',
  'Reply to {email} please',
  'Good service',
  'Not happy with the response',
] as const;

function fill(rng: Rng, template: string): string {
  return template
    .replace('{officer}', () => officer(rng))
    .replace('{phone}', () => phone(rng))
    .replace('{email}', () => email(rng));
}

/** A "went well" comment; positive respondents mostly praise, others say less. */
export function wentWell(rng: Rng, positive: boolean): string {
  const pool = positive ? WENT_WELL : WENT_WELL.filter((_, i) => i % 3 !== 0);
  return fill(rng, rng.pick(pool));
}

export function couldBeBetter(rng: Rng, positive: boolean): string {
  const pool = positive ? COULD_BE_BETTER.filter((_, i) => i % 2 === 1) : COULD_BE_BETTER;
  return fill(rng, rng.pick(pool));
}

export function smsComment(rng: Rng): string {
  return fill(rng, rng.pick(SMS_COMMENTS));
}
