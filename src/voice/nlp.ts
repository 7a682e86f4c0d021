import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';

/**
 * The language model behind the name and date detection: wink-nlp with its English lite model
 * (an npm package, loaded from node_modules; nothing is downloaded). It gives tokens with their
 * part of speech, sentences and date and email entities. The model takes about a tenth of a
 * second to load, so it is loaded on first use, not when a command that never redacts starts.
 */

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Universal part-of-speech tag (PROPN, NOUN, VERB, …). */
  readonly pos: string;
  /** First word of its sentence (its capital may be the sentence's, not a name's). */
  readonly sentenceStart: boolean;
  readonly isWord: boolean;
}

export interface Analysis {
  /** Word, number and punctuation tokens; whitespace left out. */
  readonly tokens: readonly Token[];
  /** Character ranges the model reads as dates ("3rd March 1985", "12/03/1985"). */
  readonly dates: readonly { start: number; end: number }[];
  /** Character ranges the model reads as email addresses. */
  readonly emails: readonly { start: number; end: number }[];
}

let nlp: WinkMethods | null = null;

function model(): WinkMethods {
  if (nlp) return nlp;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (m: unknown, pipe: string[]) => WinkMethods;
  // Sentences, parts of speech and entities only: negation and sentiment are not needed.
  nlp = winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'pos', 'ner']);
  return nlp;
}

/** Tokens, parts of speech, sentences and entities of one text, with character offsets. */
export function analyse(text: string): Analysis {
  const m = model();
  const its = m.its;
  const doc = m.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += (spaces[i] ?? '').length;
    starts.push(at);
    at += (values[i] ?? '').length;
    ends.push(at);
  }
  // wink is lossless (spaces + values rebuild the text); if a future version is not, the offsets
  // would point at the wrong characters, so the model's view is dropped rather than trusted.
  if (at !== text.length) return { tokens: [], dates: [], emails: [] };
  const sentenceFirst = new Set<number>();
  for (const [first] of doc.sentences().out(its.span) as [number, number][]) {
    let i = first;
    while (i < values.length && (types[i] === 'punctuation' || types[i] === 'tabCRLF')) i++;
    sentenceFirst.add(i);
  }
  const tokens: Token[] = [];
  for (let i = 0; i < values.length; i++) {
    if (types[i] === 'tabCRLF') continue;
    tokens.push({
      text: values[i] ?? '',
      start: starts[i] ?? 0,
      end: ends[i] ?? 0,
      pos: pos[i] ?? '',
      sentenceStart: sentenceFirst.has(i),
      isWord: types[i] === 'word',
    });
  }
  const entities = doc.entities();
  const spans = entities.out(its.span) as [number, number][];
  const kinds = entities.out(its.type) as string[];
  const range = ([a, b]: [number, number]) => ({ start: starts[a] ?? 0, end: ends[b] ?? 0 });
  return {
    tokens,
    dates: spans.filter((_, i) => kinds[i] === 'DATE').map(range),
    emails: spans.filter((_, i) => kinds[i] === 'EMAIL').map(range),
  };
}
