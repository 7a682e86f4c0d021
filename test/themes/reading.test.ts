import { describe, expect, it } from 'vitest';
import { readComment } from '../../src/themes/comments.ts';
import { defaultFramework, parseFramework } from '../../src/themes/framework.ts';
import { compilePhrase, matchesOf } from '../../src/themes/match.ts';
import { readText } from '../../src/themes/reading.ts';
import { labelOf, NEUTRAL_BAND, sentimentOf } from '../../src/themes/sentiment.ts';

const fw = defaultFramework();
const sentiment = (text: string) => sentimentOf(readText(text), fw.cues);
const themes = (text: string, f = fw) =>
  readComment(
    {
      id: 'S-1:went_well',
      survey: 'burglary',
      question: 'went_well',
      month: '2021-04',
      lpa: 'North',
      text,
    },
    f,
  ).themes;
const matches = (phrase: string, text: string) =>
  matchesOf(readText(text), compilePhrase(phrase)).length;

describe('sentiment of a comment', () => {
  it.each([
    '[officer] was brilliant and kept me informed',
    'Officers were professional and respectful',
    'Quick response, they arrived within the hour',
    'They believed me',
  ])('"%s" is positive', (text) => {
    const s = sentiment(text);
    expect(s.label).toBe('positive');
    expect(s.score).toBeGreaterThanOrEqual(NEUTRAL_BAND);
  });

  it.each([
    'Not happy with the response',
    '[officer] never called back',
    'Nobody told me what happened in the end',
    'Took three days for anyone to come out',
    'They did not believe me',
    'More updates please',
  ])('"%s" is negative', (text) => {
    const s = sentiment(text);
    expect(s.label).toBe('negative');
    expect(s.score).toBeLessThanOrEqual(-NEUTRAL_BAND);
  });

  it.each([
    'Email me instead: [email]',
    'Please call me back on [phone]',
    'Reply to [email] please',
  ])('"%s" is neutral', (text) => {
    const s = sentiment(text);
    expect(s.label).toBe('neutral');
    expect(Math.abs(s.score)).toBeLessThan(NEUTRAL_BAND);
  });

  it('turns a cue round under a negation: believed +, not believed −, by the cue’s weight', () => {
    expect(sentiment('They believed me').score).toBe(0.4);
    expect(sentiment('They did not believe me').score).toBe(-0.4);
  });

  it('spreads cues over the sentences, as wink does its words', () => {
    // "never" (−0.4) in one of two sentences that wink scores 0.
    expect(sentiment('He never rang. It was a Tuesday.').score).toBe(-0.2);
  });

  it('labels by the band: neutral strictly inside ±0.1', () => {
    expect(labelOf(0.099)).toBe('neutral');
    expect(labelOf(-0.099)).toBe('neutral');
    expect(labelOf(0.1)).toBe('positive');
    expect(labelOf(-0.1)).toBe('negative');
    expect(labelOf(0)).toBe('neutral');
  });

  it('keeps the score within −1…1', () => {
    const s = sentiment('Quick, quick, quick and straight away, as promised, within the hour');
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.score).toBeGreaterThan(0.9);
  });
});

describe('theme matching', () => {
  it.each([
    'He kept me updated',
    'They were updating me weekly',
    'Updating was good',
    'No updates at all',
    'I got one update',
  ])('"%s" is about communication (every form of "update")', (text) => {
    expect(themes(text)).toContain('communication');
  });

  it('matches a past tense by its lemma: "take * day" in "Took three days"', () => {
    expect(themes('Took three days for anyone to come out')).toEqual(['timeliness']);
  });

  it('gives a comment every theme it touches, in the framework’s order', () => {
    expect(themes('101 took over 40 minutes to answer and they were rude')).toEqual([
      'timeliness',
      'attitude',
      'access',
    ]);
    expect(themes('Nothing, it was fine')).toEqual([]);
  });

  it('never matches a redaction tag’s word: "[phone]" is not about the phone line', () => {
    expect(themes('Please ring me on [phone]')).toEqual([]);
    expect(themes('I rang them on the phone')).toEqual(['access']);
  });

  it('reads * as up to three words, within one sentence', () => {
    expect(matches('keep * informed', 'kept us all informed')).toBe(1);
    expect(matches('keep * informed', 'kept me informed')).toBe(1);
    expect(matches('keep * informed', 'kept us all very well informed')).toBe(0);
    expect(matches('keep * informed', 'They kept on. Informed nobody.')).toBe(0);
    expect(matches('follow up', 'The follow-up visit')).toBe(1);
  });

  it('does not take a phrase word’s lemma: "be better" is not "was good"', () => {
    expect(matches('be better', 'It could be better')).toBe(1);
    expect(matches('be better', 'It was good')).toBe(0);
  });

  it('uses a force’s own framework', () => {
    const own = parseFramework(
      {
        name: 'Our themes',
        themes: [
          { id: 'visibility', label: 'Visibility', phrases: ['patrol', 'visible', 'see * police'] },
          { id: 'updates', label: 'Updates', phrases: ['update'] },
        ],
        sentimentCues: [],
      },
      'themes.json',
    );
    expect(themes('More visible patrols in the area', own)).toEqual(['visibility']);
    expect(themes('We never see the police round here', own)).toEqual(['visibility']);
    expect(themes('Kept me updated', own)).toEqual(['updates']);
    expect(themes('Quick response', own)).toEqual([]);
    // No cues: wink's score alone ("never" is not counted).
    expect(sentimentOf(readText('He never rang'), own.cues).score).toBe(0);
  });
});
