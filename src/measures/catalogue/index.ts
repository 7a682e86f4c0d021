import type { MeasureInput } from '../definition.ts';
import { CORE_MEASURES } from './core.ts';
import { DEMAND_MEASURES } from './demand.ts';
import { ETHICAL_MEASURES } from './ethical.ts';
import { SERVICE_MEASURES } from './service.ts';
import { INNOVATING_MEASURES, WORKFORCE_MEASURES } from './workforce.ts';

/** The whole catalogue, in the order of the seed report's sections. */
export const CATALOGUE = [
  ...SERVICE_MEASURES,
  ...ETHICAL_MEASURES,
  ...CORE_MEASURES,
  ...DEMAND_MEASURES,
  ...INNOVATING_MEASURES,
  ...WORKFORCE_MEASURES,
] as const satisfies readonly MeasureInput[];

/**
 * The id of a measure in the catalogue: code that names a measure uses this type, so a misspelt
 * id does not compile. Ids from outside (the command line, a results file) are strings, checked
 * at run time (`findMeasure`, `isMeasureId`).
 */
export type MeasureId = (typeof CATALOGUE)[number]['id'];

const IDS: ReadonlySet<string> = new Set(CATALOGUE.map((m) => m.id));
export const isMeasureId = (id: string): id is MeasureId => IDS.has(id);

export const AREAS = [
  { id: 'service', title: 'Delivering a high quality, consistent service to the public' },
  { id: 'ethical', title: 'Delivering an ethical service' },
  { id: 'core', title: 'Delivering effective core practices' },
  { id: 'demand', title: 'Managing demand: policing priorities' },
  { id: 'innovating', title: 'Innovating and improving' },
  { id: 'workforce', title: 'Workforce' },
] as const;

/** A measure id named in code, checked when it compiles: `byId.get(measureId('crime_table'))`. */
export const measureId = <I extends MeasureId>(id: I): I => id;
