/**
 * What a reader tripped on in the quarterly report (issue 7, "Fix what a reader trips on"):
 * raw codes, p-values as percentages, "Good looks like: Lower is better — —" and "No value for
 * this period" above a full table. Each is checked on the shared formatter every view uses.
 */
import { describe, expect, it } from 'vitest';
import {
  formatPValue,
  goodLooksLikeText,
  isPValueColumn,
  label,
  noValueNotice,
  vocabularyOfColumn,
} from '../../src/present/format.ts';
import { SURVEYS, ETHNICITY, SEX, CRIME_FLAGS } from '../../src/facts/tables.ts';
import { SCORECARD_CRIME_GROUPS } from '../../src/facts/reference/offence-subgroups.ts';
import { OUTCOME_TYPES } from '../../src/facts/reference/outcome-groups.ts';
import { outcomesTable, satBurglary, valReferralRate } from '../report/fixtures/results.ts';
import { genericTable } from '../../src/report/tables.ts';
import { variationIconText } from '../../src/report/spc-text.ts';

describe('label(): codes as words', () => {
  it('reads the codes seen in the report as words', () => {
    expect(label('rtc', 'survey')).toBe('Road traffic collision');
    expect(label('sms', 'survey')).toBe('SMS contact survey');
    expect(label('not_stated', 'ethnicity')).toBe('Not stated');
    expect(label('asian', 'ethnicity')).toBe('Asian');
    expect(label('domestic_abuse')).toBe('Domestic abuse');
  });

  it('mends codes an older formatter already capitalised ("Rtc", "Sms")', () => {
    expect(label('Rtc')).toBe('Road traffic collision');
    expect(label('Sms')).toBe('SMS contact survey');
    expect(label('Not_stated')).toBe('Not stated');
  });

  it('takes labels from the reference data where it names the code', () => {
    expect(label('violence_with_injury', 'scorecard_group')).toBe('Violence with injury');
    expect(label('misc_crimes_against_society')).toBe('Miscellaneous crimes against society');
    const sixteen = OUTCOME_TYPES.find((o) => o.outcomeType === '16');
    expect(sixteen).toBeDefined();
    expect(label('16', 'outcome_type')).toBe(sixteen?.shortName);
  });

  it('has a word for every code of the vocabularies a reader sees', () => {
    const codes: [string, Parameters<typeof label>[1]][] = [
      ...SURVEYS.map((c) => [c, 'survey'] as [string, 'survey']),
      ...ETHNICITY.map((c) => [c, 'ethnicity'] as [string, 'ethnicity']),
      ...SEX.map((c) => [c, 'sex'] as [string, 'sex']),
      ...CRIME_FLAGS.map((c) => [c, 'crime_flag'] as [string, 'crime_flag']),
      ...SCORECARD_CRIME_GROUPS.map((c) => [c, 'scorecard_group'] as [string, 'scorecard_group']),
    ];
    for (const [code, vocabulary] of codes) {
      const words = label(code, vocabulary);
      expect(words, `${vocabulary}: ${code}`).not.toMatch(/_/);
      expect(words, `${vocabulary}: ${code}`).toMatch(/^[A-Z0-9]/);
    }
  });

  it('leaves text that is already words alone, and is idempotent', () => {
    expect(label('Charged or summonsed')).toBe('Charged or summonsed');
    expect(label('Northmoor')).toBe('Northmoor');
    expect(label(label('rtc'))).toBe('Road traffic collision');
    expect(label('other')).toBe('Other');
    expect(label('other', 'ethnicity')).toBe('Other ethnic group');
    expect(label('lpa_share')).toBe('LPA share');
  });

  it('knows the vocabulary of a column or breakdown dimension by its name', () => {
    expect(vocabularyOfColumn('survey')).toBe('survey');
    expect(vocabularyOfColumn('ethnicity')).toBe('ethnicity');
    expect(vocabularyOfColumn('age_band')).toBe('age_band');
    expect(vocabularyOfColumn('count')).toBeNull();
  });
});

describe('p-values as p-values', () => {
  it('writes p = 0.03 and p < 0.001, never a percentage', () => {
    expect(formatPValue(0.0312)).toBe('p = 0.03');
    expect(formatPValue(0.00042)).toBe('p < 0.001');
    expect(formatPValue(0.0041)).toBe('p = 0.004');
    expect(formatPValue(0.5)).toBe('p = 0.50');
    expect(formatPValue(0.998)).toBe('p > 0.99');
    for (const p of [0.0312, 0.00042, 0.5, 0.2]) expect(formatPValue(p)).not.toContain('%');
  });

  it('recognises p-value columns by name', () => {
    expect(isPValueColumn('p_vs_rest')).toBe(true);
    expect(isPValueColumn('p_value')).toBe(true);
    expect(isPValueColumn('p')).toBe(true);
    expect(isPValueColumn('pct')).toBe(false);
    expect(isPValueColumn('population')).toBe(false);
  });
});

describe('what good looks like, without dangling dashes', () => {
  it('says "no target set" when there is no target', () => {
    const text = goodLooksLikeText({
      target: {
        description: 'Lower is better',
        value: null,
        band: null,
        direction: 'none',
        baseline: null,
      },
      status: 'no_target',
      polarity: 'lower_is_better',
      value: 12,
    });
    expect(text).toBe('Lower is better; no target set');
    expect(text).not.toMatch(/[—–]/);
  });

  it('names the direction when there is no target at all', () => {
    expect(
      goodLooksLikeText({
        target: null,
        status: 'no_target',
        polarity: 'higher_is_better',
        value: 1,
      }),
    ).toBe('Higher is better; no target set');
  });

  it('gives the target and its status when there is one', () => {
    const text = goodLooksLikeText(satBurglary);
    expect(satBurglary.target).not.toBeNull();
    expect(text).toMatch(/; (met|not met|near the target)$/);
    expect(text).not.toMatch(/— —|—$/);
  });
});

describe('"No value for this period" only when there is nothing', () => {
  it('is silent for a table-shaped result with rows but no headline value', () => {
    const tableOnly = { ...outcomesTable, value: null };
    expect(outcomesTable.table?.rows.length ?? 0).toBeGreaterThan(0);
    expect(noValueNotice(tableOnly)).toBeNull();
  });

  it('is silent when there is a value', () => {
    expect(noValueNotice(valReferralRate)).toBeNull();
  });

  it('speaks when there is truly nothing', () => {
    expect(
      noValueNotice({ ...satBurglary, value: null, table: null, breakdown: [], series: [] }),
    ).toBe('No value for this period.');
  });
});

describe('tables read codes and p-values as words', () => {
  // The engine's respondent breakdown table (src/measures/evaluate/breakdowns.ts).
  const test = {
    numerator: null,
    denominator: null,
    lower: null,
    upper: null,
    rest_value: null,
    z_vs_rest: null,
  };
  const groups = [
    { dimension: 'ethnicity', group: 'asian', value: 0.71, p_vs_rest: 0.0312, significant: true },
    {
      dimension: 'ethnicity',
      group: 'not_stated',
      value: 0.64,
      p_vs_rest: 0.00042,
      significant: true,
    },
    { dimension: 'survey', group: 'rtc', value: 0.8, p_vs_rest: 0.5, significant: false },
    { dimension: 'survey', group: 'sms', value: 0.75, p_vs_rest: 0.2, significant: false },
  ];
  const rows = groups.map((g) => ({ ...test, ...g }));
  const html = genericTable({ kind: 'group_breakdown', rows }, 'Satisfaction by group', 'percent');

  it('shows each group in words', () => {
    for (const words of ['Asian', 'Not stated', 'Road traffic collision', 'SMS contact survey'])
      expect(html).toContain(`>${words}<`);
    expect(html).not.toMatch(/>(asian|not_stated|Rtc|Sms|rtc|sms)</);
  });

  it('shows p-values as p-values, not percentages', () => {
    expect(html).toContain('p = 0.03');
    expect(html).toContain('p &lt; 0.001');
    expect(html).not.toContain('3.1%');
    expect(html).not.toContain('>0.0%<');
    // the value column is still a percentage
    expect(html).toContain('71.0%');
  });
});

describe('the variation icon says what it judges', () => {
  it('names the latest month against its limits, not the change on last year', () => {
    const icon = variationIconText('special_cause_improvement', 'Above UCL', '2021-06');
    expect(icon.text).toBe('Latest month against its limits: improving (high)');
    expect(icon.short).toBe('Improving (high)');
    expect(variationIconText('common_cause', 'Common Cause', '2021/22-Q1').text).toBe(
      'Latest quarter against its limits: common cause (no signal)',
    );
    expect(variationIconText('special_cause_concern', 'Below LCL').text).toBe(
      'Latest month against its limits: concern (low)',
    );
    expect(variationIconText('special_cause_neutral_high', 'Above UCL', '2021/22').text).toBe(
      'Latest point against its limits: unusually high',
    );
  });
});
