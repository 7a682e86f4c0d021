import { describe, expect, it } from 'vitest';
import { BluelampError } from '../../src/lib/errors.ts';
import { parseSpcInput, runSpc, spcOutputSchema } from '../../src/stats/spc-contract.ts';

/** The error thrown by fn; fails the test if nothing is thrown. */
function thrown(fn: () => unknown): BluelampError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BluelampError);
    return e as BluelampError;
  }
  throw new Error('expected an error');
}

// 12 baseline points (12, 10 six times: mean 11, AMR 2, limits 5.68 … 16.32), then 3 more.
const y = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 15, 17, 4];
/** 2020-01 … 2020-12, 2021-01 … 2021-03 */
const periods = y.map(
  (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);

describe('runSpc output', () => {
  const input = parseSpcInput(
    JSON.stringify({
      y,
      periods,
      improvementDirection: 'decrease',
      fixAfterNPoints: 12,
      target: 20,
    }),
    'json',
    'series.json',
  );
  const out = runSpc(input);

  it('has exactly the contract fields and passes its own schema', () => {
    expect(spcOutputSchema.parse(out)).toEqual(out);
    expect(Object.keys(out)).toEqual(['groups', 'points', 'variationIcon', 'assuranceIcon']);
    expect(Object.keys(out.groups[0]!)).toEqual([
      'firstPoint',
      'nPoints',
      'mean',
      'amr',
      'lpl',
      'upl',
      'twoSigmaLower',
      'twoSigmaUpper',
      'oneSigmaLower',
      'oneSigmaUpper',
      'shortGroupWarning',
    ]);
    expect(Object.keys(out.points[0]!)).toEqual([
      'period',
      'y',
      'group',
      'outside',
      'relativeToMean',
      'close',
      'specialCauseType',
      'pointType',
    ]);
  });

  it('carries the analysis', () => {
    expect(out.groups[0]).toMatchObject({ firstPoint: 1, nPoints: 15, mean: 11, amr: 2 });
    expect(out.groups[0]!.shortGroupWarning).toBe(false);
    // 15: close (above 14.55) but no window of 3 around it is all above (10 before, 4 after);
    // 17 > 16.32 and 4 < 5.68. With improvement = decrease, above is concern.
    expect(out.points.slice(12)).toEqual([
      {
        period: '2021-01',
        y: 15,
        group: 1,
        outside: false,
        relativeToMean: 1,
        close: true,
        specialCauseType: 'Common Cause',
        pointType: 'common_cause',
      },
      {
        period: '2021-02',
        y: 17,
        group: 1,
        outside: true,
        relativeToMean: 1,
        close: false,
        specialCauseType: 'Above UCL',
        pointType: 'special_cause_concern',
      },
      {
        period: '2021-03',
        y: 4,
        group: 1,
        outside: true,
        relativeToMean: -1,
        close: false,
        specialCauseType: 'Below LCL',
        pointType: 'special_cause_improvement',
      },
    ]);
    expect(out.variationIcon).toBe('special_cause_improvement');
    expect(out.assuranceIcon).toBe('consistent_pass'); // target 20 > 16.32, decrease
  });

  it('leaves period out when no periods were given; nulls for a one-point group', () => {
    const o = runSpc(
      parseSpcInput('{"y": [3], "fixAfterNPoints": null, "target": null}', 'json', 'x'),
    );
    expect('period' in o.points[0]!).toBe(false);
    expect(o.groups[0]).toMatchObject({ amr: null, lpl: null, upl: null, shortGroupWarning: true });
    expect(o.assuranceIcon).toBeNull();
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });

  it('rebaseAtPoint starts 1-based groups', () => {
    const o = runSpc(parseSpcInput(JSON.stringify({ y, rebaseAtPoint: [13] }), 'json', 'x'));
    expect(o.groups.map((g) => [g.firstPoint, g.nPoints])).toEqual([
      [1, 12],
      [13, 3],
    ]);
    expect(o.points.map((p) => p.group)).toEqual([...new Array(12).fill(1), 2, 2, 2]);
  });
});

describe('parseSpcInput JSON validation', () => {
  it('reports every problem at once, each with its path', () => {
    const text = JSON.stringify({
      y: [1, 'a', 3],
      periods: ['2021-01', '2021-01'],
      improvementDirection: 'up',
      fixAfterNPoints: 6,
      rebaseAtPoint: [1, 9],
      target: 'x',
      colour: 'red',
    });
    const e = thrown(() => parseSpcInput(text, 'json', 'series.json'));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.exitCode).toBe(2);
    expect(e.issues.map((i) => i.column).sort()).toEqual(
      [
        'y[1]',
        'improvementDirection',
        'fixAfterNPoints',
        'rebaseAtPoint[0]',
        'rebaseAtPoint[1]',
        'target',
        'colour',
        'periods',
        'periods[1]',
      ].sort(),
    );
    expect(e.message).toMatch(/^series\.json: invalid SPC input, 9 problems:/);
    for (const path of ['y[1]', 'periods[1]', 'rebaseAtPoint[1]', 'colour', 'fixAfterNPoints']) {
      expect(e.message).toContain(`column ${path} `);
    }
    expect(e.message).toContain('duplicate period (also periods[0])');
    expect(e.message).toContain('point 9 is past the last point (3)');
    expect(e.message).toContain('has 2 entries but y has 3');
    expect(e.message).toContain('must be at least 12');
  });

  it('needs y with at least one number, as an object', () => {
    expect(thrown(() => parseSpcInput('{"y": []}', 'json', 'x')).message).toContain(
      'needs at least one value',
    );
    expect(thrown(() => parseSpcInput('{}', 'json', 'x')).issues[0]!.column).toBe('y');
    expect(thrown(() => parseSpcInput('[1, 2]', 'json', 'x')).issues[0]!.column).toBe(
      '(top level)',
    );
  });

  it('fixAfterNPoints must be whole; screenOutliers boolean', () => {
    const e = thrown(() =>
      parseSpcInput('{"y": [1, 2], "fixAfterNPoints": 12.5, "screenOutliers": "yes"}', 'json', 'x'),
    );
    expect(e.issues.map((i) => [i.column, i.rule])).toEqual([
      ['screenOutliers', 'Invalid input: expected boolean, received string'],
      ['fixAfterNPoints', 'must be a whole number'],
    ]);
  });

  it('says when the text is not JSON', () => {
    const e = thrown(() => parseSpcInput('{"y": [1, 2', 'json', 'series.json'));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/^series\.json: not valid JSON/);
  });
});

describe('parseSpcInput CSV', () => {
  it('reads period,value rows (BOM, CRLF, quotes, trailing blank line)', () => {
    const text = '\uFEFFperiod,value\r\n2021-01,5\r\n"2021-02",6.5\r\n2021-03,-1e1\r\n\r\n';
    expect(parseSpcInput(text, 'csv', 'in.csv')).toEqual({
      y: [5, 6.5, -10],
      periods: ['2021-01', '2021-02', '2021-03'],
    });
  });

  it('accepts the columns in either order', () => {
    expect(parseSpcInput('Value,Period\n5,2021-01\n', 'csv', 'in.csv')).toEqual({
      y: [5],
      periods: ['2021-01'],
    });
  });

  it('reports every bad row with its line and field', () => {
    const text = [
      'period,value', // line 1
      '2021-01,5',
      '2021-02,abc',
      '2021-03,',
      '2021-01,7',
      '2021-05,1,2',
      '"2021-06,3',
      ',4',
      '2021-09,Infinity',
    ].join('\n');
    const e = thrown(() => parseSpcInput(text, 'csv', 'in.csv'));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.issues.map((i) => [i.line, i.column, i.value, i.rule])).toEqual([
      [3, 'value', 'abc', 'is not a number'],
      [4, 'value', null, 'is empty; every period needs a value'],
      [5, 'period', '2021-01', 'duplicate period (first on line 2)'],
      [6, '(row)', '2021-05,1,2', 'expected 2 fields (period,value), found 3'],
      [7, '(row)', '"2021-06,3', 'a quoted field is not closed'],
      [8, 'period', null, 'is empty'],
      [9, 'value', 'Infinity', 'is not a number'],
    ]);
    expect(e.message).toContain('in.csv:3 column value value "abc": is not a number');
    expect(e.message).toContain('in.csv:5 column period value "2021-01": duplicate period');
  });

  it('rejects a wrong header and a file with no rows', () => {
    const header = thrown(() => parseSpcInput('month,count\n2021-01,5\n', 'csv', 'in.csv'));
    expect(header.issues).toEqual([
      {
        file: 'in.csv',
        line: 1,
        column: '(header)',
        value: 'month,count',
        rule: 'the header must name the two columns period,value',
      },
    ]);
    expect(thrown(() => parseSpcInput('period,value\n', 'csv', 'in.csv')).message).toContain(
      'has no data rows',
    );
  });

  it('a parsed CSV runs', () => {
    const text = ['period,value', ...y.map((v, i) => `${periods[i]},${v}`)].join('\n');
    const out = runSpc(parseSpcInput(text, 'csv', 'in.csv'));
    expect(out.points).toHaveLength(15);
    expect(out.points[14]).toMatchObject({ period: '2021-03', specialCauseType: 'Below LCL' });
  });
});
