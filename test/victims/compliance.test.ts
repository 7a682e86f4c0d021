import { describe, expect, it } from 'vitest';
import { breakdown, summarise } from '../../src/victims/compliance.ts';
import {
  COMPONENTS,
  INFORMED_CODE,
  isCompliant,
  referralStanding,
  type AuditCase,
} from '../../src/victims/rule.ts';

// Seed 002's rule: a case complies when acknowledgement is Yes or N/A; updates timely Yes; VPS
// offered Yes or N/A; if a need was identified, referred within 2 days Yes or N/A; told of the end
// of the criminal justice journey Yes or N/A. Told about the Code is reported beside it.

let next = 0;
/** A case that meets everything; `over` changes what a test is about. */
function kase(over: Partial<AuditCase> = {}): AuditCase {
  return {
    caseId: `VC-${++next}`,
    auditedAt: '2021-05-14',
    lpa: 'North',
    crimeType: 'burglary',
    acknowledgement: 'yes',
    updatesTimely: 'yes',
    vpsOffered: 'yes',
    needIdentified: 'yes',
    referredWithin2Days: 'yes',
    referral: 'within_2_days',
    informedCode: 'yes',
    informedEndOfJourney: 'yes',
    sex: 'female',
    ageBand: '25-34',
    ethnicity: 'white',
    ...over,
  };
}

const verdicts = (c: AuditCase) => Object.fromEntries(COMPONENTS.map((k) => [k.id, k.verdict(c)]));

describe('the compliance rule, component by component', () => {
  it('a case meeting every component complies', () => {
    expect(isCompliant(kase())).toBe(true);
    expect(Object.values(verdicts(kase()))).toEqual(['met', 'met', 'met', 'met', 'met']);
  });

  it('acknowledgement: Yes or N/A', () => {
    expect(isCompliant(kase({ acknowledgement: 'n/a' }))).toBe(true);
    expect(verdicts(kase({ acknowledgement: 'n/a' })).acknowledgement).toBe('not_applicable');
    expect(isCompliant(kase({ acknowledgement: 'no' }))).toBe(false);
  });

  it('updates timely: Yes only — N/A is not met', () => {
    expect(verdicts(kase({ updatesTimely: 'n/a' })).updates_timely).toBe('not_met');
    expect(isCompliant(kase({ updatesTimely: 'n/a' }))).toBe(false);
    expect(isCompliant(kase({ updatesTimely: 'no' }))).toBe(false);
  });

  it('VPS offered: Yes or N/A', () => {
    expect(isCompliant(kase({ vpsOffered: 'n/a' }))).toBe(true);
    expect(isCompliant(kase({ vpsOffered: 'no' }))).toBe(false);
  });

  it('referral: only where a need was identified; then Yes or N/A', () => {
    const noNeed = kase({ needIdentified: 'no', referredWithin2Days: 'no', referral: null });
    expect(verdicts(noNeed).referral).toBe('not_applicable');
    expect(isCompliant(noNeed)).toBe(true);
    expect(isCompliant(kase({ needIdentified: 'n/a', referredWithin2Days: 'no' }))).toBe(true);
    expect(isCompliant(kase({ referredWithin2Days: 'n/a', referral: 'na' }))).toBe(true);
    expect(isCompliant(kase({ referredWithin2Days: 'no', referral: 'late' }))).toBe(false);
    expect(isCompliant(kase({ referredWithin2Days: 'no', referral: 'not_referred' }))).toBe(false);
    // A file made before `referral`: "no" alone still fails.
    expect(isCompliant(kase({ referredWithin2Days: 'no', referral: null }))).toBe(false);
  });

  it('told of the end of the criminal justice journey: Yes or N/A', () => {
    expect(isCompliant(kase({ informedEndOfJourney: 'n/a' }))).toBe(true);
    expect(isCompliant(kase({ informedEndOfJourney: 'no' }))).toBe(false);
  });

  it('told about the Code is outside compliance: a case can comply without it', () => {
    const c = kase({ informedCode: 'no' });
    expect(isCompliant(c)).toBe(true);
    expect(INFORMED_CODE.verdict(c)).toBe('not_met');
    expect(COMPONENTS.map((k) => k.id)).not.toContain('informed_code');
  });

  it('tells not referred from referred late, and says so when a case cannot tell', () => {
    expect(referralStanding(kase({ referredWithin2Days: 'no', referral: 'late' }))).toBe('late');
    expect(referralStanding(kase({ referredWithin2Days: 'no', referral: 'not_referred' }))).toBe(
      'not_referred',
    );
    expect(referralStanding(kase({ referredWithin2Days: 'no', referral: null }))).toBe(
      'not_told_apart',
    );
    expect(referralStanding(kase({ referral: null }))).toBe('within_2_days');
    expect(referralStanding(kase({ needIdentified: 'no', referral: 'late' }))).toBe('no_need');
  });
});

describe('a summary worked by hand', () => {
  // 10 cases: 1 VPS not offered, 1 update not timely (N/A), 2 referred late, 1 not referred,
  // 1 old-format "not within 2 days", 1 with no need, 3 not told about the Code (all else met).
  const cases = [
    kase(),
    kase({ vpsOffered: 'no' }),
    kase({ updatesTimely: 'n/a' }),
    kase({ referredWithin2Days: 'no', referral: 'late' }),
    kase({ referredWithin2Days: 'no', referral: 'late', informedCode: 'no' }),
    kase({ referredWithin2Days: 'no', referral: 'not_referred' }),
    kase({ referredWithin2Days: 'no', referral: null }),
    kase({ needIdentified: 'no', referredWithin2Days: 'n/a', referral: 'na' }),
    kase({ informedCode: 'no', acknowledgement: 'n/a' }),
    kase({ informedCode: 'no', vpsOffered: 'n/a' }),
  ];
  const s = summarise(cases);

  it('compliance: 4 of 10 — the first, the one with no need, and the two told nothing about the Code', () => {
    expect(s.cases).toBe(10);
    expect([s.compliance.x, s.compliance.n]).toEqual([4, 10]);
    expect(s.compliance.share).toBe(0.4);
    // Wilson 95% for 4/10: 0.1682 to 0.6873.
    expect(s.compliance.lower).toBeCloseTo(0.1682, 4);
    expect(s.compliance.upper).toBeCloseTo(0.6873, 4);
  });

  it('each component: met, not met, not applicable', () => {
    const by = Object.fromEntries(
      s.components.map((k) => [k.id, [k.met, k.notMet, k.notApplicable]]),
    );
    expect(by).toEqual({
      acknowledgement: [9, 0, 1],
      updates_timely: [9, 1, 0],
      vps_offered: [8, 1, 1],
      referral: [5, 4, 1],
      end_of_journey: [10, 0, 0],
    });
    const vps = s.components.find((k) => k.id === 'vps_offered')!;
    // Not offered, of the 9 cases where it applied.
    expect([vps.notMetOfApplicable.x, vps.notMetOfApplicable.n]).toEqual([1, 9]);
    expect([vps.metOfAll.x, vps.metOfAll.n]).toEqual([9, 10]);
  });

  it('told about the Code beside compliance: 7 of 10', () => {
    expect(s.informedCode.insideCompliance).toBe(false);
    expect([s.informedCode.met, s.informedCode.notMet]).toEqual([7, 3]);
  });

  it('referral: of 9 cases with a need, 5 within 2 days, 2 late, 1 not referred, 1 not told apart', () => {
    expect(s.referral.needIdentified).toBe(9);
    expect(s.referral.counts).toEqual({
      within_2_days: 5,
      late: 2,
      not_referred: 1,
      not_told_apart: 1,
      na: 0,
    });
    expect(s.referral.shares.late.share).toBeCloseTo(2 / 9, 12);
    expect(s.referral.shares.not_referred.share).toBeCloseTo(1 / 9, 12);
  });
});

describe('a breakdown by sex with Benjamini–Hochberg, worked by hand', () => {
  // Female 20 of 40 compliant, male 30 of 40, not recorded 5 of 10: 55 of 90 in all.
  const cases = [
    ...Array.from({ length: 40 }, (_, i) =>
      kase({ sex: 'female', vpsOffered: i < 20 ? 'yes' : 'no' }),
    ),
    ...Array.from({ length: 40 }, (_, i) =>
      kase({ sex: 'male', vpsOffered: i < 30 ? 'yes' : 'no' }),
    ),
    ...Array.from({ length: 10 }, (_, i) => kase({ sex: null, vpsOffered: i < 5 ? 'yes' : 'no' })),
  ];
  const b = breakdown(cases, 'compliance', 'sex');
  const g = (v: string | null) => b.groups.find((x) => x.value === v)!;

  it('tests each group against the rest with the pooled z-test', () => {
    expect(b.groups.map((x) => x.value)).toEqual(['male', 'female', null]);
    expect([b.overall.x, b.overall.n]).toEqual([55, 90]);
    // Female 0.5 vs the rest 35/50 = 0.7: pooled 55/90; SE = √(p̄(1−p̄)(1/40 + 1/50)) = 0.103414;
    // z = −0.2 / 0.103414 = −1.93398; two-sided p = 0.053116.
    expect(g('female').difference).toBeCloseTo(-0.2, 12);
    expect(g('female').pValue).toBeCloseTo(0.053116, 5);
    // Male 0.75 vs 25/50 = 0.5: z = 0.25 / 0.103414 = 2.41747; p = 0.015629.
    expect(g('male').pValue).toBeCloseTo(0.015629, 5);
    // Not recorded 0.5 vs 50/80: SE = √(p̄(1−p̄)(1/10 + 1/80)) = 0.163512; z = −0.76447; p = 0.444587.
    expect(g(null).pValue).toBeCloseTo(0.444587, 5);
  });

  it('adjusts the three p-values together (m = 3) and judges them at a 5% false discovery rate', () => {
    expect(b.tested).toBe(3);
    // Sorted: 0.015629·3/1 = 0.046887; 0.053116·3/2 = 0.079674; 0.444587·3/3 = 0.444587.
    expect(g('male').pAdjusted).toBeCloseTo(0.046887, 5);
    expect(g('female').pAdjusted).toBeCloseTo(0.079674, 5);
    expect(g(null).pAdjusted).toBeCloseTo(0.444587, 5);
    expect(g('male').direction).toBe('higher');
    expect(g('female').direction).toBeNull();
    // Unadjusted, female (p = 0.053) would be near the line; it is the adjustment that matters
    // for male: 0.0156 alone, 0.0469 after.
  });

  it('flags the small group', () => {
    expect(g(null).flags).toEqual(['small_group']);
    expect(g('male').flags).toEqual([]);
  });

  it('a component is tested on the cases it applies to only', () => {
    const withNa = [...cases, kase({ sex: 'male', vpsOffered: 'n/a' })];
    const vps = breakdown(withNa, 'vps_offered', 'sex');
    expect(vps.overall.n).toBe(90);
    expect(vps.groups.find((x) => x.value === 'male')!.n).toBe(40);
  });
});
