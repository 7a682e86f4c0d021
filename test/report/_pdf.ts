import { readFileSync } from 'node:fs';
import { renderPdf } from '../../src/report/pdf.ts';
const [src, out, mode] = process.argv.slice(2) as [string, string, 'method' | 'all' | 'none'];
const t = Date.now();
await renderPdf(readFileSync(src, 'utf8'), out, { openDetails: mode });
console.log('pdf ms', Date.now() - t);
