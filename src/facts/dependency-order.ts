import { TABLES, type ProjectTableName } from './tables.ts';

/** Project tables ordered so every table comes after the tables its columns refer to. */
export function dependencyOrder(): ProjectTableName[] {
  const names = Object.keys(TABLES) as ProjectTableName[];
  const done: ProjectTableName[] = [];
  const visit = (t: ProjectTableName, path: readonly string[]) => {
    if (done.includes(t)) return;
    if (path.includes(t)) throw new Error(`Reference cycle: ${[...path, t].join(' -> ')}`);
    for (const c of TABLES[t].columns) {
      const ref = (c as { references?: { table: string } }).references?.table;
      if (ref && ref !== t) visit(ref as ProjectTableName, [...path, t]);
    }
    done.push(t);
  };
  for (const n of names) visit(n, []);
  return done;
}
