/**
 * A small HTML tree builder for structural checks on the generated report (no DOM library is
 * installed). Handles what the report emits: void elements, self-closing SVG tags, quoted
 * attributes, raw text in <style>, <pre> and <code>. Throws on a mismatched closing tag, so it
 * also checks the markup is well nested.
 */

export interface El {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: El[];
  readonly parent: El | null;
  /** Text directly inside (not in children), joined. */
  text: string;
}

const VOID = new Set([
  'meta',
  'br',
  'hr',
  'img',
  'input',
  'link',
  'source',
  'wbr',
  'col',
  'area',
  'base',
]);
const RAW = new Set(['style', 'script']);

export function parseHtml(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [], parent: null, text: '' };
  let current = root;
  const re =
    /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    current.text += html.slice(last, m.index);
    last = re.lastIndex;
    if (m[0].startsWith('<!')) continue;
    if (m[1]) {
      const tag = m[1].toLowerCase();
      if (current.tag !== tag) {
        throw new Error(`mismatched </${tag}> at ${m.index}; open element is <${current.tag}>`);
      }
      current = current.parent as El;
      continue;
    }
    const tag = (m[2] as string).toLowerCase();
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g))
      attrs[(a[1] as string).toLowerCase()] = a[2] ?? '';
    const el: El = { tag, attrs, children: [], parent: current, text: '' };
    current.children.push(el);
    if (m[4] === '/' || VOID.has(tag)) continue;
    if (RAW.has(tag)) {
      const end = html.indexOf(`</${tag}>`, last);
      el.text = html.slice(last, end);
      re.lastIndex = end + tag.length + 3;
      last = re.lastIndex;
      continue;
    }
    current = el;
  }
  if (current !== root) throw new Error(`unclosed <${current.tag}>`);
  return root;
}

export function* walk(el: El): Generator<El> {
  for (const c of el.children) {
    yield c;
    yield* walk(c);
  }
}

export const all = (root: El, tag: string): El[] => [...walk(root)].filter((e) => e.tag === tag);

export function ancestor(el: El, tag: string): El | null {
  let p = el.parent;
  while (p && p.tag !== tag) p = p.parent;
  return p;
}

/** All text inside an element, tags removed, entities left as written. */
export function textOf(el: El): string {
  return (el.text + el.children.map(textOf).join(' ')).replace(/\s+/g, ' ').trim();
}
