import type { Publication } from '../../records/api.ts';
import { formatDateTime, formatPeriodLabel } from '../../present/format.ts';
import type { ReportEdition } from '../deps.ts';

export const EDITIONS: readonly { value: ReportEdition; text: string; hint: string }[] = [
  {
    value: 'board',
    text: 'Board pack',
    hint: 'Every figure, for the force and the policing body.',
  },
  {
    value: 'public',
    text: 'Public edition',
    hint: 'Disclosure control applied: counts of 1 to 4 are shown as "fewer than 5".',
  },
  {
    value: 'annex',
    text: 'Technical annex',
    hint: 'Definitions, method, the rows behind each figure and the SQL.',
  },
];

const EDITION_NAMES: Record<string, string> = {
  board: 'Board pack',
  public: 'Public edition',
  annex: 'Technical annex',
};

/** "1.2 MB", "830 kB": file sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/**
 * One row per stored file. A public edition is made public by a second record of the same
 * file (publications are added, never changed), so the list shows each file once, with the
 * date it was generated and, if it has been, the date it was published.
 */
export interface EditionRow {
  readonly id: string;
  readonly period: string;
  readonly edition: string;
  readonly format: 'html' | 'pdf';
  readonly path: string;
  readonly bytes: number;
  readonly generatedAt: Date;
  readonly publishedAt: Date | null;
}

export function editionRows(pubs: readonly Publication[]): EditionRow[] {
  const byPath = new Map<string, EditionRow>();
  // Oldest first, so the first record of a file is its generation.
  for (const p of [...pubs].sort(
    (a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || Number(a.id) - Number(b.id),
  )) {
    const seen = byPath.get(p.path);
    if (!seen) {
      byPath.set(p.path, {
        id: p.id,
        period: p.period,
        edition: p.edition,
        format: p.format,
        path: p.path,
        bytes: p.bytes,
        generatedAt: p.publishedAt,
        publishedAt: p.public ? p.publishedAt : null,
      });
    } else if (p.public && !seen.publishedAt) {
      byPath.set(p.path, { ...seen, publishedAt: p.publishedAt });
    }
  }
  return [...byPath.values()].sort(
    (a, b) => b.generatedAt.getTime() - a.generatedAt.getTime() || Number(b.id) - Number(a.id),
  );
}

export function reportsModel(rows: readonly EditionRow[], opts: { canPublish: boolean }) {
  return rows.map((r) => ({
    id: r.id,
    period: formatPeriodLabel(r.period),
    edition: EDITION_NAMES[r.edition] ?? r.edition,
    format: r.format.toUpperCase(),
    size: formatBytes(r.bytes),
    generated: formatDateTime(r.generatedAt.toISOString()),
    published:
      r.edition !== 'public'
        ? 'Not for publication'
        : r.publishedAt
          ? `Published ${formatDateTime(r.publishedAt.toISOString())}`
          : 'Not published',
    isPublished: r.publishedAt !== null,
    downloadUrl: `/reports/${r.id}/download`,
    viewUrl: r.format === 'html' ? `/reports/${r.id}/view` : null,
    canPublish: opts.canPublish && r.edition === 'public' && r.publishedAt === null,
    publishUrl: `/reports/${r.id}/publish`,
  }));
}

/** The file name a download is saved under. */
export function downloadName(r: Pick<EditionRow, 'period' | 'edition' | 'format'>): string {
  return `bluelamp-${r.edition}-${r.period.replaceAll('/', '-')}.${r.format}`;
}
