import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';

/**
 * How a comment is read for its themes and its sentiment: wink-nlp with its English lite model
 * (npm packages, nothing downloaded), with the negation and sentiment steps the redaction's own
 * instance (src/voice/nlp.ts) leaves out. Loaded on first use (about a tenth of a second), so a
 * command that never reads comments never pays for it.
 *
 * The text read is always already redacted: the tags ("[officer]", "[phone]") are dropped here,
 * so a tag's word never matches a theme ("[phone]" is not about the phone line).
 */

/** One word (or number) of a comment, as the matcher compares it. */
export interface Word {
  /** Lower case, as written ("updated"). */
  readonly normal: string;
  /** The model's lemma for the word in its sentence ("update"). */
  readonly lemma: string;
  /** The Porter stem ("updat"): catches forms the lemma leaves whole ("Updating was good"). */
  readonly stem: string;
  /** Under a negation ("not", "never", "n't") in its sentence, as wink marks it. */
  readonly negated: boolean;
  /** Which sentence it is in (0-based); a phrase never spans two. */
  readonly sentence: number;
}

export interface Reading {
  readonly words: readonly Word[];
  /** At least 1. */
  readonly sentences: number;
  /**
   * wink's sentiment of the whole text, −1 to 1: each sentiment word carries its lexicon value
   * (AFINN's −5…5 over 5: "good" 0.6, "please" 0.2), flipped under a negation; a sentence
   * scores the mean of its words, the text the mean of its sentences.
   */
  readonly winkScore: number;
}

let nlp: WinkMethods | null = null;

function model(): WinkMethods {
  if (nlp) return nlp;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (m: unknown, pipe: string[]) => WinkMethods;
  nlp = winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'negation', 'sentiment', 'pos']);
  return nlp;
}

/** Reads one (redacted) text: its words with lemma, stem, negation and sentence, and wink's score. */
export function readText(text: string): Reading {
  const m = model();
  const its = m.its;
  const doc = m.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.normal) as string[];
  const lemmas = tokens.out(its.lemma as never) as string[];
  const stems = tokens.out(its.stem as never) as string[];
  const types = tokens.out(its.type) as string[];
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentenceOf = (i: number) => {
    const s = spans.findIndex(([a, b]) => i >= a && i <= b);
    return s < 0 ? 0 : s;
  };
  const words: Word[] = [];
  let inTag = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    // A redaction tag is "[", one word, "]": skipped whole.
    if (v === '[' && values[i + 2] === ']' && types[i + 1] === 'word') {
      inTag = true;
      continue;
    }
    if (inTag) {
      if (v === ']') inTag = false;
      continue;
    }
    if (types[i] !== 'word' && types[i] !== 'number') continue;
    words.push({
      normal: v,
      lemma: (lemmas[i] ?? v).toLowerCase(),
      stem: (stems[i] ?? v).toLowerCase(),
      negated: negations[i] === true,
      sentence: sentenceOf(i),
    });
  }
  const score = doc.out(its.sentiment) as unknown as number;
  return {
    words,
    sentences: Math.max(1, spans.length),
    winkScore: Number.isFinite(score) ? score : 0,
  };
}
