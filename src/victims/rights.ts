/**
 * The twelve rights of the Code of Practice for Victims of Crime (reference data), and where
 * each stands for this force's audit: asked about by one of the audit's questions, marked by the
 * force as not yet auditable (the setting `victimsCodeNotAuditable`: seed 002 lists parts of the
 * Code the audit could not yet cover — property returned, compensation, out-of-court disposals,
 * court familiarisation visits), or not covered by the audit at all.
 */
import { z } from 'zod';
import reference from '../facts/reference/police-reference.json' with { type: 'json' };
import { BluelampError } from '../lib/errors.ts';
import { COMPONENTS, INFORMED_CODE } from './rule.ts';

export const CODE = {
  title: reference.victimsCode.title,
  inForce: reference.victimsCode.inForce,
  rights: reference.victimsCode.rights.map((r) => ({ n: r.n, right: r.right })),
} as const;

export type RightStatus = 'audited' | 'not_yet_auditable' | 'not_covered';

export interface RightStanding {
  readonly n: number;
  readonly right: string;
  readonly status: RightStatus;
  /** The audit questions (component titles) that tell about it. */
  readonly questions: readonly string[];
}

/** Every right with its standing; a right the force marks not yet auditable is listed as such. */
export function rightsStanding(notAuditable: readonly number[]): RightStanding[] {
  const asked = [...COMPONENTS, INFORMED_CODE];
  return CODE.rights.map((r) => {
    const questions = asked.filter((k) => k.rights.includes(r.n)).map((k) => k.title);
    const status: RightStatus = notAuditable.includes(r.n)
      ? 'not_yet_auditable'
      : questions.length > 0
        ? 'audited'
        : 'not_covered';
    return { n: r.n, right: r.right, status, questions };
  });
}

const VictimsSettings = z.object({
  victimsCodeNotAuditable: z
    .array(z.number().int().min(1).max(12))
    .refine((a) => new Set(a).size === a.length, 'a right is listed twice')
    .optional(),
  victimsCodeExportMetrics: z.array(z.string().min(1)).min(1).optional(),
});

export interface VictimsSettings {
  readonly notAuditable: readonly number[];
  /** Null = the export's default set. */
  readonly exportMetrics: readonly string[] | null;
}

/** The Victims' Code settings from the service settings (all optional). */
export function victimsSettings(raw: Readonly<Record<string, unknown>>): VictimsSettings {
  const parsed = VictimsSettings.safeParse(raw);
  if (!parsed.success)
    throw new BluelampError(
      'CONFIG_INVALID',
      `The settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      {
        hint: 'victimsCodeNotAuditable is a list of right numbers 1–12; victimsCodeExportMetrics a list of metric ids (docs/victims-code-export.md).',
      },
    );
  return {
    notAuditable: [...(parsed.data.victimsCodeNotAuditable ?? [])].sort((a, b) => a - b),
    exportMetrics: parsed.data.victimsCodeExportMetrics ?? null,
  };
}
