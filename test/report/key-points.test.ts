import { describe, expect, it } from 'vitest';
import { MeasureResult } from '../../src/measures/result.ts';
import {
  breakdownSentence,
  headlineSentence,
  keyPoints,
  otherComparisonSentences,
  spcSentences,
  targetSentence,
} from '../../src/report/key-points.ts';
import {
  calls999,
  crimeResidentialBurglary,
  crimeTotal,
  femaleOfficers,
  ksi,
  oc16Rate,
  openInvestigations,
  outcomesTable,
  priorityHate,
  satBurglary,
  satViolent,
  valReferralRate,
} from './fixtures/results.ts';

describe('key points: exact sentences', () => {
  it('survey satisfaction with n, Wilson CI, window and an overlap-adjusted comparison', () => {
    expect(headlineSentence(satBurglary)).toBe(
      'Burglary victim satisfaction was 76% (n = 312, 95% CI 71–80%) over the 6 months to June 2021, not significantly different from 74% a quarter earlier.',
    );
    expect(otherComparisonSentences(satBurglary)).toEqual([
      'Burglary victim satisfaction was up from 68% a year earlier, a statistically significant change (p = 0.028).',
    ]);
  });

  it('uses one decimal when whole percentages would hide a difference', () => {
    expect(headlineSentence(satViolent)).toBe(
      'Violent crime victim satisfaction was 68.9% (n = 280, 95% CI 63–74%) over the 6 months to June 2021, not significantly different from 69.1% a quarter earlier.',
    );
    expect(otherComparisonSentences(satViolent)).toEqual([
      'Violent crime victim satisfaction was not significantly different from 62% a year earlier.',
    ]);
  });

  it('a share of an administrative count, against the same quarter two years ago', () => {
    expect(headlineSentence(oc16Rate)).toBe(
      'Outcome 16 was 36% of the 19,170 outcomes assigned in Q1 2021/22, up from 29% in Q1 2019/20.',
    );
  });

  it('a share with numerator and denominator, against the previous month', () => {
    expect(headlineSentence(valReferralRate)).toBe(
      'The Victim Advice Line referral rate was 23% (1,313 of 5,805 victim-based crimes) in June 2021, down from 24% in May 2021.',
    );
    expect(headlineSentence(calls999)).toBe(
      '999 calls answered within 10 seconds were 94% of the 16,600 calls offered in June 2021, the same as in May 2021.',
    );
  });

  it('counts with thousands separators, relative and absolute change and plural nouns', () => {
    expect(headlineSentence(crimeTotal)).toBe(
      'Total recorded crime was 21,009 in Q1 2021/22, down 2% (488 fewer crimes) on Q1 2019/20 (21,497).',
    );
    expect(headlineSentence(priorityHate)).toBe(
      'Hate crimes and crimed incidents were 708 in Q1 2021/22, up 56% (255 more crimes and crimed incidents) on Q1 2019/20 (453).',
    );
    expect(headlineSentence(outcomesTable)).toBe(
      'Outcomes assigned were 19,170 in Q1 2021/22, down 8% (1,721 fewer outcomes) on Q1 2019/20 (20,891).',
    );
    expect(headlineSentence(ksi)).toBe(
      'Killed or seriously injured casualties were 117 in Q1 2021/22, down 6% (7 fewer casualties) on Q1 2019/20 (124).',
    );
  });

  it('singular nouns for a change of one', () => {
    const one = MeasureResult.parse({
      ...ksi,
      value: 123,
      comparisons: [{ ...ksi.comparisons[0], absoluteChange: -1, relativeChange: -0.0081 }],
    });
    expect(headlineSentence(one)).toBe(
      'Killed or seriously injured casualties were 123 in Q1 2021/22, down 1% (1 fewer casualty) on Q1 2019/20 (124).',
    );
  });

  it('a point-in-time count', () => {
    expect(headlineSentence(openInvestigations)).toBe(
      'Open investigations were 10,096 at 30 June 2021, up 14% (1,221 more investigations) on April 2021 (8,875).',
    );
  });

  it('a return without a comparison', () => {
    expect(keyPoints(femaleOfficers)).toEqual([
      'The share of officers who are women was 33.3% (763 of 2,291) in Q1 2021/22.',
      'This meets what good looks like (above the national average (31%)).',
    ]);
  });

  it('keeps a decimal for small shares', () => {
    const small = MeasureResult.parse({
      ...oc16Rate,
      value: 0.029,
      numerator: 556,
      comparisons: [],
    });
    expect(headlineSentence(small)).toBe(
      'Outcome 16 was 2.9% of the 19,170 outcomes assigned in Q1 2021/22.',
    );
  });

  it("reads the measure engine's period and window labels", () => {
    const engineStyle = MeasureResult.parse({
      ...openInvestigations,
      window: { label: 'end of 2021-06', start: '2021-06-01', end: '2021-07-01' },
      comparisons: [{ ...openInvestigations.comparisons[0], period: '2021-03 to 2021-03' }],
    });
    expect(headlineSentence(engineStyle)).toBe(
      'Open investigations were 10,096 at the end of June 2021, up 14% (1,221 more investigations) on March 2021 (8,875).',
    );
    const quarter = MeasureResult.parse({
      ...crimeTotal,
      comparisons: [{ ...crimeTotal.comparisons[0], period: '2019-04 to 2019-06' }],
    });
    expect(headlineSentence(quarter)).toBe(
      'Total recorded crime was 21,009 in Q1 2021/22, down 2% (488 fewer crimes) on Q1 2019/20 (21,497).',
    );
    const rolling = MeasureResult.parse({
      ...satBurglary,
      window: { label: '6 months to 2021-06', start: '2021-01-01', end: '2021-07-01' },
      comparisons: [{ ...satBurglary.comparisons[0], period: '2020-10 to 2021-03' }],
    });
    expect(headlineSentence(rolling)).toBe(
      'Burglary victim satisfaction was 76% (n = 312, 95% CI 71–80%) over the 6 months to June 2021, not significantly different from 74% a quarter earlier.',
    );
  });

  it('target status in words', () => {
    expect(targetSentence(satBurglary)).toBe(
      'This does not meet what good looks like (80% completely or very satisfied (rolling 6 months)).',
    );
    expect(targetSentence(satViolent)).toBe(
      'This is close to what good looks like (70% completely or very satisfied (rolling 6 months)) but does not meet it.',
    );
    expect(targetSentence(ksi)).toBe(
      'This does not meet what good looks like (a sustained 20% reduction on 2019/20).',
    );
    expect(targetSentence(oc16Rate)).toBeNull();
  });

  it('SPC: special cause, assurance and short groups', () => {
    expect(spcSentences(calls999)).toEqual([
      'The latest point (June 2021, 94.0%) is above the upper process limit: special cause variation, an improvement (limits: XmR, Making Data Count rules).',
      'The target lies within the process limits, so it will be met in some periods and missed in others.',
      'Some of the limits rest on fewer than 13 points, so read signals with caution.',
    ]);
    expect(spcSentences(crimeResidentialBurglary)).toEqual([
      'The latest point (Q1 2021/22, 469) is below the lower process limit: special cause variation, an improvement (limits: Mean ± 2 SD of 2019/20 (legacy)).',
    ]);
    expect(spcSentences(crimeTotal)).toEqual([
      'The latest point (Q1 2021/22) shows common cause variation (limits: Mean ± 2 SD of 2019/20 (legacy)). 3 of the 9 points charted show special cause variation.',
    ]);
  });

  it('the range across local policing areas', () => {
    expect(breakdownSentence(satBurglary)).toBe(
      'Across the 5 local policing areas it ranged from 65% in Southvale to 87% in Westmoor.',
    );
    expect(breakdownSentence(crimeTotal)).toBeNull();
  });

  it('no key points without a value', () => {
    const none = MeasureResult.parse({ ...satBurglary, value: null, status: 'no_data' });
    expect(keyPoints(none)).toEqual([]);
  });

  it('flags a significance test whose bases are too small', () => {
    const small = MeasureResult.parse({
      ...satBurglary,
      comparisons: [
        {
          ...satBurglary.comparisons[1],
          significance: {
            test: 'two_proportion_z',
            z: 2.1,
            p: 0.0357,
            significant: true,
            normalApproxOk: false,
          },
        },
      ],
    });
    expect(headlineSentence(small)).toBe(
      'Burglary victim satisfaction was 76% (n = 312, 95% CI 71–80%) over the 6 months to June 2021, up from 68% a year earlier, a statistically significant change (p = 0.036), though the bases are too small for the test to be reliable.',
    );
  });
});
