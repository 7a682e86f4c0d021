import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatInterval,
  formatMonthRange,
  formatPercent,
  formatPercentPair,
  formatPeriodLabel,
  formatPoints,
  formatRelativeChange,
  formatShortPeriod,
  formatValue,
  lowerFirst,
  monthsOfWindow,
  plural,
  windowPhrase,
} from '../../src/present/format.ts';

describe('en-GB formatting', () => {
  it('counts with thousands separators and a true minus', () => {
    expect(formatCount(21009)).toBe('21,009');
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(-1721)).toBe('−1,721');
    expect(formatCount(-0.2)).toBe('0');
  });

  it('percentages from fractions, never reading a part as none or all', () => {
    expect(formatPercent(0.3589)).toBe('36%');
    expect(formatPercent(0.3589, 1)).toBe('35.9%');
    expect(formatPercent(0.996)).toBe('99.6%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercentPair(0.6893, 0.6909)).toEqual(['68.9%', '69.1%']);
    expect(formatPercentPair(0.76, 0.74)).toEqual(['76%', '74%']);
  });

  it('intervals, points and relative changes', () => {
    expect(formatInterval(0.7092, 0.8037)).toBe('71–80%');
    expect(formatInterval(0, 0.1611)).toBe('0–16%');
    expect(formatPoints(0.0186)).toBe('+1.9 pts');
    expect(formatPoints(-0.0016)).toBe('−0.2 pts');
    expect(formatPoints(0)).toBe('0.0 pts');
    expect(formatRelativeChange(-0.0227)).toBe('−2%');
    expect(formatRelativeChange(0.5629)).toBe('+56%');
    expect(formatRelativeChange(0.001)).toBe('+0.1%');
  });

  it('values by unit', () => {
    expect(formatValue(0.333, 'percent')).toBe('33.3%');
    expect(formatValue(176.42, 'mean')).toBe('176.4');
    expect(formatValue(12.25, 'days')).toBe('12.3 days');
    expect(formatValue(null, 'count')).toBe('—');
  });

  it('plurals', () => {
    expect(plural(1, 'outcome')).toBe('1 outcome');
    expect(plural(2, 'outcome')).toBe('2 outcomes');
    expect(plural(1, 'casualty', 'casualties')).toBe('1 casualty');
    expect(plural(19170, 'casualty', 'casualties')).toBe('19,170 casualties');
  });

  it('lower-cases a description for mid-sentence use, but not acronyms or proper nouns', () => {
    expect(lowerFirst('A sustained 20% reduction')).toBe('a sustained 20% reduction');
    expect(lowerFirst('CPS files')).toBe('CPS files');
    expect(lowerFirst("Victims' Code compliance")).toBe("Victims' Code compliance");
    expect(lowerFirst('80% answered')).toBe('80% answered');
  });
});

describe('periods and windows', () => {
  it('period labels as a reader says them', () => {
    expect(formatPeriodLabel('2021/22-Q1')).toBe('Q1 2021/22');
    expect(formatPeriodLabel('2021-06')).toBe('June 2021');
    expect(formatPeriodLabel('2021/22')).toBe('2021/22');
    expect(formatPeriodLabel('6m-to-2021-03')).toBe('6 months to March 2021');
    expect(formatPeriodLabel('ytd-to-2021-06')).toBe('year to June 2021');
    expect(formatPeriodLabel('something else')).toBe('something else');
    expect(formatPeriodLabel('2019-04 to 2019-06')).toBe('Q1 2019/20');
    expect(formatPeriodLabel('2020-04 to 2021-03')).toBe('2020/21');
    expect(formatPeriodLabel('2020-10 to 2021-03')).toBe('October 2020 to March 2021');
    expect(formatPeriodLabel('2021-03 to 2021-03')).toBe('March 2021');
    expect(formatPeriodLabel('end of 2021-06')).toBe('end of June 2021');
    expect(formatShortPeriod('2021-06')).toBe('Jun 21');
    expect(formatShortPeriod('2019/20-Q3')).toBe('Q3 19/20');
  });

  it('windows with exclusive or inclusive ends', () => {
    expect(monthsOfWindow('2021-04-01', '2021-07-01')).toEqual(['2021-04', '2021-05', '2021-06']);
    expect(monthsOfWindow('2021-04-01', '2021-06-30')).toEqual(['2021-04', '2021-05', '2021-06']);
    expect(windowPhrase({ start: '2021-04-01', end: '2021-07-01' })).toBe('in Q1 2021/22');
    expect(windowPhrase({ start: '2022-01-01', end: '2022-04-01' })).toBe('in Q4 2021/22');
    expect(windowPhrase({ start: '2021-01-01', end: '2021-07-01' })).toBe(
      'over the 6 months to June 2021',
    );
    expect(windowPhrase({ start: '2020-04-01', end: '2021-04-01' })).toBe('in 2020/21');
    expect(windowPhrase({ start: '2021-06-01', end: '2021-07-01' })).toBe('in June 2021');
    expect(windowPhrase({ label: 'end of 2021-06', start: '2021-06-01', end: '2021-07-01' })).toBe(
      'at the end of June 2021',
    );
    expect(windowPhrase({ start: '2021-06-30', end: '2021-06-30' })).toBe('at 30 June 2021');
    expect(formatMonthRange(['2021-04', '2021-05', '2021-06'])).toBe('April to June 2021');
    expect(formatMonthRange(['2020-07', '2021-06'])).toBe('July 2020 to June 2021');
  });

  it('date-times in London time whatever the offset, across BST changes', () => {
    expect(formatDateTime('2021-07-05T08:15:00Z')).toBe('5 July 2021, 09:15');
    expect(formatDateTime('2021-01-05T08:15:00Z')).toBe('5 January 2021, 08:15');
    // clocks went forward at 01:00 UTC on 28 March 2021
    expect(formatDateTime('2021-03-28T00:59:00Z')).toBe('28 March 2021, 00:59');
    expect(formatDateTime('2021-03-28T01:00:00Z')).toBe('28 March 2021, 02:00');
    // and back at 01:00 UTC on 31 October 2021
    expect(formatDateTime('2021-10-31T00:30:00Z')).toBe('31 October 2021, 01:30');
    expect(formatDateTime('2021-10-31T01:30:00Z')).toBe('31 October 2021, 01:30');
    expect(formatDateTime('2021-07-05T09:15:00')).toBe('5 July 2021, 09:15');
    expect(formatDateTime('2021-03-26')).toBe('26 March 2021');
    expect(formatDateTime('2021-07-13 12:27:00')).toBe('13 July 2021, 12:27');
  });
});
