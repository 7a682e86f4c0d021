/**
 * Small pieces of the board edition: status, variation and assurance as symbol + short word
 * (readable in greyscale and by a screen reader, never colour alone) and the 12-month sparkline
 * as a small inline SVG.
 */
import type { ScorecardRow, VariationMark } from '../../present/board-model.ts';
import type { Status } from '../../measures/result.ts';
import { esc } from '../html.ts';
import { assuranceIconText, variationIconText } from '../spc-text.ts';

const STATUS: Record<Status, { symbol: string; text: string; tone: string }> = {
  met: { symbol: '✓', text: 'Met', tone: 'green' },
  not_met: { symbol: '✗', text: 'Not met', tone: 'red' },
  near: { symbol: '~', text: 'Near', tone: 'yellow' },
  no_target: { symbol: '–', text: 'No target', tone: 'grey' },
  no_data: { symbol: '–', text: 'No data', tone: 'grey' },
  withheld: { symbol: '–', text: 'Withheld', tone: 'grey' },
};

function tag(symbol: string, text: string, tone: string, title?: string): string {
  const t = title && title !== text ? ` title="${esc(title)}"` : '';
  return `<span class="bp-tag bp-tag--${tone}"${t}><span aria-hidden="true">${esc(symbol)} </span>${esc(text)}</span>`;
}

export function statusMark(status: Status): string {
  const s = STATUS[status];
  return tag(s.symbol, s.text, s.tone);
}

const VARIATION_WORDS: Record<string, string> = {
  special_cause_improvement: 'Improving',
  special_cause_concern: 'Concern',
  special_cause_neutral_high: 'Unusually high',
  special_cause_neutral_low: 'Unusually low',
  common_cause: 'Common cause',
};

/**
 * The variation icon in a word or two (a table cell is narrow); the full wording, which says
 * it is the latest point against its limits, is the tooltip and the table's column note.
 */
export function variationMark(v: VariationMark | null): string {
  if (!v) return '<span class="bp-none">—</span>';
  const full = variationIconText(v.icon, v.lastType);
  return tag(full.symbol, VARIATION_WORDS[v.icon] ?? full.text, full.tone, full.text);
}

/** A significant change on last year, as an arrow and a word. */
export function changeMark(direction: 'up' | 'down' | null): string {
  if (direction === 'up') return tag('▲', 'Significant rise', 'grey');
  if (direction === 'down') return tag('▼', 'Significant fall', 'grey');
  return tag('●', 'Significant change', 'grey');
}

export function assuranceMark(icon: string | null): string {
  if (!icon) return '<span class="bp-none">—</span>';
  const full = assuranceIconText(icon);
  const short =
    icon === 'consistent_pass'
      ? 'Passes'
      : icon === 'consistent_fail'
        ? 'Fails'
        : icon === 'inconsistent'
          ? 'Hit and miss'
          : full.text;
  return tag(full.symbol, short, full.tone, full.text);
}

/** A sparkline: 12 months as a polyline (gaps where there is no value), last point marked. */
export function sparkline(row: ScorecardRow): string {
  const values = row.spark;
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return '<span class="bp-none">—</span>';
  const w = 56;
  const h = 16;
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const span = hi - lo || 1;
  const x = (i: number) => (values.length === 1 ? w / 2 : (i / (values.length - 1)) * (w - 4) + 2);
  const y = (v: number) => h - 2 - ((v - lo) / span) * (h - 4);
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 1) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length > 1) runs.push(run.join(' '));
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  const dot =
    last === null || last === undefined
      ? ''
      : `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="1.8" fill="#0b0c0c"/>`;
  return [
    `<svg class="bp-spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(row.sparkText)}" focusable="false">`,
    ...runs.map(
      (pts) =>
        `<polyline points="${pts}" fill="none" stroke="#1d70b8" stroke-width="1.3" stroke-linejoin="round"/>`,
    ),
    dot,
    '</svg>',
  ].join('');
}
