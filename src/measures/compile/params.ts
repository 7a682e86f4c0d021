/**
 * What compiling produces: SQL text with named parameters, every value bound. Only identifiers
 * and expressions declared in src/measures/compile/ are spliced into the text.
 */
export type ParamValue = string | number | boolean | null;

export interface CompiledQuery {
  readonly purpose: string;
  readonly sql: string;
  readonly params: Record<string, ParamValue>;
}

/**
 * A window's query, or its monthly form: the definition of a monthly aggregate, which keeps
 * `month` and `lpa` as columns (and any flag the window's form filters on) over the whole span.
 */
export type QueryForm = 'window' | 'monthly';

export class CompileError extends Error {}

/** Binds values as numbered parameters while compiling. */
export class Params {
  readonly values: Record<string, ParamValue> = {};
  private n = 0;
  bind(v: ParamValue): string {
    const name = `p${++this.n}`;
    this.values[name] = v;
    return `$${name}`;
  }
}

/** Binds a window [from, to) as two parameters. */
export const range = (params: Params, from: string, to: string) => ({
  lo: params.bind(from),
  hi: params.bind(to),
});

/** A list of our own constants (reference data, never user input) as SQL string literals. */
export const inList = (values: readonly string[]) =>
  values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
