/**
 * London wall-clock time: the convention of every timestamp Bluelamp stores and prints. One
 * formatter, so the importer and the report agree about BST.
 */
// Made on first use: building a formatter loads the time-zone data (tens of milliseconds), which
// commands that print no time (`--help`, `status` of an empty store) need not pay for.
let parts: Intl.DateTimeFormat | null = null;
const formatter = () =>
  (parts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }));

export interface LondonParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

export function londonParts(d: Date): LondonParts {
  const p = Object.fromEntries(
    formatter()
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return {
    year: p.year ?? '',
    month: p.month ?? '',
    day: p.day ?? '',
    hour: p.hour ?? '00',
    minute: p.minute ?? '00',
    second: p.second ?? '00',
  };
}

/** "2021-07-05T10:32:00" for a moment, in London wall time. */
export function londonIso(d: Date): string {
  const p = londonParts(d);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}
