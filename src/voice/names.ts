/**
 * People's names in free text, read from the model's tokens (src/voice/nlp.ts): names the
 * writer introduces ("my name is …", "my son Tyler", "thanks to Zofia"), titled names ("Mrs
 * Jones"), known given names ("Sarah was lovely", with the surname after it), two proper nouns
 * together that are nobody's place or body ("Zoltan Kovacs"), and the force's own staff from
 * the gazetteer (src/voice/staff.ts), which are officers. Names after a rank are found with the
 * rank in src/voice/patterns.ts.
 */
import {
  AMBIGUOUS_NAMES,
  BODY_WORDS,
  GIVEN_NAMES,
  NOT_NAMES,
  NOT_STREET_WORDS,
  SURNAMES,
} from './lexicon.ts';
import type { Analysis, Token } from './nlp.ts';
import type { Span } from './spans.ts';
import type { StaffGazetteer } from './staff.ts';

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/));

/** Who a writer names by their relation to them: "my son Tyler", "our neighbour, Dave". */
const RELATIONS = set(
  'son daughter husband wife partner boyfriend girlfriend mum mother dad father brother sister neighbour neighbor friend carer colleague landlord landlady ex grandson granddaughter nephew niece uncle aunt auntie cousin nan nana grandad grandma grandpa grandmother grandfather child kid stepson stepdaughter stepdad stepmum flatmate housemate lodger boss manager mate fiance fiancee fiancé fiancée babysitter lad guy man woman bloke lady girl boy',
);
/** Cues after which the next word names someone even if nobody knows the name. */
const STRONG_CUES: readonly (readonly string[])[] = [
  ['my', 'name', 'is'],
  ['my', 'name', 'was'],
  ['my', 'names'],
  ['my', 'name', "'s"],
  ['my', 'name', '’s'],
  ['name', 'is'],
  ['called'],
  ['named'],
  ['known', 'as'],
  ['i', 'am'],
  ['i', "'m"],
  ['i', '’m'],
  ["i'm"],
  ['i’m'],
  ['im'],
];
/** Cues after which a capitalised proper noun is a person, unless a body word follows. */
const SOFT_CUES: readonly (readonly string[])[] = [
  ['thanks', 'to'],
  ['thank', 'you', 'to'],
  ['thank', 'you'],
  ['thanks'],
  ['shout', 'out', 'to'],
  ['spoke', 'to'],
  ['speak', 'to'],
  ['speaking', 'to'],
  ['spoken', 'to'],
  ['ask', 'for'],
  ['asked', 'for'],
  ['from'],
  ['and'],
  ['with'],
];
/** Words before a number that make it an officer's number. */
const COLLAR_CONTEXT = set(
  'officer officers his her their collar badge shoulder warrant epaulette pc pcso dc ds sgt',
);
/** Words that make a month name a month: "in May", "since June". */
const MONTH_CONTEXT = set(
  'in on of since until till by from last next early late mid this during before after end start beginning through throughout',
);
const MONTH_NAMES = set('may june april august');
/** Given names that are everyday words in lower case (not names unless capitalised). */
const LOWER_UNSAFE = set(
  'max jan gill jean milan lynn dean ross chris will mark bill rose grace hope faith joy dawn gene nick pat sue jack mike carol penny sandy rusty cliff glen dale heath terry kay jay lee amber ruby holly ivy lily poppy daisy iris violet autumn eve drew guy rich lance chase miles bob pearl crystal brook heather olive angel summer june april may august harley zara dee una tim tom sam ben dan ian joe jo liz kim ali eli',
);
/** Capitalised words of places and the names of things, never a person's first word. */
const PLACE_WORDS = set(
  'north south east west central upper lower great little new old saint st high market town city village bridge wharf green park castle church royal county general hall mill',
);
const STREET = set(
  'road rd street st avenue ave lane ln close drive dr way crescent court place gardens grove terrace walk square hill row mews view rise parade mount vale wharf yard fields park green gate',
);

/** Lower case without accents, as the word lists are written ("Zoë" → "zoe"). */
const fold = (w: string) => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
const lower = (t: Token) => fold(t.text);
const isCap = (t: Token) =>
  /^\p{Lu}[\p{Ll}\p{M}'’]*(?:\p{Lu}\p{Ll}+)?$/u.test(t.text) && /\p{Ll}/u.test(t.text);
const isWordTok = (t: Token | undefined): t is Token =>
  t !== undefined && t.isWord && /^\p{L}[\p{L}\p{M}'’]*$/u.test(t.text);
const common = (t: Token) =>
  NOT_NAMES.has(lower(t)) || BODY_WORDS.has(lower(t)) || STREET.has(lower(t));

function knownName(t: Token, staff: StaffGazetteer | undefined): boolean {
  const l = lower(t);
  return (
    GIVEN_NAMES.has(l) ||
    SURNAMES.has(l) ||
    (staff?.givens.has(l) ?? false) ||
    (staff?.families.has(l) ?? false)
  );
}

/** Does the token sequence `cue` end just before token i? */
function cueBefore(tokens: readonly Token[], i: number, cues: readonly (readonly string[])[]) {
  return cues.some((cue) => {
    if (i < cue.length) return false;
    return cue.every((w, k) => lower(tokens[i - cue.length + k] as Token) === w);
  });
}

/**
 * Extends a name from token i over a surname: up to two more capitalised words that are not
 * common words (a hyphenated surname is three tokens: "Smith", "-", "Jones"), or, when the
 * name was written in lower case, known surnames.
 */
function nameEnd(tokens: readonly Token[], i: number, staff: StaffGazetteer | undefined): number {
  let j = i;
  const lowerCase = !isCap(tokens[i] as Token);
  for (let extra = 0; extra < 2; extra++) {
    const next = tokens[j + 1];
    const hyphen = next?.text === '-' && next.start === (tokens[j] as Token).end;
    const after = hyphen ? tokens[j + 2] : next;
    if (!isWordTok(after) || after.sentenceStart || common(after)) break;
    if (hyphen && after.start !== next.end) break;
    if (lowerCase ? !knownName(after, staff) || !/^[a-z]/.test(after.text) : !isCap(after)) break;
    j = hyphen ? j + 2 : j + 1;
  }
  return j;
}

/** A body or place follows ("Northmoor team", "Victoria Station"): not a person. */
const bodyAfter = (tokens: readonly Token[], j: number) => {
  const next = tokens[j + 1];
  return next !== undefined && (BODY_WORDS.has(lower(next)) || STREET.has(lower(next)));
};

const NAME = String.raw`\p{Lu}\p{Ll}*(?:['’]\p{Lu}\p{Ll}+)?(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\p{M}\d])`;
const TITLE = String.raw`(?:[Mm]rs|[Mm]r|[Mm]s|[Mm]iss|[Mm]x|[Dd]r|Prof|Professor|Sir|Dame|Lady|Lord|Father|Reverend|Rev|[Aa]untie|[Aa]unty|[Aa]unt|[Uu]ncle|Nanna|Nana|Nan|Grandad|Grandma)`;
/** "Mrs Jones", "Dr A. Singh", "mr and mrs Wood", "Auntie Pam". */
const TITLED = new RegExp(
  String.raw`\b(?<title>${TITLE})\b\.?(?:\s+(?:and|&)\s+${TITLE}\b\.?)?\s+(?:[A-Z]\.?\s+)?(?<first>${NAME})(?:\s+(?<second>${NAME}))?`,
  'gdu',
);
/** Titles that are words first ("Lady", "Father"): only before a name the lexicon knows. */
const WORD_TITLES = set('Sir Dame Lady Lord Father');

function titled(text: string): Span[] {
  const out: Span[] = [];
  TITLED.lastIndex = 0;
  for (let m = TITLED.exec(text); m !== null; m = TITLED.exec(text)) {
    const g = m.groups ?? {};
    const at = m.indices?.groups ?? {};
    const first = fold(g.first ?? '');
    if (NOT_NAMES.has(first) || BODY_WORDS.has(first)) continue;
    if (WORD_TITLES.has(g.title ?? '') && !GIVEN_NAMES.has(first) && !SURNAMES.has(first)) continue;
    const second = fold(g.second ?? '');
    const withSecond =
      second !== '' && !NOT_NAMES.has(second) && !BODY_WORDS.has(second) && !STREET.has(second);
    const end = (withSecond ? at.second?.[1] : at.first?.[1]) ?? m.index + m[0].length;
    out.push({ kind: 'name', start: m.index, end });
    TITLED.lastIndex = end;
  }
  return out;
}

/**
 * A staff member's full name starting at token i, in any case, with a hyphenated family name
 * ("Dylan Morgan-Hughes") read across its tokens: the index of its last token, or -1.
 */
function staffFullName(tokens: readonly Token[], i: number, staff: StaffGazetteer): number {
  let joined = lower(tokens[i] as Token);
  for (let j = i + 1; j < Math.min(tokens.length, i + 6); j++) {
    const t = tokens[j] as Token;
    const glued = t.start === (tokens[j - 1] as Token).end;
    if (t.text === '-' && glued) joined += '-';
    else if (isWordTok(t)) joined += joined.endsWith('-') && glued ? lower(t) : ` ${lower(t)}`;
    else break;
    if (!joined.endsWith('-') && staff.fullNames.has(joined)) return j;
  }
  return -1;
}

export function names(text: string, nlp: Analysis, staff?: StaffGazetteer): Span[] {
  const out: Span[] = titled(text);
  const tokens = nlp.tokens;
  const push = (kind: 'name' | 'officer' | 'collar', i: number, j: number) =>
    out.push({ kind, start: (tokens[i] as Token).start, end: (tokens[j] as Token).end });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (/^\d{3,}$/.test(t.text)) {
      // A number the gazetteer holds as a collar number, where an officer's number is written.
      const before = tokens[i - 1]?.text === '(' ? tokens[i - 2] : tokens[i - 1];
      if (staff?.collars.has(t.text) && before && COLLAR_CONTEXT.has(lower(before)))
        push('collar', i, i);
      continue;
    }
    if (!isWordTok(t)) continue;
    const l = lower(t);
    const prev = tokens[i - 1];
    const next = tokens[i + 1];

    // The force's own staff: a full name in any case, a family name with its capital (unless the
    // writer gives it as their own name: "my name is Sarah Jones").
    const own = cueBefore(tokens, i, STRONG_CUES);
    const full = !own && staff ? staffFullName(tokens, i, staff) : -1;
    if (full > i) {
      push('officer', i, full);
      i = full;
      continue;
    }
    if (
      !own &&
      staff?.families.has(l) &&
      isCap(t) &&
      !common(t) &&
      (!t.sentenceStart || t.pos === 'PROPN') &&
      !bodyAfter(tokens, i) &&
      !(prev && isCap(prev) && PLACE_WORDS.has(lower(prev)))
    ) {
      push('officer', i, i);
      continue;
    }

    if (common(t) && !cueBefore(tokens, i, STRONG_CUES.slice(0, 6))) continue;

    // A name the writer gives: "my name is sarah jones", "I'm Owen", "my son Tyler".
    if (cueBefore(tokens, i, STRONG_CUES)) {
      const anyCase = cueBefore(tokens, i, STRONG_CUES.slice(0, 6));
      const iAm = !anyCase && !cueBefore(tokens, i, [['called'], ['named'], ['known', 'as']]);
      const ok = anyCase
        ? !common(t) &&
          !NOT_STREET_WORDS.has(l) &&
          (isCap(t) || knownName(t, staff) || t.pos === 'PROPN' || t.pos === 'NOUN')
        : isCap(t) && (!iAm || knownName(t, staff) || t.pos === 'PROPN');
      if (ok && !bodyAfter(tokens, i)) {
        push('name', i, nameEnd(tokens, i, staff));
        continue;
      }
    }
    const relation =
      prev &&
      (RELATIONS.has(lower(prev)) ||
        (prev.text === ',' && RELATIONS.has(lower(tokens[i - 2] ?? prev))));
    if (
      relation &&
      (isCap(t) || (knownName(t, staff) && !LOWER_UNSAFE.has(l))) &&
      !bodyAfter(tokens, i)
    ) {
      push('name', i, nameEnd(tokens, i, staff));
      continue;
    }

    // A known given name.
    const given = GIVEN_NAMES.has(l) || (staff?.givens.has(l) ?? false);
    if (given) {
      const j = nameEnd(tokens, i, staff);
      const withSurname = j > i;
      if (bodyAfter(tokens, j) || (prev && /^(?:st|saint)$/i.test(prev.text))) continue;
      if (!isCap(t)) {
        if (!AMBIGUOUS_NAMES.has(l) && !LOWER_UNSAFE.has(l) && l.length >= 3) push('name', i, j);
        continue;
      }
      if (AMBIGUOUS_NAMES.has(l)) {
        const monthLike =
          MONTH_NAMES.has(l) &&
          ((prev !== undefined && MONTH_CONTEXT.has(lower(prev))) || /^\d/.test(next?.text ?? ''));
        const evidence =
          withSurname ||
          (!t.sentenceStart && t.pos === 'PROPN') ||
          cueBefore(tokens, i, SOFT_CUES.slice(0, 10));
        if (evidence && !monthLike) push('name', i, j);
        continue;
      }
      push('name', i, j);
      continue;
    }

    // Someone thanked or spoken to by a name nobody listed: a capitalised proper noun.
    if (
      isCap(t) &&
      t.pos === 'PROPN' &&
      !t.sentenceStart &&
      cueBefore(tokens, i, SOFT_CUES.slice(0, 10))
    ) {
      const j = nameEnd(tokens, i, staff);
      if (!bodyAfter(tokens, j) && !PLACE_WORDS.has(l)) {
        push('name', i, j);
        continue;
      }
    }
    // Two proper nouns together, neither a place word nor a body: "Zoltan Kovacs".
    if (
      isCap(t) &&
      !t.sentenceStart &&
      t.pos === 'PROPN' &&
      !PLACE_WORDS.has(l) &&
      isWordTok(next) &&
      isCap(next) &&
      next.pos === 'PROPN' &&
      !common(next) &&
      !PLACE_WORDS.has(lower(next)) &&
      !bodyAfter(tokens, i + 1) &&
      !(prev && isCap(prev))
    ) {
      push('name', i, i + 1);
      i++;
    }
  }
  return out;
}
