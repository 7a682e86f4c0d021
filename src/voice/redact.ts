/**
 * Redaction of free text (victims' survey comments) before anyone reads it in a quote list or a
 * report: officer names and collar numbers, people's names where the text introduces them,
 * phone numbers, email addresses, postcodes, house addresses and vehicle registrations, each
 * replaced by a bracketed tag ("[officer]", "[phone]", …). Regular expressions, not a model:
 * predictable, fast, and tested on the forms people actually write (test/voice/redact.test.ts).
 * What it does not catch — a bare first name with no cue ("Sarah was lovely"), a street with no
 * house number, a dateless registration ("ABC 123") — is listed in src/voice/CONTEXT.md, which
 * is why every quote is still read and approved by an analyst before it is printed.
 */

export type RedactionKind =
  'email' | 'phone' | 'postcode' | 'vehicle' | 'address' | 'officer' | 'name';

export const REDACTION_TAGS: Readonly<Record<RedactionKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  postcode: '[postcode]',
  vehicle: '[vehicle]',
  address: '[address]',
  officer: '[officer]',
  name: '[name]',
};

export interface Redacted {
  readonly text: string;
  /** How many of each kind were replaced (kinds with none are absent). */
  readonly counts: Partial<Record<RedactionKind, number>>;
}

/** A capitalised name word: Smith, O'Brien, McDonald, Smith-Jones. */
const NAME_WORD = String.raw`(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?`;
/** Words written with a capital that are not names, where a name is expected. */
const NOT_NAMES = new Set(
  (
    'I The A An And But Or So Then Thank Thanks Please Sorry Also Very Really Still Not No Yes ' +
    'Was Is Were Are Did Has Had He She They We You It This That Who When Where What Why How ' +
    'Dear Hi Hello Good Great Many Just Only All My Our Your His Her Their Me Us Them Here There ' +
    'British English Welsh Scottish Irish European Asian Black White Mixed Muslim Christian ' +
    'Jewish Hindu Sikh Buddhist Polish Disabled Deaf Blind Happy Glad Grateful Satisfied ' +
    'Unhappy Disappointed Pleased Afraid Scared Worried Now Always Never Police Officer Officers ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'From At In On Of To For With By If As Call Ring Text Email Contact Can Could Would Will'
  ).split(' '),
);

/** Ranks, longest first so "Detective Sergeant" wins over "Detective". */
const SPELLED_RANKS = [
  'Detective Chief Superintendent',
  'Detective Chief Inspector',
  'Detective Superintendent',
  'Detective Inspector',
  'Detective Sergeant',
  'Detective Constable',
  'Chief Superintendent',
  'Chief Inspector',
  'Police Constable',
  'Special Constable',
  'Police Sergeant',
  'Superintendent',
  'Inspector',
  'Sergeant',
  'Constable',
  'Detective',
  'Officer',
];
/** Abbreviations, matched only in capitals and as whole words ("PC" never inside "PCSO"). */
const SHORT_RANKS = [
  'Det Chief Insp',
  'Det Supt',
  'Det Insp',
  'Det Sgt',
  'Det Con',
  'Chief Supt',
  'Ch Supt',
  'Ch Insp',
  'PCSO',
  'WPC',
  'DCI',
  'DSU',
  'DC',
  'DS',
  'DI',
  'PC',
  'PS',
  'SC',
  'Sgt',
  'Insp',
  'Supt',
];
/** A spelled-out rank may start in lower case ("sergeant Brown"); its name may not. */
const anyCase = (w: string) => `[${w[0]}${w[0]?.toLowerCase()}]${w.slice(1)}`;
const RANK = `(?:${[...SPELLED_RANKS.map(anyCase), ...SHORT_RANKS].map((r) => r.replaceAll(' ', String.raw`\.?\s+`)).join('|')})`;

const OFFICER = new RegExp(
  String.raw`\b${RANK}\.?\s*(?!${RANK}\b)(?:(?<initial>[A-Z]\.?\s+)?(?<first>${NAME_WORD})(?:\s+(?<second>${NAME_WORD}))?(?:\s*\(?\d{2,5}\)?)?|\d{2,5}[A-Z]{0,2})(?!\w)`,
  'g',
);
/** "collar number 1234", "shoulder no. 567", "badge 89". */
const COLLAR =
  /\b(?:collar|shoulder|warrant|badge)(?:\s+(?:number|no\.?|#))?(?:\s+(?:is|was)|:)?\s*\d{2,6}\b/gi;

/** Titles before a surname: anyone named this way, officer or not. */
const TITLED = new RegExp(
  String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.?\s+)?(?<first>${NAME_WORD})(?:\s+(?<second>${NAME_WORD}))?`,
  'g',
);
/** "my name is …" names the writer, written in any case; "I am …" only with a capital. */
const MY_NAME =
  /\b(?<cue>my name is|my name's|name is)\s+(?<rest>[A-Za-z'’-]+(?:\s+[A-Za-z'’-]+)?)/gi;
const I_AM = new RegExp(
  String.raw`\b(?<cue>I am|I'm|I’m)\s+(?<first>${NAME_WORD})(?:\s+(?<second>${NAME_WORD}))?`,
  'g',
);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * UK numbers: mobiles (07xxx xxxxxx, 07xxx xxx xxx, +44 7xxx …), London and other 02x (020 xxxx
 * xxxx), geographic 01 numbers with 3- to 5-digit codes (0161 …, 01632 …), 03 and 08; with
 * spaces, hyphens or brackets. A candidate must hold 10 or 11 national digits, so "101", "999",
 * years and counts never match.
 */
const SEP = String.raw`[\s-]?`;
const PHONE = new RegExp(
  String.raw`(?<![\d+])(?:(?:\+44${SEP}(?:\(0\)${SEP})?|\(?0)(?:7\d{3}\)?${SEP}\d{3}${SEP}\d{3}|2\d\)?${SEP}\d{4}${SEP}\d{4}|[1358]\d{2,4}\)?${SEP}\d{3}${SEP}?\d{2,4}))(?!\d)`,
  'g',
);

/** Full UK postcodes (outward + inward), capitals or lower case, with or without the space. */
const POSTCODE =
  /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[A-Z]{2})\b|\b(?:[a-pr-uwyz][a-hk-y]?\d[a-z\d]? \d[a-z]{2})\b/g;

/**
 * Registrations: current (AB12 CDE, since 2001; any case), prefix (A123 BCD, 1983–2001) and
 * suffix (ABC 123D, 1963–1983), the older two in capitals only. Dateless marks are left alone.
 */
const VEHICLE =
  /\b(?:[A-Za-z]{2}\d{2} ?[A-Za-z]{3}|[A-HJ-PR-Y]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-HJ-PR-Y])\b/g;

const STREET_TYPES =
  'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Grove|Terrace|Walk|Square|Sq|Hill|Row|Mews|View|Rise|Parade|Boulevard|Mount|Vale|Wharf|Yard|Fields|Park';
/** "12 Elm Road", "Flat 3, 14a Church Street", "221B Baker St": a number, capitalised words, a street type. */
const ADDRESS = new RegExp(
  String.raw`\b(?:[Ff]lat\s+\d{1,4}[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+(?:${NAME_WORD}(?:'s)?\s+){1,3}(?:${STREET_TYPES})\b\.?`,
  'g',
);

const isName = (w: string | undefined) => w !== undefined && !NOT_NAMES.has(w);
const NOT_NAMES_LOWER = new Set([...NOT_NAMES].map((w) => w.toLowerCase()));
/** For "my name is …", written in any case: any word but the common ones. */
const isNameAnyCase = (w: string | undefined) =>
  w !== undefined && /^[A-Za-z]/.test(w) && !NOT_NAMES_LOWER.has(w.toLowerCase());
/** The second word of a two-word name, kept as text when it is not a name ("PC Smith Thanks"). */
const after = (second: string | undefined) => (second && !isName(second) ? ` ${second}` : '');

/** Redacts free text; the same input always gives the same output. */
export function redact(input: string): Redacted {
  const counts: Partial<Record<RedactionKind, number>> = {};
  const tag = (kind: RedactionKind) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return REDACTION_TAGS[kind];
  };
  let t = input;
  // Order matters: an email holds names and dots, a phone number digits an address could take.
  t = t.replace(EMAIL, () => tag('email'));
  t = t.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '');
    const national = digits.startsWith('44') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
    if (national.length !== 10 && national.length !== 11) return m;
    // "(07700 900123, …": the bracket opens the aside, not an area code; keep it.
    return m.startsWith('(') && !m.includes(')') ? `(${tag('phone')}` : tag('phone');
  });
  t = t.replace(POSTCODE, (m) => (/^\S+\s\d(?:st|nd|rd|th|am|pm)$/i.test(m) ? m : tag('postcode')));
  t = t.replace(VEHICLE, () => tag('vehicle'));
  t = t.replace(ADDRESS, () => tag('address'));
  t = t.replace(OFFICER, (m, ...rest: unknown[]) => {
    const g = rest.at(-1) as Record<string, string | undefined>;
    if (g.first !== undefined && !isName(g.first)) return m;
    return tag('officer') + after(g.second);
  });
  t = t.replace(COLLAR, () => tag('officer'));
  t = t.replace(TITLED, (m, ...rest: unknown[]) => {
    const g = rest.at(-1) as Record<string, string | undefined>;
    return isName(g.first) ? tag('name') + after(g.second) : m;
  });
  t = t.replace(MY_NAME, (m, ...rest: unknown[]) => {
    const g = rest.at(-1) as { cue: string; rest: string };
    const [first, second] = g.rest.split(/\s+/);
    if (!isNameAnyCase(first)) return m;
    const keep = second === undefined || isNameAnyCase(second) ? '' : ` ${second}`;
    return `${g.cue} ${tag('name')}${keep}`;
  });
  t = t.replace(I_AM, (m, ...rest: unknown[]) => {
    const g = rest.at(-1) as Record<string, string>;
    return isName(g.first) ? `${g.cue} ${tag('name')}${after(g.second)}` : m;
  });
  return { text: t, counts };
}

/** The redacted text alone. */
export const redactText = (input: string): string => redact(input).text;
