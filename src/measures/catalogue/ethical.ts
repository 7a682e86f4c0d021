import { measure, type MeasureEntry } from '../definition.ts';
import type { MeasureInput } from '../definition.ts';
import type { ColumnName } from '../vocabulary.ts';

/** 3. Delivering an ethical service (seed 003 §3; letters 000 and 001). */
const recorded = <const I extends string>(
  id: I,
  column: ColumnName,
  what: string,
  subject: string,
): MeasureEntry<I> => ({
  id,
  title: `Victims with ${what} recorded`,
  family: 'recorded_characteristic',
  phrase: { subject, base: ['victim', 'victims'] },
  tier: 'gold',
  area: 'ethical',
  unit: 'percent',
  polarity: 'higher_is_better',
  definition: `Victims of crimes recorded in the period whose ${what} is recorded (not blank), ÷ all victims of those crimes.`,
  compute: {
    kind: 'ratio',
    numerator: { source: 'victims', where: { col: column, isNull: false } },
    denominator: { source: 'victims' },
  },
  target: { description: '100% recorded', direction: 'at_least', value: 1 },
  owner: 'Head of Crime Registry',
  seed: '000',
});

export const ETHICAL_MEASURES = [
  measure({
    id: 'cdi_compliance',
    phrase: {
      subject: 'Crime data integrity compliance',
      base: ['crime that should have been recorded', 'crimes that should have been recorded'],
    },
    title: 'Crime data integrity',
    tier: 'gold',
    area: 'ethical',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      'Crime data integrity audits: crimes recorded ÷ crimes that should have been recorded, over the financial year to date. Audited for the whole force.',
    compute: {
      kind: 'ratio',
      numerator: { source: 'cdi_audits', sum: 'crimes_recorded' },
      denominator: { source: 'cdi_audits', sum: 'crimes_expected' },
    },
    window: { kind: 'ytd' },
    scope: 'force',
    target: {
      description:
        'Over 90% of crimes recorded (the 2019 inspection judged the force good at over 90%)',
      direction: 'at_least',
      value: 0.9,
    },
    breakdowns: [],
    spc: null,
    owner: 'Force Crime Registrar',
    seed: '001',
  }),
  recorded('recorded_ethnicity', 'ethnicity', 'ethnicity', 'Ethnicity recording for victims'),
  recorded('recorded_sex', 'sex', 'sex', 'Sex recording for victims'),
  recorded('recorded_dob', 'date_of_birth', 'date of birth', 'Date of birth recording for victims'),
] satisfies MeasureInput[];
