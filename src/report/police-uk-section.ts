/**
 * The report's data.police.uk section: the public street-level data of the force as published,
 * shown when such data is loaded. The figures come assembled (src/facts/police-uk/report-data.ts,
 * passed in by the CLI); this module only renders them. Its input is declared here, structurally,
 * because the report does not import the facts layer.
 */
import { DASH, formatCount, formatNumber, formatPercent } from '../present/format.ts';
import { esc, tableHtml, type Cell } from './html.ts';

export interface PoliceUkSectionData {
  readonly forces: readonly string[];
  readonly months: readonly string[];
  readonly missingMonths: readonly string[];
  readonly totalRows: number;
  readonly trends: readonly {
    readonly crimeType: string;
    readonly counts: readonly (number | null)[];
    readonly mean: number;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly lastReading: string;
    readonly outsideMonths: readonly string[];
  }[];
  readonly topLsoas: readonly {
    readonly lsoaCode: string;
    readonly lsoaName: string | null;
    readonly localAuthority: string | null;
    readonly count: number;
  }[];
  readonly localAuthorities: readonly {
    readonly localAuthority: string | null;
    readonly count: number;
    readonly outsideForceArea: number;
  }[];
  readonly outcomes: readonly {
    readonly outcome: string | null;
    readonly count: number;
    readonly share: number;
  }[];
}

export const POLICE_UK_SECTION_ID = 'section-police-uk';
export const POLICE_UK_SECTION_TITLE = 'Public data: data.police.uk street-level crime';

const num = (n: number): Cell => ({ text: formatCount(n), numeric: true });

function trendTable(d: PoliceUkSectionData): string {
  const last = d.months.at(-1) ?? '';
  const rows: Cell[][] = d.trends.map((t) => {
    const latest = t.counts.at(-1);
    return [
      { text: t.crimeType },
      latest === null || latest === undefined ? { text: DASH, numeric: true } : num(latest),
      { text: formatNumber(t.mean, 1), numeric: true },
      {
        text:
          t.lower === null || t.upper === null
            ? DASH
            : `${formatNumber(Math.max(0, t.lower), 1)} to ${formatNumber(t.upper, 1)}`,
        numeric: true,
      },
      { text: t.lastReading },
      { text: t.outsideMonths.length === 0 ? 'none' : t.outsideMonths.join(', ') },
    ];
  });
  return tableHtml({
    caption: `Monthly rows by crime type, ${d.months[0] ?? ''} to ${last}: latest month, mean and XmR process limits`,
    head: [
      { text: 'Crime type' },
      { text: `Rows in ${last}`, numeric: true },
      { text: 'Monthly mean', numeric: true },
      { text: 'Process limits', numeric: true },
      { text: `SPC reading, ${last}` },
      { text: 'Months outside the limits' },
    ],
    rows,
    rowHeaders: true,
  });
}

function lsoaTable(d: PoliceUkSectionData): string {
  return tableHtml({
    caption: 'LSOAs with the most rows',
    head: [{ text: 'LSOA' }, { text: 'Local authority' }, { text: 'Rows', numeric: true }],
    rows: d.topLsoas.map((l) => [
      { text: `${l.lsoaName ?? l.lsoaCode} (${l.lsoaCode})` },
      { text: l.localAuthority ?? DASH },
      num(l.count),
    ]),
    rowHeaders: true,
  });
}

function laTable(d: PoliceUkSectionData): string {
  return tableHtml({
    caption: 'Local authorities with the most rows (from the LSOA of each row)',
    head: [
      { text: 'Local authority' },
      { text: 'Rows', numeric: true },
      { text: 'Of which outside the force area', numeric: true },
    ],
    rows: d.localAuthorities.map((l) => [
      { text: l.localAuthority ?? 'No LSOA published' },
      num(l.count),
      num(l.outsideForceArea),
    ]),
    rowHeaders: true,
  });
}

function outcomeTable(d: PoliceUkSectionData): string {
  return tableHtml({
    caption: 'Crimes by last outcome (current labels; anti-social behaviour has none)',
    head: [
      { text: 'Last outcome' },
      { text: 'Crimes', numeric: true },
      { text: 'Share', numeric: true },
    ],
    rows: d.outcomes.map((o) => [
      { text: o.outcome ?? 'No outcome published' },
      num(o.count),
      { text: formatPercent(o.share, 1), numeric: true },
    ]),
    rowHeaders: true,
  });
}

/** The section's HTML (a numbered-free section placed before the appendix). */
export function policeUkSectionHtml(d: PoliceUkSectionData): string {
  const gaps =
    d.missingMonths.length === 0
      ? ''
      : ` No rows are loaded for ${esc(d.missingMonths.join(', '))}; those months are left out of the SPC, not counted as zero.`;
  return [
    `<section class="bl-section" id="${POLICE_UK_SECTION_ID}" aria-labelledby="${POLICE_UK_SECTION_ID}-heading">`,
    `<h2 class="bl-heading-l" id="${POLICE_UK_SECTION_ID}-heading">${esc(POLICE_UK_SECTION_TITLE)}</h2>`,
    `<p class="bl-body">The street-level crime and anti-social behaviour data the public sees on data.police.uk for ${esc(d.forces.join(', ') || 'the force')}, ${esc(d.months[0] ?? '')} to ${esc(d.months.at(-1) ?? '')}: ${formatCount(d.totalRows)} published rows. Each published row counts once, as data.police.uk counts them (a Crime ID published on two rows of a month counts twice). Crime types and outcomes of earlier years are shown under their current labels where the change was one-to-one.${gaps}</p>`,
    '<p class="bl-body">Limits are XmR process limits (mean ± 2.66 × mean moving range) over the months shown; a point outside them is special-cause variation worth a look, not proof of a change in crime. Locations are anonymised snap points, so rows near a boundary can fall in a neighbouring local authority.</p>',
    `<div class="bl-table-wrap">${trendTable(d)}</div>`,
    `<div class="bl-table-wrap">${lsoaTable(d)}</div>`,
    `<div class="bl-table-wrap">${laTable(d)}</div>`,
    `<div class="bl-table-wrap">${outcomeTable(d)}</div>`,
    '</section>',
  ].join('\n');
}
