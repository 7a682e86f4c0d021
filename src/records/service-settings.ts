import { z } from 'zod';

/**
 * The service settings the records keep (SettingsRepo), as one object: what pages and reports
 * call the force and its policing body, and what the maps need — residents per local policing
 * area (`lpaPopulations`, for rates per 1,000) and, optionally, a boundary GeoJSON
 * (`boundaries.path`, relative to the data directory or absolute; `boundaries.nameProperty` the
 * feature property holding the LPA's name). Every key is optional.
 */
export const POLICING_BODY_TYPES = ['pcc', 'pfcc', 'mayor', 'board'] as const;

export const ServiceSettings = z
  .object({
    forceName: z.string().min(1),
    policingBodyName: z.string().min(1),
    /** Police and Crime Commissioner; Police, Fire and Crime Commissioner; a mayor; a board. */
    policingBodyType: z.enum(POLICING_BODY_TYPES),
    lpaPopulations: z.record(z.string().min(1), z.number().int().positive()),
    boundaries: z.object({ path: z.string().min(1), nameProperty: z.string().min(1) }).strict(),
    /** The Victims' Code rights (numbers 1–12) the force cannot audit yet (src/victims). */
    victimsCodeNotAuditable: z.array(z.number().int().min(1).max(12)),
    /** The metric ids of the Victims' Code compliance export, in order (src/victims/export.ts). */
    victimsCodeExportMetrics: z.array(z.string().min(1)),
  })
  .partial();
export type ServiceSettings = z.infer<typeof ServiceSettings>;
