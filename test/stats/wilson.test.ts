import { describe, expect, it } from 'vitest';
import { wilson } from '../../src/stats/wilson.ts';

describe('wilson', () => {
  it('SPC.md: 412/520 → 0.7923, 95% CI 0.7554–0.8250', () => {
    // p = 0.792308, z²/n = 3.841459/520 = 0.0073874;
    // centre = (0.792308 + 0.0036937)/1.0073874 = 0.790164;
    // half = (1.959964/1.0073874)·√(0.792308·0.207692/520 + 3.841459/(4·520²)) = 0.034804.
    const w = wilson(412, 520)!;
    expect(w.p).toBeCloseTo(0.7923, 4);
    expect(w.lower).toBeCloseTo(0.7554, 4);
    expect(w.upper).toBeCloseTo(0.825, 4);
  });

  it('SPC.md: 0/20 → 0–0.1611', () => {
    // p = 0: upper = (z²/2n)·2/(1 + z²/n) = 0.19207/1.19207 = 0.16113.
    const w = wilson(0, 20)!;
    expect(w.lower).toBe(0);
    expect(w.upper).toBeCloseTo(0.1611, 4);
  });

  it('20/20 mirrors 0/20', () => {
    const w = wilson(20, 20)!;
    expect(w.upper).toBe(1);
    expect(w.lower).toBeCloseTo(1 - 0.16112515805281938, 12);
  });

  it('a wider interval for a higher confidence', () => {
    const w95 = wilson(412, 520)!;
    const w99 = wilson(412, 520, 2.5758293035489)!;
    expect(w99.lower).toBeLessThan(w95.lower);
    expect(w99.upper).toBeGreaterThan(w95.upper);
  });

  it('n = 0 has no estimate: null', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => wilson(21, 20)).toThrow(RangeError);
    expect(() => wilson(-1, 20)).toThrow(RangeError);
    expect(() => wilson(1.5, 20)).toThrow(RangeError);
  });
});
