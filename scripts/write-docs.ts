import { writeFileSync } from 'node:fs';
import { dataFormatMarkdown } from '../src/facts/data-format-doc.ts';

writeFileSync(new URL('../docs/data-format.md', import.meta.url), dataFormatMarkdown());
console.log('docs/data-format.md written');
