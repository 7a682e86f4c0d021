import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dataFormatMarkdown } from '../../src/facts/data-format-doc.ts';
import { TABLES } from '../../src/facts/tables.ts';
import { dependencyOrder } from '../../src/facts/dependency-order.ts';

describe('the import format documentation', () => {
  it('docs/data-format.md is up to date with src/facts/tables.ts (run npm run docs)', () => {
    expect(readFileSync(new URL('../../docs/data-format.md', import.meta.url), 'utf8')).toBe(
      dataFormatMarkdown(),
    );
  });

  it('has one section per table, and every reference names a real table column', () => {
    const doc = dataFormatMarkdown();
    for (const [name, spec] of Object.entries(TABLES)) {
      expect(doc).toContain(`## ${name}\n`);
      for (const c of spec.columns) {
        const ref = (c as { references?: { table: string; column: string } }).references;
        if (!ref) continue;
        const target = TABLES[ref.table as keyof typeof TABLES];
        expect(target, `${name}.${c.name} refers to ${ref.table}`).toBeDefined();
        expect(target.columns.map((x) => x.name)).toContain(ref.column);
      }
    }
  });

  it('orders tables so references come first', () => {
    const order = dependencyOrder();
    expect(order.indexOf('people')).toBeLessThan(order.indexOf('crime_victims'));
    expect(order.indexOf('crimes')).toBeLessThan(order.indexOf('outcomes'));
    expect(order).toHaveLength(Object.keys(TABLES).length);
  });
});
