import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/app/deps.ts';
import { quotedPrintable } from '../../src/app/digest.ts';
import { dataBlock, parseSmtpUrl } from '../../src/app/smtp.ts';
import type { Actor } from '../../src/records/api.ts';
import { openRecords } from '../../src/records/open.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

// `bluelamp digest`: a preview, one file per user (theirs only, readable by them only), and
// mail through a tiny SMTP server of the test's own on 127.0.0.1 — never a real one. The CLI's
// clock is 5 July 2021 (test/helpers/cli.ts).

const cli: Actor = { userId: null, via: 'cli' };
let dir: string;
let cleanup: () => void;
let dataDir: string;
const ids: Record<string, string> = {};

/** Quoted-printable back to text, as a mail reader would. */
function decodeQp(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('bluelamp-digest-'));
  dataDir = join(dir, 'data');
  await (await buildDeps({ dataDir, access: 'create', command: 'test' })).close();
  const records = await openRecords({
    dataDir,
    clock: { now: () => new Date('2021-07-01T09:00:00Z') },
  });
  try {
    const add = async (key: string, displayName: string, role: 'lead' | 'oversight') => {
      const u = await records.users.add(
        { email: `${key}@force.example`, displayName, role, password: 'a long enough password' },
        cli,
      );
      ids[key] = u.id;
    };
    await add('alex', 'Alex Lead', 'lead');
    await add('morgan', 'Morgan Manager', 'oversight');
    await add('olu', 'Olu Office', 'oversight');
    await add('idle', 'Idle Lead', 'lead');
    await records.tasks.setLine(ids.alex!, ids.morgan!, cli);
    const source = await records.findingSources.add(
      {
        kind: 'hmicfrs',
        title: 'Crime data integrity inspection (test)',
        reportKind: 'peel',
        publishedOn: '2021-05-01',
      },
      cli,
    );
    const finding = async (ref: string, due: string) => {
      const f = await records.findings.add(
        {
          sourceId: source.id,
          ref,
          kind: 'area_for_improvement',
          text: `Improve how crimes are recorded (${ref}, test).`,
          scope: 'force',
          due,
          leadUserId: ids.alex!,
        },
        cli,
      );
      await records.findings.transition(f.id, 'allocated', cli);
      return f.id;
    };
    ids.late = await finding('AFI 1', '2021-06-01');
    ids.soon = await finding('AFI 2', '2021-07-10');
    ids.response = (await records.responses.draft(source.id, cli)).id;
  } finally {
    await records.close();
  }
});
afterAll(() => cleanup?.());

async function withStore<T>(work: (r: Awaited<ReturnType<typeof openRecords>>) => Promise<T>) {
  const r = await openRecords({ dataDir, clock: { now: () => new Date() } });
  try {
    return await work(r);
  } finally {
    await r.close();
  }
}

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A tiny SMTP server on 127.0.0.1: takes mail (or refuses recipients), keeps what it got. */
async function smtpServer(opts: { refuseRcpt?: boolean } = {}) {
  const received: Received[] = [];
  const auth: string[] = [];
  const server: Server = createServer((sock) => {
    sock.setEncoding('utf8');
    let buf = '';
    let data: string[] | null = null;
    let current: Received = { from: '', to: [], data: '' };
    sock.write('220 test.invalid ESMTP ready\r\n');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line === '.') {
            current.data = data.join('\r\n');
            received.push(current);
            current = { from: '', to: [], data: '' };
            data = null;
            sock.write('250 queued\r\n');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const cmd = line.toUpperCase();
        if (cmd.startsWith('EHLO'))
          sock.write('250-test.invalid\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (cmd.startsWith('AUTH PLAIN ')) {
          auth.push(Buffer.from(line.slice(11), 'base64').toString('utf8'));
          sock.write('235 authenticated\r\n');
        } else if (cmd.startsWith('MAIL FROM:')) {
          current.from = line.slice(10).replace(/[<>]/g, '');
          sock.write('250 ok\r\n');
        } else if (cmd.startsWith('RCPT TO:')) {
          if (opts.refuseRcpt) sock.write('550 no such mailbox\r\n');
          else {
            current.to.push(line.slice(8).replace(/[<>]/g, ''));
            sock.write('250 ok\r\n');
          }
        } else if (cmd === 'DATA') {
          data = [];
          sock.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') {
          sock.end('221 bye\r\n');
        } else sock.write('500 unknown\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    auth,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('bluelamp digest', () => {
  it('previews who has items without escalating, writing or sending anything', async () => {
    const r = await runCli(['--data-dir', dataDir, 'digest']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('3 users have items:');
    expect(r.out).toContain(`user ${ids.alex}: 1 overdue, 1 due soon, 0 escalated to them`);
    expect(r.out).toContain(`user ${ids.olu}: 1 overdue, 0 due soon, 0 escalated to them`);
    expect(r.out).not.toContain(`user ${ids.idle}:`);
    expect(r.out).toContain('Preview only');
    expect(await withStore((s) => s.tasks.escalations())).toEqual([]);
  });

  it('refuses --send with no mail server configured, and does nothing', async () => {
    const r = await runCli(['--data-dir', dataDir, 'digest', '--send']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No mail server is configured');
    expect(r.err).toContain('BLUELAMP_SMTP_URL');
    expect(await withStore((s) => s.tasks.escalations())).toEqual([]);
    const bad = await runCli(['--data-dir', dataDir, 'digest', '--send'], {
      env: { BLUELAMP_SMTP_URL: 'http://mail.example' },
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('must start smtp:// or smtps://');
  });

  it('writes one file per user, readable by them only, naming no one else; escalates once', async () => {
    const out = join(dir, 'digests');
    const r = await runCli([
      '--data-dir',
      dataDir,
      'digest',
      '--to-files',
      out,
      '--base-url',
      'https://bluelamp.force.example/',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Escalations recorded now: 1 (finding:${ids.late})`);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      [ids.alex, ids.morgan, ids.olu].map((id) => `digest-user-${id}.eml`).sort(),
    );
    const read = (id: string) => {
      const path = join(out, `digest-user-${id}.eml`);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      return decodeQp(readFileSync(path, 'utf8'));
    };
    const alex = read(ids.alex!);
    expect(alex).toContain('Content-Type: multipart/alternative');
    expect(alex).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(alex).toContain('Content-Type: text/html; charset=UTF-8');
    expect(alex).toContain(
      'Alex Lead, this is what is overdue or due soon for you on 5 July 2021.',
    );
    expect(alex).toContain('AFI 1: Improve how crimes are recorded (AFI 1, test).');
    expect(alex).toContain('Due 1 June 2021 – 34 days overdue');
    expect(alex).toContain('Due 10 July 2021 – in 5 days');
    expect(alex).toContain(`https://bluelamp.force.example/findings/${ids.late}`);
    expect(alex).toContain('Escalated to your line manager on 5 July 2021.');
    const morgan = read(ids.morgan!);
    expect(morgan).toContain('Escalated to you (1)');
    expect(morgan).toContain('Response to Crime data integrity inspection (test)');
    // No one's personal data but the reader's own name: no emails, no other names.
    for (const [text, own] of [
      [alex, 'Alex Lead'],
      [morgan, 'Morgan Manager'],
      [read(ids.olu!), 'Olu Office'],
    ] as const) {
      expect(text).toContain(own);
      expect(text).not.toMatch(/@force\.example/);
      for (const other of ['Alex Lead', 'Morgan Manager', 'Olu Office', 'Idle Lead'])
        if (other !== own) expect(text).not.toContain(other);
    }
    const again = await runCli(['--data-dir', dataDir, 'digest', '--to-files', out]);
    expect(again.out).toContain('Escalations recorded now: 0.');
    const audit = await withStore((s) => s.audit.list({ action: 'task_escalated' }));
    expect(audit).toHaveLength(1);
    const written = await withStore((s) => s.audit.list({ action: 'digest_written' }));
    expect(written).toHaveLength(6);
    expect(written[0]?.details).not.toHaveProperty('email');
  });

  it('sends each digest to its reader through the configured SMTP server', async () => {
    const smtp = await smtpServer();
    try {
      const r = await runCli(['--data-dir', dataDir, 'digest', '--send'], {
        env: {
          BLUELAMP_SMTP_URL: `smtp://digest:s%40cret@127.0.0.1:${smtp.port}`,
          BLUELAMP_SMTP_FROM: 'bluelamp@force.example',
        },
      });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`Sent 3 digests through 127.0.0.1:${smtp.port}.`);
      expect(smtp.auth).toEqual(['\0digest\0s@cret']);
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(
        ['alex@force.example', 'morgan@force.example', 'olu@force.example'].sort(),
      );
      const toAlex = smtp.received.find((m) => m.to[0] === 'alex@force.example')!;
      expect(toAlex.from).toBe('bluelamp@force.example');
      expect(toAlex.data).toContain('To: alex@force.example');
      expect(toAlex.data).toContain('From: bluelamp@force.example');
      expect(toAlex.data).toMatch(/^Subject: Bluelamp: 1 overdue, 1 due soon$/m);
      expect(decodeQp(toAlex.data)).toContain('Alex Lead, this is what is overdue');
      const sent = await withStore((s) => s.audit.list({ action: 'digest_sent' }));
      expect(sent).toHaveLength(3);
    } finally {
      await smtp.close();
    }
  });

  it('stops with a clear error when the server refuses a recipient', async () => {
    const smtp = await smtpServer({ refuseRcpt: true });
    try {
      const r = await runCli(['--data-dir', dataDir, 'digest', '--send'], {
        env: { BLUELAMP_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
      });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/refused the recipient .*@force\.example: 550 no such mailbox/);
    } finally {
      await smtp.close();
    }
  });

  it('encodes and frames messages as SMTP and MIME require', () => {
    expect(parseSmtpUrl('smtps://mail.example')).toMatchObject({ secure: true, port: 465 });
    expect(parseSmtpUrl('smtp://u:p@mail.example:2525')).toMatchObject({
      secure: false,
      port: 2525,
      user: 'u',
      password: 'p',
    });
    expect(dataBlock('a\n.b\n..c\n')).toBe('a\r\n..b\r\n...c\r\n.\r\n');
    const long = `${'x'.repeat(100)} – done `;
    const qp = quotedPrintable(long);
    expect(qp.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(decodeQp(qp)).toBe(long);
    expect(quotedPrintable('a=b')).toBe('a=3Db');
  });
});
