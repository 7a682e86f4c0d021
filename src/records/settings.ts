import { asc, inArray } from 'drizzle-orm';
import type { SettingsRepo } from './api.ts';
import { appendAudit } from './audit.ts';
import type { RepoContext } from './db.ts';
import { settings } from './schema.ts';

/**
 * Service settings, one row per key (a JSON value). `set` merges a patch: a key given as null
 * or undefined is removed. The audit entry names the keys changed, never their values (a force
 * name is not personal, but a later setting might be free text).
 */
export function settingsRepo({ db, clock }: RepoContext): SettingsRepo {
  return {
    async get() {
      const rows = await db.select().from(settings).orderBy(asc(settings.key));
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },

    async set(patch, actor) {
      const entries = Object.entries(patch);
      if (entries.length === 0) return;
      const now = clock.now();
      await db.transaction(async (tx) => {
        const gone = entries.filter(([, v]) => v === null || v === undefined).map(([k]) => k);
        if (gone.length > 0) await tx.delete(settings).where(inArray(settings.key, gone));
        for (const [key, value] of entries) {
          if (value === null || value === undefined) continue;
          await tx
            .insert(settings)
            .values({ key, value, updatedAt: now })
            .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
        }
        await appendAudit(
          tx,
          now,
          {
            action: 'settings_changed',
            subject: 'settings',
            details: {
              keys: entries
                .map(([k]) => k)
                .sort()
                .join(','),
            },
          },
          actor,
        );
      });
    },
  };
}
