import { readFileSync } from 'node:fs';

/**
 * Local authority districts of each police force area (England and Wales), every district name
 * of the ONS LAD→CSP→PFA lookups of 2016, 2017, 2018, 2019 and 2024, so that the district names
 * of old and new LSOA names alike are found. Source and licence: `lad-to-pfa.SOURCES.md`.
 */

export interface LadPfa {
  readonly ladCode: string;
  readonly ladName: string;
  readonly pfaCode: string;
  readonly pfaName: string;
}

/** A minimal CSV line reader: the file is ours, with quoted fields only for names with commas. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseLadToPfa(text: string): LadPfa[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  if (header !== 'lad_code,lad_name,pfa_code,pfa_name,first_vintage,last_vintage')
    throw new Error('lad-to-pfa.csv: unexpected header');
  return lines.map((l) => {
    const [ladCode = '', ladName = '', pfaCode = '', pfaName = ''] = cells(l);
    return { ladCode, ladName, pfaCode, pfaName };
  });
}

/**
 * Other spellings of a district name, as LSOA names may carry them: ONS writes "Bristol, City of"
 * and "Herefordshire, County of", while names also appear as "City of Bristol" or
 * "Herefordshire"; "St. Helens" also as "St Helens"; "Vale of Glamorgan" also with "The".
 */
export function nameVariants(name: string): string[] {
  const out = new Set([name]);
  const m = /^(.*), (City|County) of$/.exec(name);
  if (m) {
    out.add(m[1] as string);
    out.add(`${m[2] as string} of ${m[1] as string}`);
  }
  if (name.includes('St. ')) out.add(name.replaceAll('St. ', 'St '));
  if (name === 'Vale of Glamorgan') out.add('The Vale of Glamorgan');
  return [...out];
}

export const LAD_TO_PFA: readonly LadPfa[] = parseLadToPfa(
  readFileSync(new URL('./lad-to-pfa.csv', import.meta.url), 'utf8'),
);

/** (district name as it may appear in an LSOA name, PFA code): one row per pair. */
export const LAD_NAME_PFA: readonly (readonly [string, string])[] = (() => {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const r of LAD_TO_PFA) {
    for (const n of nameVariants(r.ladName)) {
      const k = `${n}\u0000${r.pfaCode}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push([n, r.pfaCode]);
    }
  }
  return out;
})();
