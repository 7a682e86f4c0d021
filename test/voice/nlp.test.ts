import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/voice/nlp.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the language model', () => {
  it('is an installed package, loaded from node_modules', () => {
    const require = createRequire(import.meta.url);
    for (const p of ['wink-nlp', 'wink-eng-lite-web-model'])
      expect(require.resolve(p)).toMatch(/node_modules[\\/]/);
  });

  it('loads and reads text with every network call refused (nothing is downloaded)', () => {
    // A child process in which sockets, DNS and fetch all throw, then the model is used.
    const script = `
      import net from 'node:net'; import dns from 'node:dns';
      const refuse = () => { throw new Error('network used'); };
      net.Socket.prototype.connect = refuse; dns.lookup = refuse; globalThis.fetch = refuse;
      const { redactText } = await import('./src/voice/redact.ts');
      console.log(redactText('Sarah said PC Smith was born on 3rd March 1985'));`;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('[name] said [officer] was born on [dob]');
  });

  it('gives offsets of the original text, whatever its characters', () => {
    const text = 'Café 👍 “PC Smith”\tcame — on 3rd March\r\n1985…';
    const a = analyse(text);
    for (const t of a.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(a.tokens.find((t) => t.text === 'Smith')?.pos).toBe('PROPN');
    expect(a.tokens[0]?.sentenceStart).toBe(true);
  });
});
