import type { MeasureInput } from '../definition.ts';
import { CORE_MEASURES } from './core.ts';
import { DEMAND_MEASURES } from './demand.ts';
import { ETHICAL_MEASURES } from './ethical.ts';
import { SERVICE_MEASURES } from './service.ts';
import { INNOVATING_MEASURES, WORKFORCE_MEASURES } from './workforce.ts';

/** The whole catalogue, in the order of the seed report's sections. */
export const CATALOGUE: readonly MeasureInput[] = [
  ...SERVICE_MEASURES,
  ...ETHICAL_MEASURES,
  ...CORE_MEASURES,
  ...DEMAND_MEASURES,
  ...INNOVATING_MEASURES,
  ...WORKFORCE_MEASURES,
];

export const AREAS = [
  { id: 'service', title: 'Delivering a high quality, consistent service to the public' },
  { id: 'ethical', title: 'Delivering an ethical service' },
  { id: 'core', title: 'Delivering effective core practices' },
  { id: 'demand', title: 'Managing demand: policing priorities' },
  { id: 'innovating', title: 'Innovating and improving' },
  { id: 'workforce', title: 'Workforce' },
] as const;
