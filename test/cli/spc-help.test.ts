import { describe, expect, it } from 'vitest';
import { spcInputSchema } from '../../src/stats/spc-contract.ts';
import { runCli } from '../helpers/cli.ts';

describe('bluelamp spc --help', () => {
  it('lists every input key the parser accepts, and where the statistics are explained', async () => {
    const help = await runCli(['spc', '--help']);
    expect(help.code).toBe(0);
    const keys = Object.keys(spcInputSchema.shape);
    expect(keys).toContain('rebaseAtPoint');
    for (const key of keys) expect(help.out).toContain(`"${key}"`);
    expect(help.out).toContain('period');
    expect(help.out).toContain('docs/spc.md');
  });

  it('its example runs as printed', async () => {
    const help = await runCli(['spc', '--help']);
    const example = /echo '([^']+)'/.exec(help.out)?.[1];
    expect(example).toBeDefined();
    const r = await runCli(['spc', '--json'], { stdin: example! });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      variationIcon: 'special_cause_concern',
      assuranceIcon: 'inconsistent',
    });
  });
});
