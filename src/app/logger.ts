/**
 * A tiny structured logger for operators: one JSON line per event (`{"level","event",...fields}`)
 * on standard error, and only when BLUELAMP_LOG names a level (`debug`, `info`, `warn`, `error`;
 * `1` or `true` mean `info`). Unset, it writes nothing, so the CLI's output is unchanged.
 *
 * It never writes personal data, by construction rather than by care at each call site: numbers,
 * booleans and null pass; a string passes only under a key of SAFE_STRING_KEYS and only when it
 * looks like a code (letters, digits, `_ . : - /`, not starting like a path; no spaces or `@`:
 * a measure id, a period, a command name, an error code). Anything else — a path (it may hold a user name), a free
 * text, a person's name, an email — is written as "[withheld]". Events are codes too.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogValue = string | number | boolean | null;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Keys whose string values are codes the program chose, never something a person typed in. */
export const SAFE_STRING_KEYS: ReadonlySet<string> = new Set([
  'access',
  'code',
  'command',
  'edition',
  'kind',
  'measure',
  'mode',
  'period',
  'phase',
  'section',
  'table',
]);

/** An event or a field name. */
const NAME_LIKE = /^[A-Za-z0-9_.:-]{1,64}$/;
/** A code: a name that may also hold `/` (a period such as 2021/22-Q1), but never begin a path. */
const CODE_LIKE = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,63}$/;
export const WITHHELD = '[withheld]';

function safeValue(key: string, value: LogValue): LogValue {
  if (typeof value !== 'string')
    return typeof value === 'number' && !isFinite(value) ? null : value;
  return SAFE_STRING_KEYS.has(key) && CODE_LIKE.test(value) ? value : WITHHELD;
}

/** The threshold BLUELAMP_LOG asks for, or null when logging is off. */
export function logLevelOf(setting: string | undefined): LogLevel | null {
  const v = (setting ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'off') return null;
  if (v === '1' || v === 'true') return 'info';
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : 'info';
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface LoggerOptions {
  /** Where BLUELAMP_LOG is read from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** One line, without its newline (default: standard error). */
  readonly write?: (line: string) => void;
  /** The timestamp of each line (default: none, so lines are comparable across runs). */
  readonly now?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const threshold = logLevelOf((opts.env ?? process.env).BLUELAMP_LOG);
  if (threshold === null) return silentLogger;
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const min = LOG_LEVELS.indexOf(threshold);
  const log =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (LOG_LEVELS.indexOf(level) < min) return;
      const line: Record<string, LogValue> = {};
      if (opts.now) line.time = opts.now().toISOString();
      line.level = level;
      line.event = NAME_LIKE.test(event) ? event : WITHHELD;
      for (const [key, value] of Object.entries(fields)) {
        if (key === 'time' || key === 'level' || key === 'event' || !NAME_LIKE.test(key)) continue;
        line[key] = safeValue(key, value);
      }
      write(JSON.stringify(line));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
