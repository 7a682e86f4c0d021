/** The demo's building blocks: seeded random numbers, wall-clock formatting, CSV quoting. */
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatTs,
  month,
  monthIndexOf,
  quarterLabel,
  secOf,
} from '../../src/demo/calendar.ts';
import { Rng, WeightedTable, normalCdf, normalQuantile } from '../../src/demo/random.ts';
import { csvField } from '../../src/demo/write-csv.ts';

describe('Rng', () => {
  it('is deterministic per seed and stream, and streams differ', () => {
    const a = new Rng(1, 'x');
    const b = new Rng(1, 'x');
    const c = new Rng(1, 'y');
    const d = new Rng(2, 'x');
    const seq = (r: Rng) => Array.from({ length: 5 }, () => r.nextUint32());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
    expect(seq(d)).not.toEqual(sa);
  });

  it('draws with the right means (uniform 0.5, Poisson 3 and 250, normal 0/1, weighted 1:3) within 2%', () => {
    const r = new Rng(7, 'moments');
    const N = 50_000;
    const mean = (f: () => number) => Array.from({ length: N }, f).reduce((s, x) => s + x, 0) / N;
    expect(mean(() => r.next())).toBeCloseTo(0.5, 1);
    expect(Math.abs(mean(() => r.poisson(3)) - 3)).toBeLessThan(0.06);
    expect(Math.abs(mean(() => r.poisson(250)) - 250)).toBeLessThan(5);
    expect(Math.abs(mean(() => r.normal()))).toBeLessThan(0.02);
    expect(Math.abs(mean(() => r.normal() ** 2) - 1)).toBeLessThan(0.02);
    const t = new WeightedTable(['a', 'b'], [1, 3]);
    expect(Math.abs(mean(() => (t.pick(r) === 'b' ? 1 : 0)) - 0.75)).toBeLessThan(0.015);
    const parts = r.multinomial(117, [30, 31, 30]);
    expect(parts.reduce((s, x) => s + x, 0)).toBe(117);
  });

  it('normal quantile inverts the normal CDF', () => {
    for (const p of [0.01, 0.1, 0.5, 0.76, 0.99])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 5);
  });
});

describe('calendar', () => {
  it('formats wall-clock times without offset, and months from April 2018', () => {
    expect(formatTs(secOf(2021, 6, 30, 23, 59, 59))).toBe('2021-06-30T23:59:59');
    expect(formatDate(secOf(1975, 2, 3) / 86400)).toBe('1975-02-03');
    expect(month(0).label).toBe('2018-04');
    expect(month(47).label).toBe('2022-03');
    expect(month(36)).toMatchObject({
      fy: '2021/22',
      quarter: 1,
      fyMonth: 0,
      quarterIndex: 12,
      days: 30,
    });
    expect(monthIndexOf('2021-06')).toBe(38);
    expect(quarterLabel(12)).toBe('2021/22-Q1');
  });

  it('never writes a time in the spring-forward gap, and keeps order across it (BST starts 2021-03-28)', () => {
    expect(formatTs(secOf(2021, 3, 28, 1, 30, 0))).toBe('2021-03-28T02:00:00');
    expect(formatTs(secOf(2021, 3, 28, 0, 59, 59))).toBe('2021-03-28T00:59:59');
    expect(formatTs(secOf(2021, 3, 28, 2, 10, 0)) >= formatTs(secOf(2021, 3, 28, 1, 50, 0))).toBe(
      true,
    );
    // The autumn change repeats 01:00–01:59, which exists: written as is.
    expect(formatTs(secOf(2021, 10, 31, 1, 30, 0))).toBe('2021-10-31T01:30:00');
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and newlines (RFC 4180), writes booleans and empty nulls', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.333)).toBe('0.333');
  });
});
