/**
 * Adversarial fact sets (seeded, hundreds of them): small cells in LPA breakdowns, monthly
 * series against period totals, comparisons, SPC, outcome tables with shares, the age profile
 * against its total, crime groups against crime_total across results and the crime table. After
 * `suppressForPublic`: no count of 1–4 is printed, no withheld count can be worked out by an
 * attacker who works every sum, difference and share, and no rate over a base of 1–4 remains.
 * The same checks run against naive primary-only suppression, which they must catch.
 */
import { describe, expect, it } from 'vitest';
import { MeasureResult } from '../../src/measures/result.ts';
import { suppressForPublic } from '../../src/present/disclosure.ts';
import {
  factSet,
  naiveSuppress,
  pinned,
  printed,
  recover,
  smallCountsAnywhere,
  smallCountsPrinted,
} from './disclosure-support.ts';

const SEEDS = Array.from({ length: 300 }, (_, k) => 1000 + k);

/** Each seed's fact set and its suppressed output, made once for all the tests. */
const cache = new Map<
  number,
  { m: ReturnType<typeof factSet>; out: ReturnType<typeof suppressForPublic> }
>();
function generated(seed: number) {
  let c = cache.get(seed);
  if (!c) {
    const m = factSet(seed);
    c = { m, out: suppressForPublic(m.results) };
    cache.set(seed, c);
  }
  return c;
}

describe('suppressForPublic on adversarial fact sets', () => {
  it('prints no count of 1–4 anywhere in the output JSON', () => {
    for (const seed of SEEDS) {
      const { m, out } = generated(seed);
      expect(smallCountsPrinted(m, out), `seed ${seed}`).toEqual([]);
      expect(smallCountsAnywhere(out), `seed ${seed}`).toEqual([]);
      for (const r of out) for (const w of r.warnings) expect(w).not.toMatch(/\b[1-4] responses\b/);
    }
  });

  it('leaves no withheld count recoverable from totals, differences or shares', () => {
    let withheld = 0;
    for (const seed of SEEDS) {
      const { m, out } = generated(seed);
      expect(recover(m, out), `seed ${seed}`).toEqual([]);
      withheld += [...m.counts.keys()].filter((id) => printed(out, id) === null).length;
    }
    // The generator really does make small cells to protect.
    expect(withheld).toBeGreaterThan(SEEDS.length * 10);
  });

  it('leaves no withheld count pinned by bounds ("fewer than 5" is 1–4, withheld is 5+)', () => {
    // Bounds take longer to settle: a third of the seeds.
    for (const seed of SEEDS.slice(0, 100)) {
      const { m, out } = generated(seed);
      expect(pinned(m, out), `seed ${seed}`).toEqual([]);
    }
  });

  it('withholds every rate, interval and numerator over a base of 1–4', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { m, out } = generated(seed);
      for (const id of m.smallBase) {
        expect(printed(out, id), `seed ${seed} ${id}`).toBeNull();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps the output within the result contract, with a reason for each withheld field', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const { m, out } = generated(seed);
      for (const [i, r] of out.entries()) {
        expect(MeasureResult.safeParse(r).success).toBe(true);
        expect(r.lineage).toEqual({ sql: [], rowCounts: {} });
        for (const path of Object.keys(r.disclosure.suppressed)) {
          if (path === 'spc.points') continue;
          expect(printed(out, `${i}/${path}`), `seed ${seed} ${i}/${path}`).toBeNull();
        }
      }
      // Every count the output nulls is explained by the map.
      for (const id of m.counts.keys()) {
        if (printed(out, id) !== null) continue;
        const [i, path] = [Number(id.split('/')[0]), id.slice(id.indexOf('/') + 1)];
        if (path.startsWith('spc.points')) continue;
        expect(out[i]?.disclosure.suppressed[path], `seed ${seed} ${id}`).toBeDefined();
      }
    }
  });

  it('is deterministic and does not change its input', () => {
    const m = factSet(7);
    const before = structuredClone(m.results);
    const a = suppressForPublic(m.results);
    const b = suppressForPublic(m.results);
    expect(a).toEqual(b);
    expect(m.results).toEqual(before);
  });
});

describe('the checks catch naive suppression (control)', () => {
  it('primary-only suppression leaks by differencing in most fact sets', () => {
    let leaking = 0;
    for (const seed of SEEDS) {
      const m = factSet(seed);
      const out = naiveSuppress(m);
      expect(smallCountsPrinted(m, out)).toEqual([]);
      if (recover(m, out).length > 0) leaking++;
    }
    expect(leaking).toBeGreaterThan(SEEDS.length * 0.9);
  });

  it('primary suppression with derived figures but no complementary cells still leaks', () => {
    let leaking = 0;
    for (const seed of SEEDS) {
      const m = factSet(seed);
      if (recover(m, naiveSuppress(m, true)).length > 0) leaking++;
    }
    expect(leaking).toBeGreaterThan(SEEDS.length * 0.9);
  });
});
