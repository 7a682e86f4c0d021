import { describe, expect, it } from 'vitest';
import { financialYearOf, parsePeriod, shiftPeriod } from '../../src/measures/period.ts';

describe('periods on the UK financial year', () => {
  it('parses each kind', () => {
    expect(parsePeriod('2021/22-Q1')).toMatchObject({
      kind: 'quarter',
      start: '2021-04-01',
      end: '2021-07-01',
      months: ['2021-04', '2021-05', '2021-06'],
    });
    expect(parsePeriod('2021/22-Q4')).toMatchObject({ start: '2022-01-01', end: '2022-04-01' });
    expect(parsePeriod('2021-06')).toMatchObject({
      kind: 'month',
      start: '2021-06-01',
      end: '2021-07-01',
    });
    expect(parsePeriod('2021/22').months).toHaveLength(12);
    expect(parsePeriod('2021/22')).toMatchObject({ start: '2021-04-01', end: '2022-04-01' });
    expect(parsePeriod('12m-to-2021-06')).toMatchObject({
      kind: 'rolling',
      start: '2020-07-01',
      end: '2021-07-01',
    });
    expect(parsePeriod('ytd-to-2021-06')).toMatchObject({
      kind: 'ytd',
      start: '2021-04-01',
      end: '2021-07-01',
    });
    expect(parsePeriod('ytd-to-2022-02')).toMatchObject({ start: '2021-04-01', end: '2022-03-01' });
  });

  it('refuses what is not a period, saying what is', () => {
    for (const bad of ['2021/23', '2021/22-Q5', '2021-13', 'Q1', '40m-to-2021-06', '']) {
      expect(() => parsePeriod(bad), bad).toThrow(expect.objectContaining({ code: 'BAD_PERIOD' }));
    }
  });

  it('shifts periods for comparisons', () => {
    const q1 = parsePeriod('2021/22-Q1');
    expect(shiftPeriod(q1, -3).label).toBe('2020/21-Q4');
    expect(shiftPeriod(q1, -12).label).toBe('2020/21-Q1');
    expect(shiftPeriod(q1, -24).label).toBe('2019/20-Q1');
    expect(financialYearOf('2021-03')).toBe('2020/21');
    expect(financialYearOf('2021-04')).toBe('2021/22');
  });
});
