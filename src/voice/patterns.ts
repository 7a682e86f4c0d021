/**
 * UK formats found by pattern: emails (also written "name at domain dot com"), phone numbers,
 * postcodes, vehicle registrations, house addresses, dates of birth after a cue, collar and
 * warrant numbers, and officers named by rank. Each detector returns spans of the original text;
 * src/voice/redact.ts merges them with the names (src/voice/names.ts) and replaces them.
 */
import { GIVEN_NAMES, NOT_NAMES, NOT_STREET_WORDS, SURNAMES, AMBIGUOUS_NAMES } from './lexicon.ts';
import type { Analysis } from './nlp.ts';
import type { Span, RedactionKind } from './spans.ts';
import type { StaffGazetteer } from './staff.ts';

const span = (kind: RedactionKind, start: number, end: number): Span => ({ kind, start, end });

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

// ---- email

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const AT = String.raw`(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>)\s*|\s+at\s+|\s*@\s*)`;
const DOT = String.raw`(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>)\s*|\s+dot\s+|\.)`;
const TLD = String.raw`(?:co${DOT}uk|org${DOT}uk|ac${DOT}uk|gov${DOT}uk|com|net|org|uk|info|io|me|biz|eu|ie)`;
/** "jo dot bloggs at example dot com", "jo(at)example.co.uk": at least one word for a symbol. */
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`\b[A-Za-z0-9_+-]+(?:${DOT}[A-Za-z0-9_+-]+){0,3}${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+){0,2}?${DOT}${TLD}\b`,
  'gi',
);

export function emails(text: string, nlp: Analysis): Span[] {
  const out = [...matches(EMAIL, text)].map((m) => span('email', m.index, m.index + m[0].length));
  for (const m of matches(OBFUSCATED_EMAIL, text)) {
    // A plain address is found above; here only forms with a word for "@" or ".".
    if (/@/.test(m[0]) && !/\s|\(|\[|\{|</.test(m[0])) continue;
    out.push(span('email', m.index, m.index + m[0].length));
  }
  for (const e of nlp.emails) out.push(span('email', e.start, e.end));
  return out;
}

// ---- phone

/**
 * A run of digits and separators that could be a phone number; what it holds is checked below.
 * Crime, incident and log references are numbers too, so a reference cue before one keeps it.
 */
const PHONE_CANDIDATE = /(?<![\w+/.-])(?:\+|00)?\(?\d[\d ().-]{6,24}\d\)?(?![\w/])/g;
const REFERENCE_CUE =
  /\b(?:ref(?:erence)?|crime|incident|log|case|occurrence|urn|cad|job|report)(?:\s+(?:no\.?|number|num|ref))?\s*[:#]?\s*(?:is|was)?\s*$/i;

/**
 * Where a phone number ends in a candidate run of digits (an offset in it), or null when the
 * run starts no UK number: digit groups are taken until they hold 11 national digits (10 for
 * some 01 numbers and a number that ends there), counting "+44" / "0044" as the leading 0.
 */
function phoneEnd(candidate: string): number | null {
  const groups = [...candidate.matchAll(/\d+/g)];
  const seps = groups.slice(1).map((g, i) => {
    const prev = groups[i] as RegExpMatchArray;
    return candidate.slice((prev.index ?? 0) + prev[0].length, g.index);
  });
  // Separators people write inside a number: a space, a hyphen, a dot, brackets round a code.
  if (seps.some((s) => !/^(?:[ .-]|\) ?|\)-| ?\(| \( ?| ?- ?| {2})$/.test(s))) return null;
  let digits = '';
  const first = groups[0]?.[0] ?? '';
  const international = candidate.startsWith('+') || first.startsWith('00');
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as RegExpMatchArray;
    digits += g[0];
    const rest = digits.replace(/^00/, '');
    if (international && !rest.startsWith('44')) return null;
    // "+44 (0)7700 …": the bracketed 0 is not dialled from abroad.
    const national = international ? `0${rest.slice(2).replace(/^0/, '')}` : digits;
    if (!national.startsWith('0') || national.startsWith('00')) return null;
    const done =
      national.length === 11 ||
      (national.length === 10 && (i === groups.length - 1 || national.startsWith('01')));
    if (national.length === 10 && done && i < groups.length - 1) {
      const next = groups[i + 1] as RegExpMatchArray;
      // A 10-digit prefix followed by a short tail is an 11-digit number written in parts.
      if (national.length + next[0].length === 11) continue;
    }
    if (done) return (g.index ?? 0) + g[0].length;
    if (national.length > 11) return null;
  }
  return null;
}

export function phones(text: string): Span[] {
  const out: Span[] = [];
  for (const m of matches(PHONE_CANDIDATE, text)) {
    const head = m[0].replace(/[\s(]/g, '');
    const end = /^(?:0|\+44|0044)/.test(head) ? phoneEnd(m[0]) : null;
    if (end === null) {
      // A longer run may hold a number further on ("12 07700 900123"): look again after its first digits.
      PHONE_CANDIDATE.lastIndex = m.index + (/^\D*\d+/.exec(m[0])?.[0].length ?? 1);
      continue;
    }
    // Two numbers written one after the other: the next is looked for after this one.
    PHONE_CANDIDATE.lastIndex = m.index + end;
    if (REFERENCE_CUE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    let start = m.index;
    let stop = m.index + end;
    const body = text.slice(start, stop);
    // "(07700 900123, …": the bracket opens an aside, not an area code.
    if (body.startsWith('(') && !body.includes(')')) start++;
    // "(020) 7946 0000": the code's closing bracket is inside; a bracket closing an aside is not.
    if (text[stop] === ')' && body.includes('(') && !body.includes(')')) stop++;
    out.push(span('phone', start, stop));
  }
  return out;
}

// ---- postcode

/** Outward code (area, district) and inward code; unit letters never C, I, K, M, O or V. */
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-HJKMNPR-Y\d]? {0,2}\d[A-Z]{2})\b/gi;

export function postcodes(text: string): Span[] {
  const out: Span[] = [];
  for (const m of matches(POSTCODE, text)) {
    const code = m[0];
    const mixed = code !== code.toUpperCase() && code !== code.toLowerCase();
    if (mixed && !/^[A-Z]/.test(code)) continue;
    const outward = code.slice(0, -3).trim();
    const inward = code.slice(-3);
    // Unit letters are never C, I, K, M, O or V: written in capitals one may still be a typo,
    // in lower case it is a word ("b4 1am").
    if (code !== code.toUpperCase() && /[cikmov]/i.test(inward.slice(1))) continue;
    // "the M25 6th time", "A1 2nd exit": a road and an ordinal, not a postcode.
    const ordinal = /^\d(?:st|nd|rd|th)$/i.test(inward);
    if (
      ordinal &&
      code.includes(' ') &&
      (inward === inward.toLowerCase() || /^[MA]\d{1,3}$/.test(outward))
    )
      continue;
    out.push(span('postcode', m.index, m.index + code.length));
  }
  return out;
}

// ---- vehicle

/** Current (AB12 CDE, since 2001; any case), prefix (A123 BCD) and suffix (ABC 123D) marks. */
const CURRENT_REG = /\b[A-Z]{2}\d{2} ?[A-Z]{3}\b/gi;
/** "KV 65 BNX": a current mark spaced out, in capitals only ("in 20 min" is no registration). */
const SPACED_REG = /\b[A-Z]{2} \d{2} [A-Z]{3}\b/g;
const PREFIX_REG = /\b[A-HJ-PR-Y]\d{1,3} ?[A-Z]{3}\b/g;
/** A prefix mark in lower case ("j452 kbd"): two or three digits, and no word for letters. */
const LOWER_PREFIX_REG = /\b[a-hj-pr-y]\d{2,3} ?[a-z]{3}\b/g;
const SUFFIX_REG = /\b[A-Z]{3} ?\d{1,3}[A-HJ-PR-Y]\b/g;
/** A registration named as one: "reg AB12CDE", "number plate ABC 123" (any format). */
const CUED_REG =
  /\b(?:reg(?:istration)?|number ?plate|plate|index)(?:\s+(?:no\.?|number|mark|was|is|of))*\s*[:#-]?\s*(?<mark>[A-Z0-9]{2,4} ?[A-Z0-9]{1,4})\b/gi;
/** Words a shouted sentence holds where an old registration's letters would be ("M6 THE"). */
const CAPS_WORDS = new Set(
  'THE AND YOU FOR ARE WAS NOT BUT ALL OUT HIS HER OUR ONE TWO NOW GET GOT CAN HAD HAS WHO WHY HOW DID SAY SEE WAY DAY MAN OFF ANY NEW OLD BIG BAD YES HIM ROAD LANE AGO'.split(
    ' ',
  ),
);

/** Short words written after a road number in lower case ("the m62 was shut", "a14 jct"). */
const LOWER_WORDS = new Set(
  'was jct exit off and the got now had has men car van bus old new via'.split(' '),
);

export function vehicles(text: string): Span[] {
  const out: Span[] = [];
  for (const m of matches(CURRENT_REG, text)) {
    const mixed = m[0] !== m[0].toUpperCase() && m[0] !== m[0].toLowerCase();
    if (!mixed) out.push(span('vehicle', m.index, m.index + m[0].length));
  }
  for (const m of matches(SPACED_REG, text))
    out.push(span('vehicle', m.index, m.index + m[0].length));
  for (const m of matches(LOWER_PREFIX_REG, text))
    if (!CAPS_WORDS.has(m[0].slice(-3).toUpperCase()) && !LOWER_WORDS.has(m[0].slice(-3)))
      out.push(span('vehicle', m.index, m.index + m[0].length));
  for (const re of [PREFIX_REG, SUFFIX_REG])
    for (const m of matches(re, text)) {
      const letters = m[0].replace(/[^A-Z]/g, '');
      if (re === PREFIX_REG && CAPS_WORDS.has(letters.slice(1))) continue;
      if (re === SUFFIX_REG && CAPS_WORDS.has(letters.slice(0, 3))) continue;
      out.push(span('vehicle', m.index, m.index + m[0].length));
    }
  for (const m of matches(CUED_REG, text)) {
    const mark = m.groups?.mark ?? '';
    if (!/\d/.test(mark) || !/[A-Za-z]/.test(mark)) continue;
    const start = m.index + m[0].length - mark.length;
    out.push(span('vehicle', start, start + mark.length));
  }
  return out;
}

// ---- address

const STREET_TYPES =
  'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Grove|Gr|Terrace|Terr|Walk|Square|Sq|Hill|Row|Mews|View|Rise|Parade|Boulevard|Mount|Vale|Wharf|Yard|Fields|Park|Green|Gate|Heights|Meadows?|Chase|Croft|Bank|Brow|Path|Wynd|Circus|Approach|Embankment|Quay|Broadway|Passage|Hollow';
/** Street types as they are written in lower case by someone who writes all in lower case. */
const LOWER_TYPES = new Set([
  'road',
  'rd',
  'street',
  'avenue',
  'ave',
  'lane',
  'crescent',
  'gardens',
  'terrace',
  'grove',
  'mews',
  'close',
]);
const FLAT = String.raw`(?:[Ff]lat|FLAT|[Aa]partment|[Aa]pt\.?)\s*\d{1,4}[A-Za-z]?\b`;
const ADDRESS = new RegExp(
  String.raw`(?:\b${FLAT},?\s+)?\b(?:[Nn]o\.?\s*)?\d{1,4}[A-Za-z]?(?:\s?[-–]\s?\d{1,4}[A-Za-z]?)?,?\s+(?<words>(?:[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)?\.?\s+){1,3})(?<type>${STREET_TYPES})\b\.?`,
  'gi',
);
/** "Flat 9 Bridge House", "flat 3, Elm Court": a flat and the building's name. */
const BUILDING =
  'House|Court|Tower|Towers|Lodge|Mansions|Point|Heights|Buildings|Block|Apartments|Hall|Mill|Works|Quay|Wharf';
const FLAT_ALONE = new RegExp(
  String.raw`${FLAT}(?:,?\s+(?:[A-Z][a-z]+\s+){1,2}(?:${BUILDING})\b)?`,
  'g',
);

export function addresses(text: string): Span[] {
  const out: Span[] = [];
  for (const m of matches(ADDRESS, text)) {
    const words = (m.groups?.words ?? '').trim().split(/\s+/);
    const type = m.groups?.type ?? '';
    // "4 The Grove": a street named with its article.
    const named = words.length === 1 && /^the$/i.test(words[0] ?? '');
    if (!named && words.some((w) => NOT_STREET_WORDS.has(w.toLowerCase().replace(/[.'’]s?$/, ''))))
      continue;
    const lower = type === type.toLowerCase();
    if (lower && !LOWER_TYPES.has(type)) continue;
    if (!lower && !/^[A-Z]/.test(type)) continue;
    // "St" after a number and one word is a street; before a name it is a saint ("14 St Mary's Road").
    let end = m.index + m[0].length;
    if (m[0].endsWith('.') && !/(?:Rd|St|Ave|Ln|Cl|Dr|Cres|Ct|Pl|Gdns|Gr|Terr|Sq)\.$/i.test(m[0]))
      end--;
    out.push(span('address', m.index, end));
  }
  for (const m of matches(FLAT_ALONE, text))
    out.push(span('address', m.index, m.index + m[0].length));
  return out;
}

// ---- date of birth

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const ORD = '(?:st|nd|rd|th)?';
const DATE = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}${ORD}(?:\s+of)?\s+(?:${MONTHS})\.?,?(?:\s+(?:\d{4}|'?\d{2}))?|(?:${MONTHS})\.?\s+\d{1,2}${ORD},?(?:\s+\d{4})?|(?:${MONTHS})\s+\d{4}|(?:19|20)\d{2})`;
const DOB = new RegExp(
  String.raw`\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born|birthday)(?:\s+(?:is|was|as|on|in|of|:))*\s*[:-]?\s*(?:the\s+)?(?<date>${DATE})(?![\w/])`,
  'gi',
);

export function datesOfBirth(text: string, nlp: Analysis): Span[] {
  const out: Span[] = [];
  for (const m of matches(DOB, text)) {
    const date = m.groups?.date ?? '';
    const start = m.index + m[0].length - date.length;
    let end = start + date.length;
    // The model may read more of the date than the pattern ("3rd March, 1985").
    for (const d of nlp.dates)
      if (d.start <= start && d.end > end && d.start >= m.index) end = d.end;
    out.push(span('dob', start, end));
  }
  return out;
}

// ---- officers and collar numbers

const SPELLED_RANKS = [
  'Detective Chief Superintendent',
  'Detective Chief Inspector',
  'Detective Superintendent',
  'Detective Inspector',
  'Detective Sergeant',
  'Detective Constable',
  'Chief Superintendent',
  'Chief Inspector',
  'Police Community Support Officer',
  'Police Constable',
  'Special Constable',
  'Police Sergeant',
  'Police Officer',
  'Superintendent',
  'Inspector',
  'Sergeant',
  'Constable',
  'Detective',
  'Officers',
  'Officer',
  'Sergeants',
  'Constables',
  'Detectives',
  // Staff named by their role, as victims name them ("the call handler Hannah").
  'Call Handler',
  'Call Taker',
  'Investigator',
];
/** Abbreviations, in capitals and as whole words ("PC" never inside "PCSO"). */
const SHORT_RANKS = [
  'D/Supt',
  'D/Insp',
  'D/Sgt',
  'D/C',
  'D/S',
  'P/C',
  'PCSOs',
  'PCs',
  'DCs',
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
/** Abbreviations also written in lower case; the name after them must then be a known name. */
const LOWER_RANKS = ['pcso', 'pc', 'sgt', 'dc', 'ds', 'insp', 'dci'];
/** And with only a capital ("Pc Khan"): the name after them must be capitalised. */
const TITLE_RANKS = ['Pcso', 'Pc', 'Dc', 'Ds', 'Dci'];
/** A spelled-out rank may be written in lower case ("sergeant Brown", "call handler Hannah"). */
const anyCase = (r: string) =>
  r
    .split(' ')
    .map((w) => `[${w[0]}${w[0]?.toLowerCase()}]${w.slice(1)}`)
    .join(' ');
const RANK = `(?:${[...SPELLED_RANKS.map(anyCase), ...SHORT_RANKS, ...LOWER_RANKS, ...TITLE_RANKS]
  .map((r) => r.replaceAll(' ', String.raw`\.?\s+`))
  .join('|')})`;
/** A name word: Smith, O'Brien, McDonald, Smith-Jones, or lower case ("pc smith", checked). */
const WORD = String.raw`\p{L}\p{Ll}*(?:['’]\p{L}\p{Ll}+)?(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}+)?(?:['’]s)?(?![\p{L}\p{M}\d])`;
const OFFICER = new RegExp(
  String.raw`\b(?<rank>${RANK})(?![A-Za-z])\.?(?<comma>,)?(?:\s+|(?=\d))(?:(?<number>\d{2,6}[A-Z]{0,2})\b|(?<initial>[A-Z]\.?\s+)?(?<first>${WORD})(?:\s+(?<second>${WORD}))?)`,
  'gdu',
);
/** "collar number 1234", "shoulder no. 567", "warrant card number 123456", "badge no 89". */
const COLLAR = new RegExp(
  String.raw`\b(?:(?:collar|shoulder|epaulette)(?:\s+(?:number|no\.?|num|#))?|(?:warrant(?:\s+card)?|badge|staff|ID)\s+(?:number|no\.?|num|#))(?:\s+(?:is|was|of))?\s*[:#]?\s*(?<number>[A-Z]{0,2}\d{2,7})\b`,
  'gi',
);
/** "the officer's number was 4588", "his number was 4312" (not a phone number: no more digits). */
const THEIR_NUMBER =
  /\b(?:officer['’]?s|his|her)\s+(?:collar\s+|badge\s+|shoulder\s+)?(?:number|no\.?)(?:\s+(?:is|was))?\s*[:#]?\s*(?<number>\d{3,6})\b(?![\s.-]?\d)/gi;
/** A number written after a named officer: "PC Smith (4567)", "PC Smith 4567". */
const AFTER_OFFICER =
  /^(?:,?\s*\(|,?\s+)(?:no\.?\s*|number\s+)?(?<number>\d{3,6})\b(?![%/:.]\d)\)?/i;

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && !/^\p{Lu}{2,}$/u.test(w);
const known = (w: string, staff: StaffGazetteer | undefined) => {
  const l = w.toLowerCase();
  return (
    (GIVEN_NAMES.has(l) && !AMBIGUOUS_NAMES.has(l)) ||
    SURNAMES.has(l) ||
    (staff?.families.has(l) ?? false) ||
    (staff?.givens.has(l) ?? false)
  );
};

/** A word that can be the name after a rank: capitalised and not a common word, or known. */
function nameAfterRank(w: string | undefined, staff: StaffGazetteer | undefined, strict: boolean) {
  if (w === undefined) return false;
  const bare = w.replace(/['’]s$/, '');
  if (NOT_NAMES.has(bare.toLowerCase())) return false;
  if (strict || !isCapitalised(bare)) return known(bare, staff);
  return true;
}

/** What a number after a rank counts when it is not a collar number ("the officer 20 minutes later"). */
const COUNTED =
  /^\s*(?:%|am\b|pm\b|min|hour|hr|day|week|month|year|time|officer|people|calls?\b|of\b)/i;

export function officers(text: string, staff?: StaffGazetteer): Span[] {
  const out: Span[] = [];
  for (const m of matches(OFFICER, text)) {
    const g = m.groups ?? {};
    const at = m.indices?.groups ?? {};
    const rank = g.rank ?? '';
    // Ranks that are also ordinary letters ("pc", "PS" for a postscript) need a known name.
    const strict = LOWER_RANKS.includes(rank) || rank === 'PS' || rank === 'SC';
    const matchEnd = m.index + m[0].length;
    const spelled = /^[A-Z][a-z]/.test(rank) || /^[a-z]{4,}/.test(rank);
    // "the call handler, Helen, who…": a name set off by commas after a spelled-out rank.
    if (g.comma !== undefined && (!spelled || g.number !== undefined)) {
      OFFICER.lastIndex = m.index + rank.length;
      continue;
    }
    if (g.number !== undefined) {
      if ((spelled && g.number.length < 3) || COUNTED.test(text.slice(matchEnd))) {
        OFFICER.lastIndex = m.index + rank.length;
        continue;
      }
      out.push(span('officer', m.index, matchEnd));
      continue;
    }
    if (!nameAfterRank(g.first, staff, strict)) {
      OFFICER.lastIndex = m.index + rank.length;
      continue;
    }
    const firstEnd = at.first?.[1] ?? matchEnd;
    const second =
      g.second !== undefined &&
      nameAfterRank(g.second, staff, strict || !isCapitalised(g.first ?? ''));
    let end = second ? (at.second?.[1] ?? matchEnd) : firstEnd;
    // "PC Smith's follow-up": the possessive is not part of the name.
    if (/['’]s$/.test(text.slice(m.index, end))) end -= 2;
    if (g.comma !== undefined && !/^\s*(?:[,)]|who\b|$)/.test(text.slice(end))) {
      OFFICER.lastIndex = m.index + rank.length;
      continue;
    }
    OFFICER.lastIndex = end;
    out.push(span('officer', m.index, end));
    // "PCSOs Tranter and Gallagher": every name after a plural rank.
    if (/s$/.test(rank)) {
      const more = /^\s+(?:and|&)\s+([A-Za-z][A-Za-z'’-]*)/.exec(text.slice(end));
      if (more?.[1] !== undefined && nameAfterRank(more[1], staff, strict)) {
        const from = end + more[0].length - more[1].length;
        out.push(span('officer', from, from + more[1].length));
      }
    }
    const tail = AFTER_OFFICER.exec(text.slice(end));
    const n = tail?.groups?.number;
    if (tail && n !== undefined && !COUNTED.test(text.slice(end + tail[0].length))) {
      const from = end + tail[0].lastIndexOf(n);
      out.push(span('collar', from, from + n.length));
    }
  }
  for (const m of [...matches(COLLAR, text), ...matches(THEIR_NUMBER, text)]) {
    const n = m.groups?.number ?? '';
    const from = m.index + m[0].length - n.length;
    out.push(span('collar', from, from + n.length));
  }
  return out;
}
