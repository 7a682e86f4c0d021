import { matchesOf, type CompiledPhrase } from './match.ts';
import type { Reading } from './reading.ts';

/**
 * A comment's sentiment: wink-nlp's score (src/themes/reading.ts) plus the framework's
 * police-contact cues, phrases wink's general lexicon does not score ("never called back",
 * "had to chase", "took three days"). A cue's weight is in wink's own unit (one word of AFINN
 * strength 2 is 0.4), flipped when the cue's first word is under a negation ("did not believe
 * me" turns "believe" +0.4 into −0.4), and spread over the sentences as wink spreads its own:
 *
 *   score = clamp(wink + Σ cue weights / sentences, −1, 1), rounded to three places.
 *
 * Labels: neutral when |score| < NEUTRAL_BAND. Why 0.1: the weakest word wink scores carries
 * 0.2, so a comment is called positive or negative only with at least half of one weak word per
 * sentence on its side once everything is summed: one "please" in a two-sentence comment
 * (0.1) counts, one in a three-sentence comment (0.067) does not, and praise and complaint
 * that cancel ("kind but slow") land in neutral. A wider band (0.2) would call a lone "fine"
 * ("Nothing, it was fine", 0.4 over two sentences = 0.2) neutral at its edge; a narrower one
 * would let rounding noise of mixed comments decide.
 */

export const NEUTRAL_BAND = 0.1;

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

export interface Sentiment {
  /** −1 (most negative) to 1. */
  readonly score: number;
  readonly label: SentimentLabel;
}

export interface CompiledCue {
  readonly phrase: CompiledPhrase;
  readonly weight: number;
}

export function labelOf(score: number): SentimentLabel {
  if (Math.abs(score) < NEUTRAL_BAND) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

export function sentimentOf(reading: Reading, cues: readonly CompiledCue[]): Sentiment {
  let cueSum = 0;
  for (const c of cues)
    for (const at of matchesOf(reading, c.phrase))
      cueSum += reading.words[at]?.negated ? -c.weight : c.weight;
  const raw = reading.winkScore + cueSum / reading.sentences;
  const score = Math.round(Math.min(1, Math.max(-1, raw)) * 1000) / 1000 || 0;
  return { score, label: labelOf(score) };
}
