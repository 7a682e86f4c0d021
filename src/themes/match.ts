import { readText, type Reading, type Word } from './reading.ts';

/**
 * Phrases of a framework (themes and sentiment cues), compiled once and matched against a
 * comment's words. A phrase is one or more words; `*` between two words stands for up to
 * `GAP_WORDS` words ("keep * informed" matches "kept me informed", "kept us all informed"). A
 * comment's word matches a phrase word (written in its base form) when it is that word, its
 * lemma is that word or both have the same Porter stem, so "update" matches "updated",
 * "updating", "updates" and "Updating" (which the model reads as a noun and leaves
 * unlemmatised), and "take" matches "took". Punctuation is ignored ("follow-up" is "follow up"); a
 * phrase never runs across two sentences.
 */

export const GAP_WORDS = 3;

type Term = { readonly kind: 'word'; readonly normal: string; readonly stem: string };
type Step = Term | { readonly kind: 'gap' };

export interface CompiledPhrase {
  readonly phrase: string;
  readonly steps: readonly Step[];
}

/** A phrase read by the same model as the comments; its words are compared by form. */
export function compilePhrase(phrase: string): CompiledPhrase {
  const steps: Step[] = [];
  phrase
    .trim()
    .split('*')
    .forEach((part, i) => {
      if (i > 0) steps.push({ kind: 'gap' });
      for (const w of readText(part).words)
        steps.push({ kind: 'word', normal: w.normal, stem: w.stem });
    });
  return { phrase: phrase.trim(), steps };
}

/** Whether the compiled phrase has a word to match (a phrase of punctuation alone has none). */
export const hasWords = (p: CompiledPhrase): boolean => p.steps.some((s) => s.kind === 'word');

// The phrase's words are taken as written (base forms: "update", "take"): a comment's word
// matches as written, by its lemma ("updated" → "update", "took" → "take") or by its stem. The
// phrase word's own lemma is not used: the model lemmatises "better" to "good", and "be better"
// must not match "was good".
const same = (w: Word, t: Term) =>
  w.normal === t.normal || w.lemma === t.normal || w.stem === t.stem;

function matchFrom(words: readonly Word[], at: number, steps: readonly Step[], k: number): boolean {
  if (k === steps.length) return true;
  const step = steps[k] as Step;
  if (step.kind === 'gap') {
    for (let skip = 0; skip <= GAP_WORDS; skip++) {
      const next = at + skip;
      if (next > words.length) break;
      if (skip > 0 && words[next - 1]?.sentence !== words[at - 1]?.sentence) break;
      if (matchFrom(words, next, steps, k + 1)) return true;
    }
    return false;
  }
  const w = words[at];
  if (!w || !same(w, step)) return false;
  if (k > 0 && words[at - 1]?.sentence !== w.sentence) return false;
  return matchFrom(words, at + 1, steps, k + 1);
}

/** Where the phrase matches: the index of each match's first word (matches may overlap). */
export function matchesOf(reading: Reading, p: CompiledPhrase): number[] {
  const out: number[] = [];
  if (!hasWords(p)) return out;
  for (let i = 0; i < reading.words.length; i++)
    if (matchFrom(reading.words, i, p.steps, 0)) out.push(i);
  return out;
}
