/**
 * A sparkline drawn on the server: a small inline SVG of presentation attributes only (the
 * CSP allows no inline style), hidden from screen readers because its text alternative is
 * printed beside it. A gap in the series breaks the line.
 */
const W = 112;
const H = 28;
const PAD = 3;

const fmt = (n: number) => String(Math.round(n * 10) / 10);

export function sparklineSvg(values: readonly (number | null)[]): string | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length < 2) return null;
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const span = hi - lo || 1;
  const step = (W - 2 * PAD) / Math.max(values.length - 1, 1);
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => H - PAD - ((v - lo) / span) * (H - 2 * PAD);
  const runs: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) runs.push([]);
    else (runs.at(-1) as string[]).push(`${fmt(x(i))},${fmt(y(v))}`);
  });
  const lines = runs
    .filter((r) => r.length > 1)
    .map(
      (r) => `<polyline points="${r.join(' ')}" fill="none" stroke="#505a5f" stroke-width="1.5"/>`,
    );
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const last = values[lastIndex] as number;
  const dot = `<circle cx="${fmt(x(lastIndex))}" cy="${fmt(y(last))}" r="2.5" fill="#1d70b8"/>`;
  return `<svg class="bl-sparkline" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">${lines.join('')}${dot}</svg>`;
}
