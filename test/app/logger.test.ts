import { describe, expect, it } from 'vitest';
import { createLogger, logLevelOf, WITHHELD } from '../../src/app/logger.ts';

// "One place builds dependencies (clock, logger, …)": the logger writes one JSON line per event,
// only when BLUELAMP_LOG asks for it, and never a person's data.
function capture(setting: string | undefined) {
  const lines: string[] = [];
  const logger = createLogger({ env: { BLUELAMP_LOG: setting }, write: (l) => lines.push(l) });
  return {
    logger,
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('the structured logger', () => {
  it('writes nothing unless BLUELAMP_LOG is set', () => {
    for (const off of [undefined, '', '0', 'off', 'false']) {
      const { logger, lines } = capture(off);
      logger.error('data.open', { command: 'report' });
      expect(lines).toEqual([]);
    }
  });

  it('writes level, event and fields as one JSON line, from the threshold up', () => {
    const { logger, parsed } = capture('warn');
    logger.info('data.open', { command: 'report' });
    logger.warn('cache.miss', { measure: 'oc16_rate', period: '2021/22-Q1', rows: 12, hit: false });
    expect(parsed()).toEqual([
      {
        level: 'warn',
        event: 'cache.miss',
        measure: 'oc16_rate',
        period: '2021/22-Q1',
        rows: 12,
        hit: false,
      },
    ]);
    expect(logLevelOf('1')).toBe('info');
    expect(logLevelOf('DEBUG')).toBe('debug');
  });

  it('never writes a path, a name, an email, free text or an unknown key’s string', () => {
    const { logger, lines, parsed } = capture('debug');
    logger.info('quote.approved', {
      command: 'quotes.approve',
      code: 'NOT_A_DATA_DIR',
      period: '2021-06',
      // A safe key, but a path as its value.
      table: '/home/jane.smith/crimes.csv',
      // A path can hold the user's name; these keys are not codes and must not pass.
      dataDir: '/home/jane.smith/bluelamp-data',
      approver: 'Jane Smith',
      text: 'PC Jones rang me on 07700 900123',
      // A code-like key, but its value is not a code.
      measure: 'jane.smith@example.org',
      'free text': 'anything',
    });
    const [line] = parsed();
    expect(line).toEqual({
      level: 'info',
      event: 'quote.approved',
      command: 'quotes.approve',
      code: 'NOT_A_DATA_DIR',
      period: '2021-06',
      table: WITHHELD,
      dataDir: WITHHELD,
      approver: WITHHELD,
      text: WITHHELD,
      measure: WITHHELD,
    });
    const all = lines.join('\n');
    for (const secret of ['jane', 'Jane', 'Jones', '07700', 'example.org', 'anything'])
      expect(all).not.toContain(secret);
  });

  it('withholds an event name that is not a code', () => {
    const { logger, parsed } = capture('info');
    logger.info('opened /home/jane/data');
    expect(parsed()).toEqual([{ level: 'info', event: WITHHELD }]);
  });
});
