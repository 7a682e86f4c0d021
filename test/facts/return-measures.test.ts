import { describe, expect, it } from 'vitest';
import { RETURN_MEASURES } from '../../src/facts/reference/return-measures.ts';
import { catalogue } from '../../src/measures/load-catalogue.ts';

describe('the measures that take returns', () => {
  it('are exactly the catalogue measures computed from a return, percentages as fractions', () => {
    const fromCatalogue = catalogue()
      .filter((m) => m.compute.kind === 'return')
      .map((m) => ({ measureId: m.id, fraction: m.unit === 'percent' }))
      .sort((a, b) => a.measureId.localeCompare(b.measureId));
    const declared = [...RETURN_MEASURES].sort((a, b) => a.measureId.localeCompare(b.measureId));
    expect(declared).toEqual(fromCatalogue);
  });
});
