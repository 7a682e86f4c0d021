import { createConnection, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { BluelampError } from '../lib/errors.ts';

/**
 * A minimal SMTP client (RFC 5321) for the weekly digest: one connection for every message,
 * EHLO, STARTTLS when the server offers it (`smtp://`) or TLS from the start (`smtps://`),
 * AUTH PLAIN when the URL has credentials (never over an unencrypted connection except to
 * this machine), then MAIL FROM, RCPT TO and DATA per message, and QUIT. Messages are whole
 * RFC 5322 texts (digest.ts builds them); lines are dot-stuffed here.
 *
 * The server is configuration: `smtp://user:password@host:587` or `smtps://host:465`.
 */
export interface SmtpServer {
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly user: string | null;
  readonly password: string | null;
}

export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  /** The whole message: headers, a blank line, the body (CRLF or LF line ends). */
  readonly data: string;
}

/** A server from its URL; a bad one is a configuration error naming the rule. */
export function parseSmtpUrl(text: string): SmtpServer {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw smtpConfig('The mail server address is not a URL.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw smtpConfig(
      `The mail server address must start smtp:// or smtps://, not ${url.protocol}//.`,
    );
  if (!url.hostname) throw smtpConfig('The mail server address has no host.');
  const secure = url.protocol === 'smtps:';
  return {
    secure,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

const smtpConfig = (message: string) =>
  new BluelampError('CONFIG_INVALID', message, {
    hint: 'Set BLUELAMP_SMTP_URL (or the setting smtpUrl) to smtp://user:password@host:587 or smtps://host:465.',
  });

const smtpFailed = (server: SmtpServer, what: string, cause?: unknown) =>
  new BluelampError('DEPENDENCY_MISSING', `The mail server ${server.host}:${server.port} ${what}`, {
    hint: 'Check the mail server address (BLUELAMP_SMTP_URL or the setting smtpUrl) and that it accepts mail from here.',
    cause,
  });

/** Whether a host is this machine (where an unencrypted AUTH does not cross a network). */
const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** Lines dot-stuffed (RFC 5321 4.5.2), CRLF line ends, ending with the lone dot. */
export function dataBlock(message: string): string {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return `${lines.map((l) => (l.startsWith('.') ? `.${l}` : l)).join('\r\n')}\r\n.\r\n`;
}

interface Reply {
  readonly code: number;
  readonly lines: string[];
}

/** Reads SMTP replies (one or more lines, the last "NNN text") from a socket. */
class Replies {
  private buffer = '';
  private pending: Reply[] = [];
  private waiting: ((r: Reply) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  private error: Error | null = null;
  private lines: string[] = [];
  private socket: Socket | TLSSocket;

  constructor(socket: Socket | TLSSocket) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Reads from a new socket (after STARTTLS). */
  attach(socket: Socket | TLSSocket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.take(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('the connection closed')));
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, '');
      this.buffer = this.buffer.slice(i + 1);
      this.lines.push(line);
      const m = /^(\d{3})([ -])/.exec(line) ?? /^(\d{3})$/.exec(line);
      if (m && m[2] !== '-') {
        const reply = { code: Number(m[1]), lines: this.lines.map((l) => l.slice(4)) };
        this.lines = [];
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = null;
          this.failed = null;
          w(reply);
        } else this.pending.push(reply);
      }
    }
  }

  private fail(e: Error): void {
    this.error ??= e;
    if (this.failed) {
      const f = this.failed;
      this.waiting = null;
      this.failed = null;
      f(e);
    }
  }

  next(timeoutMs: number): Promise<Reply> {
    const ready = this.pending.shift();
    if (ready) return Promise.resolve(ready);
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        this.failed = null;
        reject(new Error(`no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.failed = (e) => {
        clearTimeout(timer);
        reject(e);
      };
    });
  }

  /** Stops reading from the current socket (its bytes now belong to TLS). */
  detach(): Socket | TLSSocket {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    return this.socket;
  }
}

function open(server: SmtpServer, timeoutMs: number): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = server.secure
      ? tlsConnect({ host: server.host, port: server.port, servername: server.host })
      : createConnection({ host: server.host, port: server.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no connection within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once(server.secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * Sends every message over one connection; the first refusal stops the run with a coded error
 * (the messages before it were sent). `helo` names this machine to the server.
 */
export async function sendMail(
  server: SmtpServer,
  messages: readonly OutgoingMail[],
  opts: { helo?: string; timeoutMs?: number } = {},
): Promise<void> {
  if (messages.length === 0) return;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const helo = opts.helo ?? 'bluelamp.localhost';
  let socket: Socket | TLSSocket;
  try {
    socket = await open(server, timeoutMs);
  } catch (e) {
    throw smtpFailed(server, `could not be reached: ${(e as Error).message}.`, e);
  }
  const replies = new Replies(socket);
  let secure = server.secure;
  const expect = async (codes: readonly number[], what: string) => {
    let r: Reply;
    try {
      r = await replies.next(timeoutMs);
    } catch (e) {
      throw smtpFailed(server, `stopped answering (${what}): ${(e as Error).message}.`, e);
    }
    if (!codes.includes(r.code))
      throw smtpFailed(server, `refused ${what}: ${r.code} ${r.lines.join(' ').trim()}`);
    return r;
  };
  const send = (line: string, what: string, codes: readonly number[]) => {
    socket.write(`${line}\r\n`);
    return expect(codes, what);
  };
  try {
    await expect([220], 'the connection');
    let ehlo = await send(`EHLO ${helo}`, 'the greeting (EHLO)', [250]);
    const offers = (word: string) => ehlo.lines.some((l) => l.toUpperCase().startsWith(word));
    if (!secure && offers('STARTTLS')) {
      await send('STARTTLS', 'to start TLS', [220]);
      const plain = replies.detach() as Socket;
      socket = await new Promise<TLSSocket>((resolve, reject) => {
        const s = tlsConnect({ socket: plain, servername: server.host }, () => resolve(s));
        s.once('error', reject);
      }).catch((e: unknown) => {
        throw smtpFailed(server, `failed to start TLS: ${(e as Error).message}.`, e);
      });
      replies.attach(socket);
      secure = true;
      ehlo = await send(`EHLO ${helo}`, 'the greeting after TLS (EHLO)', [250]);
    }
    if (server.user !== null) {
      if (!secure && !isLoopback(server.host))
        throw smtpFailed(
          server,
          'offers no encryption, so the password was not sent. Use smtps://, or a server that offers STARTTLS.',
        );
      const token = Buffer.from(`\0${server.user}\0${server.password ?? ''}`).toString('base64');
      await send(`AUTH PLAIN ${token}`, 'the user name and password', [235]);
    }
    for (const m of messages) {
      await send(`MAIL FROM:<${m.from}>`, `the sender ${m.from}`, [250]);
      await send(`RCPT TO:<${m.to}>`, `the recipient ${m.to}`, [250, 251]);
      await send('DATA', 'a message', [354]);
      socket.write(dataBlock(m.data));
      await expect([250], `the message to ${m.to}`);
    }
    await send('QUIT', 'to end', [221]).catch(() => undefined);
  } finally {
    socket.end();
    socket.destroy();
  }
}
