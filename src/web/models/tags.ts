/** GOV.UK tags for statuses and SPC icons: a word (and a symbol) always, colour never alone. */
import type { Status } from '../../measures/result.ts';
import type { SpcIconWords, WebCharts } from '../deps.ts';

export interface Tag {
  readonly text: string;
  /** A symbol readable without colour, hidden from screen readers (the text says it). */
  readonly symbol: string;
  readonly classes: string;
}

const STATUS: Record<Status, { text: string; symbol: string; colour: string }> = {
  met: { text: 'Met', symbol: '✓', colour: 'green' },
  not_met: { text: 'Not met', symbol: '✗', colour: 'red' },
  near: { text: 'Near', symbol: '~', colour: 'yellow' },
  no_target: { text: 'No target', symbol: '–', colour: 'grey' },
  no_data: { text: 'No data', symbol: '–', colour: 'grey' },
  withheld: { text: 'Withheld', symbol: '–', colour: 'grey' },
};

export function statusTag(status: Status): Tag {
  const s = STATUS[status];
  return { text: s.text, symbol: s.symbol, classes: `govuk-tag--${s.colour}` };
}

const TONES = new Set(['blue', 'orange', 'purple', 'grey', 'green', 'red', 'yellow']);

function iconTag(w: SpcIconWords, short: boolean): Tag {
  const tone = TONES.has(w.tone) ? w.tone : 'grey';
  return {
    text: short ? (w.short ?? w.text) : w.text,
    symbol: w.symbol,
    classes: `govuk-tag--${tone}`,
  };
}

/** The variation icon (the latest point against its limits) in Making Data Count words. */
export function variationTag(
  charts: WebCharts,
  spc: {
    variationIcon: string;
    points: readonly { period: string; specialCauseType: string }[];
  } | null,
  short = true,
): Tag | null {
  if (!spc || spc.points.length === 0) return null;
  const last = spc.points.at(-1);
  return iconTag(
    charts.variation(spc.variationIcon, last?.specialCauseType ?? null, last?.period ?? null),
    short,
  );
}

/** The assurance icon (can the process meet its target?), or null without one. */
export function assuranceTag(charts: WebCharts, icon: string | null | undefined): Tag | null {
  return icon ? iconTag(charts.assurance(icon), false) : null;
}
