import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/measures/period.ts';
import { isBluelampError } from '../../src/lib/errors.ts';
import { buildReport } from '../../src/report/assemble.ts';
import { chromiumPathFor, markingOf, renderPdf } from '../../src/report/pdf.ts';
import { FIXTURE_COMMENTARY, FIXTURE_RESULTS } from './fixtures/results.ts';

const dir = mkdtempSync(join(tmpdir(), 'bluelamp-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reportHtml(): Promise<string> {
  const { html } = await buildReport({
    forceName: 'Northshire Police (synthetic)',
    period: parsePeriod('2021/22-Q1'),
    lpa: null,
    results: FIXTURE_RESULTS,
    commentary: FIXTURE_COMMENTARY,
    generatedAt: '2021-07-20T10:00:00+01:00',
  });
  return html;
}

/** CI runs set CI (to "true" in .ci/run); "false" or "0" means a local run. */
function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Width and height in points of each page (Chromium writes its page objects uncompressed). */
function pageSizes(pdf: Buffer): [number, number][] {
  const text = pdf.toString('latin1');
  return [
    ...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g),
  ].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
}

/** A4 is 210 × 297 mm = 595.3 × 841.9 pt; Chromium rounds to whole CSS pixels, within 2 pt. */
function isA4([w, h]: [number, number]): boolean {
  const [short, long] = w < h ? [w, h] : [h, w];
  return Math.abs(short - 595.28) < 2 && Math.abs(long - 841.89) < 2;
}

describe('renderPdf', () => {
  it('fails with DEPENDENCY_MISSING and a hint when Chromium is absent, writing nothing', async () => {
    const out = join(dir, 'missing.pdf');
    const err = await renderPdf('<!DOCTYPE html><p>x</p>', out, {
      chromiumPath: join(dir, 'no-such-chromium'),
    }).catch((e: unknown) => e);
    expect(isBluelampError(err)).toBe(true);
    if (!isBluelampError(err)) return;
    expect(err.code).toBe('DEPENDENCY_MISSING');
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain('no-such-chromium');
    expect(err.hint).toBe(
      "Install Debian's chromium (apt-get install -y chromium) or set BLUELAMP_CHROMIUM; the HTML report was still written.",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('chooses the browser from the option, then BLUELAMP_CHROMIUM, then /usr/bin/chromium', () => {
    expect(chromiumPathFor({ chromiumPath: '/opt/c', env: { BLUELAMP_CHROMIUM: '/x' } })).toBe(
      '/opt/c',
    );
    expect(chromiumPathFor({ env: { BLUELAMP_CHROMIUM: '/x' } })).toBe('/x');
    expect(chromiumPathFor({ env: {} })).toBe('/usr/bin/chromium');
    expect(chromiumPathFor({ env: { BLUELAMP_CHROMIUM: '' } })).toBe('/usr/bin/chromium');
  });

  it('reads the marking for the page header from the report', async () => {
    expect(markingOf(await reportHtml())).toBe('OFFICIAL — SYNTHETIC DATA');
    expect(markingOf('<p>no meta</p>')).toBe('OFFICIAL');
  });

  // CI installs Chromium (.ci/run), so there a missing browser fails this test instead of
  // passing it by the DEPENDENCY_MISSING branch. Elsewhere a machine without Chromium checks
  // that branch: the PDF is refused with the coded error, never by downloading a browser.
  it('prints the report to an A4 PDF with the default Chromium, or explains its absence', async () => {
    const out = join(dir, 'report.pdf');
    const html = await reportHtml();
    const browser = chromiumPathFor();
    const installed = existsSync(browser);
    if (inCi()) {
      expect(installed, `CI must provide Chromium at ${browser} to print the PDF`).toBe(true);
    }
    const result = await renderPdf(html, out).then(
      () => null,
      (e: unknown) => e,
    );
    if (!installed) {
      expect(isBluelampError(result) && result.code).toBe('DEPENDENCY_MISSING');
      expect(existsSync(out)).toBe(false);
      return;
    }
    expect(result).toBeNull();
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(50_000);
    const sizes = pageSizes(bytes);
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(isA4(size), `page of ${size.join(' × ')} pt`).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
