import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPathFor, renderPdf } from '../report/pdf.ts';
import type { WebDocuments } from '../web/deps.ts';

/**
 * The web app's printer: an HTML document it rendered (a published letter, the panel's
 * monitoring report, the annual complaints report) printed to A4 by the report's own PDF
 * renderer (Debian's Chromium, no network, tagged with bookmarks). The file goes through a
 * private temporary folder, removed afterwards, and only the bytes come back.
 */
export function webDocuments(): WebDocuments {
  return {
    pdfAvailable: () => existsSync(chromiumPathFor()),
    async pdf(html) {
      const dir = mkdtempSync(join(tmpdir(), 'bluelamp-print-'));
      try {
        const out = join(dir, 'document.pdf');
        await renderPdf(html, out, { openDetails: 'none' });
        return readFileSync(out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
