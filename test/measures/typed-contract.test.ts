import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reference from '../../src/facts/reference/police-reference.json' with { type: 'json' };
import { OUTCOME_TYPE_CODES } from '../../src/facts/reference/outcome-groups.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import {
  CATALOGUE,
  isMeasureId,
  measureId,
  type MeasureId,
} from '../../src/measures/catalogue/index.ts';
import type { Filter, MeasureInput } from '../../src/measures/definition.ts';
import { catalogue, findMeasure, loadCatalogue } from '../../src/measures/load-catalogue.ts';
import { REPORT_LAYOUT, subsectionIds } from '../../src/report/layout.ts';
import { phraseFor } from '../../src/report/key-points.ts';

/**
 * The contract from the engine to the views, checked twice: by the compiler (the
 * `@ts-expect-error` lines fail `tsc` if the mistake below them ever compiles) and at run time.
 */

// --- compile time: these lines must not compile (tsc runs over test/) ------------------------

// @ts-expect-error: a misspelt measure id is not a MeasureId
const misspeltId: MeasureId = 'crime_tabel';
const knownId: MeasureId = 'sat_stage_domestic_abuse_follow_up';

// @ts-expect-error: "Resedential burglary" is not an offence subgroup
const misspeltSubgroup: Filter = {
  col: 'offence_subgroup',
  in: ['Homicide', 'Resedential burglary'],
};
// @ts-expect-error: 16B is not a Home Office outcome type
const misspeltOutcome: Filter = {
  col: 'outcome_type',
  eq: '16B',
};
// @ts-expect-error: "domestic_abuses" is not a column (nor a crime flag)
const misspeltFlag: Filter = { col: 'domestic_abuses', eq: true };
// @ts-expect-error: "burglry" is not a survey
const misspeltSurvey: Filter = {
  col: 'survey',
  in: ['burglry'],
};
// @ts-expect-error: scorecard groups are snake_case ids
const misspeltGroup: Filter = {
  col: 'scorecard_group',
  eq: 'Residential burglary',
};
const wellFormed: Filter = {
  all: [
    { col: 'offence_subgroup', in: ['Homicide', 'Residential burglary'] },
    { col: 'outcome_type', eq: '16' },
    { col: 'hate', eq: true },
    { col: 'survey', in: ['burglary', 'perception'] },
  ],
};

describe('the typed contract', () => {
  it('has a MeasureId for every catalogue entry and refuses others at run time', () => {
    expect(misspeltId).toBe('crime_tabel'); // it compiled only under @ts-expect-error
    expect(isMeasureId(misspeltId)).toBe(false);
    expect(isMeasureId(knownId)).toBe(true);
    expect(measureId('crime_table')).toBe('crime_table');
    expect(CATALOGUE.every((m) => isMeasureId(m.id))).toBe(true);
    const err = (() => {
      try {
        findMeasure(misspeltId);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(BluelampError);
    expect((err as BluelampError).code).toBe('UNKNOWN_MEASURE');
  });

  it('refuses filter values outside their vocabulary at run time too, naming each path', () => {
    expect(wellFormed).toBeDefined();
    const ksi = CATALOGUE.find((m) => m.id === 'ksi') as MeasureInput;
    const bad = (where: Filter, id: string): MeasureInput => ({
      ...ksi,
      id,
      compute: { kind: 'count', count: { source: 'crimes', where } },
    });
    const input: MeasureInput[] = [
      bad(misspeltSubgroup, 'bad_subgroup'),
      bad(misspeltOutcome, 'bad_outcome'),
      bad(misspeltSurvey, 'bad_survey'),
      bad({ not: misspeltGroup }, 'bad_group'),
      bad(wellFormed, 'fine'),
    ];
    let message = '';
    try {
      loadCatalogue(input);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      'demand.bad_subgroup.compute.count.where.in[1]: "Resedential burglary" is not a value of offence_subgroup',
    );
    expect(message).toContain('demand.bad_outcome.compute.count.where.eq: "16B"');
    expect(message).toContain('demand.bad_survey.compute.count.where.in[0]: "burglry"');
    expect(message).toContain('demand.bad_group.compute.count.where.not.eq');
    expect(message).not.toContain('demand.fine.');
    expect(misspeltFlag).toBeDefined();
  });

  it('holds the outcome type codes equal to the reference data', () => {
    const codes = reference.homeOffice.outcomeTypes.map((o) => o.type).filter((t) => t !== '0');
    expect([...OUTCOME_TYPE_CODES]).toEqual(codes);
  });
});

describe('one place for every fact about a measure', () => {
  const byId = new Map(catalogue().map((m) => [m.id, m]));

  it('takes the layout’s titles and tiers from the catalogue', () => {
    const named = REPORT_LAYOUT.flatMap((s) => s.subsections.flatMap((x) => x.measures));
    expect(named.length).toBeGreaterThan(50);
    for (const m of named) {
      expect(m.title, m.id).toBe(byId.get(m.id)?.title);
      expect(m.tier, m.id).toBe(byId.get(m.id)?.tier);
    }
    // The layout once had this one gold while the catalogue said silver.
    expect(named.find((m) => m.id === 'da_outcomes_table')?.tier).toBe('silver');
    expect(new Set(named.map((m) => m.id)).size).toBe(named.length);
  });

  it('places every measure of a family the layout lists, by its declared family', () => {
    const all = catalogue().map((m) => m.id);
    const placed = new Set(
      REPORT_LAYOUT.flatMap((s) => s.subsections.flatMap((x) => subsectionIds(x, all))),
    );
    for (const m of catalogue())
      if (m.family === 'recorded_crime' || m.family === 'priority' || m.tier === 'gold')
        expect(placed.has(m.id), m.id).toBe(true);
    const crime = REPORT_LAYOUT.flatMap((s) => s.subsections).find((x) => x.id === 'crime');
    expect(subsectionIds(crime!, ['crime_bicycle_theft', 'crime_table_extra'])).toEqual([
      'crime_table',
      'crime_total',
      'crime_bicycle_theft',
    ]);
  });

  it('declares the crime table’s rows as its dependencies', () => {
    const table = byId.get('crime_table');
    const rows = catalogue().filter((m) => m.family === 'recorded_crime');
    expect(table?.dependsOn).toEqual(rows.map((m) => m.id));
    expect(rows.find((m) => m.id === 'crime_bicycle_theft')?.crimeGroup).toBe('bicycle_theft');
  });

  it('takes key-point phrases from the catalogue entry', () => {
    expect(phraseFor({ id: 'oc16_rate', title: 'Anything' }).subject).toBe('Outcome 16');
    expect(phraseFor({ id: 'priority_hate', title: 'Hate crimes and crimed incidents' })).toEqual({
      subject: 'Hate crimes and crimed incidents',
      plural: true,
      noun: ['crime or crimed incident', 'crimes and crimed incidents'],
    });
    expect(phraseFor({ id: 'not_in_catalogue', title: 'Something' })).toEqual({
      subject: 'Something',
    });
  });

  it('never finds a family from an id prefix in the engine or the report', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const offenders = ['src/measures', 'src/report']
      .flatMap((d) => files(d))
      .filter((f) => /\bid\.(startsWith|endsWith)\(|\.id\.replace\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
