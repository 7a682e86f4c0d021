import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BluelampError } from '../lib/errors.ts';
import { formatDate } from '../present/format.ts';
import type { Actor, Escalation, Records, Task, User } from '../records/api.ts';
import { DUE_SOON_DAYS, londonDate } from '../records/accountability/clock.ts';
import { dueText, shortened, taskHref } from '../web/pages/tasks.ts';
import { parseSmtpUrl, sendMail, type SmtpServer } from './smtp.ts';

/**
 * The weekly digest (`bluelamp digest`): for each user with something overdue, due soon or
 * escalated to them, a plain-text and HTML message of exactly that, built from the records'
 * tasks (the same items as their /tasks page). Running it for real (to files or by mail) first
 * records the escalations due (records `tasks.escalate`: once per item and due date, so a
 * second run escalates nothing again). A digest names no one but its reader: escalated items
 * say whose line they came through, never whose they are.
 */
export interface DigestItem {
  readonly kind: string;
  readonly title: string;
  readonly context: string;
  readonly due: string;
  readonly url: string;
  /** When this item was escalated to the reader's line (their own items only). */
  readonly escalatedOn: string | null;
}

export interface Digest {
  readonly userId: string;
  /** Where it is sent; never written into a digest file. */
  readonly email: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly counts: {
    readonly overdue: number;
    readonly dueSoon: number;
    readonly later: number;
    readonly escalated: number;
  };
}

const KIND_NAMES: Record<Task['kind'], string> = {
  finding: 'Finding',
  response: 'Statutory response',
  delivery_update: 'Delivery update',
  challenge: 'Challenge',
  action: 'Meeting action',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function urlOf(baseUrl: string | null, path: string): string {
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}${path}` : path;
}

function item(t: Task, baseUrl: string | null, escalation: Escalation | undefined): DigestItem {
  return {
    kind: KIND_NAMES[t.kind],
    title: shortened(t.title, 200),
    context: t.context,
    due: dueText(t),
    url: urlOf(baseUrl, taskHref(t)),
    escalatedOn: escalation ? formatDate(londonDate(escalation.escalatedAt)) : null,
  };
}

interface Sections {
  readonly overdue: readonly DigestItem[];
  readonly dueSoon: readonly DigestItem[];
  readonly escalated: readonly DigestItem[];
  readonly later: number;
}

function textOf(
  s: Sections,
  h: { title: string; greeting: string; tasksUrl: string; escalateAfterDays: number },
) {
  const lines = [h.title, '', h.greeting, ''];
  const block = (heading: string, items: readonly DigestItem[], note?: string) => {
    if (items.length === 0) return;
    lines.push(`${heading} (${items.length})`, '-'.repeat(heading.length + 4));
    if (note) lines.push(note, '');
    for (const i of items) {
      lines.push(`* ${i.title}`, `  ${i.kind} – ${i.context}`, `  ${i.due}`);
      if (i.escalatedOn) lines.push(`  Escalated to your line manager on ${i.escalatedOn}.`);
      lines.push(`  ${i.url}`, '');
    }
  };
  block('Overdue', s.overdue);
  block(`Due in the next ${DUE_SOON_DAYS} days`, s.dueSoon);
  block(
    'Escalated to you',
    s.escalated,
    `Items of people who report to you, more than ${plural(h.escalateAfterDays, 'day')} overdue.`,
  );
  if (s.later > 0) lines.push(`You also have ${plural(s.later, 'item')} due later.`);
  lines.push(`Everything due for you: ${h.tasksUrl}`, '', 'This digest lists only your own items.');
  return `${lines.join('\n')}\n`;
}

function htmlOf(
  s: Sections,
  h: { title: string; greeting: string; tasksUrl: string; escalateAfterDays: number },
) {
  const block = (heading: string, items: readonly DigestItem[], note?: string) =>
    items.length === 0
      ? ''
      : [
          `<h2 style="font-size:19px;margin:24px 0 8px">${esc(heading)} (${items.length})</h2>`,
          note ? `<p style="margin:0 0 8px">${esc(note)}</p>` : '',
          '<ul style="padding-left:20px;margin:0">',
          ...items.map(
            (i) =>
              `<li style="margin-bottom:12px"><a href="${esc(i.url)}">${esc(i.title)}</a><br>` +
              `<span style="color:#505a5f">${esc(i.kind)} – ${esc(i.context)}</span><br>` +
              `<strong>${esc(i.due)}</strong>` +
              (i.escalatedOn
                ? `<br>Escalated to your line manager on ${esc(i.escalatedOn)}.`
                : '') +
              '</li>',
          ),
          '</ul>',
        ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    '<meta name="bluelamp-marking" content="OFFICIAL">',
    `<title>${esc(h.title)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c;max-width:640px">',
    `<h1 style="font-size:24px">${esc(h.title)}</h1>`,
    `<p>${esc(h.greeting)}</p>`,
    block('Overdue', s.overdue),
    block(`Due in the next ${DUE_SOON_DAYS} days`, s.dueSoon),
    block(
      'Escalated to you',
      s.escalated,
      `Items of people who report to you, more than ${plural(h.escalateAfterDays, 'day')} overdue.`,
    ),
    s.later > 0 ? `<p>You also have ${plural(s.later, 'item')} due later.</p>` : '',
    `<p><a href="${esc(h.tasksUrl)}">Everything due for you</a></p>`,
    '<p style="color:#505a5f">This digest lists only your own items.</p>',
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * One digest per enabled user with something overdue, due soon or escalated to them, built
 * from the records as they stand at `now` (escalations already recorded included).
 */
export async function buildDigests(
  records: Records,
  opts: { now: Date; serviceName?: string; baseUrl?: string | null },
): Promise<Digest[]> {
  const serviceName = opts.serviceName ?? 'Bluelamp';
  const baseUrl = opts.baseUrl ?? null;
  const today = formatDate(londonDate(opts.now));
  const [people, escalations, settings, all] = await Promise.all([
    records.users.list(),
    records.tasks.escalations(),
    records.tasks.reminderSettings(),
    records.settings.get(),
  ]);
  const forceName = typeof all.forceName === 'string' ? all.forceName : null;
  const escalationOf = new Map(escalations.map((e) => [`${e.subject}|${e.dueOn}`, e]));
  const out: Digest[] = [];
  for (const u of people.filter((p: User) => !p.disabled)) {
    const tasks = await records.tasks.forUser(u.id, opts.now);
    const toMe = await records.tasks.escalatedTo(u.id, opts.now);
    const own = (t: Task) => item(t, baseUrl, escalationOf.get(`${t.subject}|${t.dueOn}`));
    const sections: Sections = {
      overdue: tasks.filter((t) => t.state === 'overdue').map(own),
      dueSoon: tasks.filter((t) => t.state === 'due_soon').map(own),
      escalated: toMe.map((e) => item(e.task, baseUrl, undefined)),
      later: tasks.filter((t) => t.state === 'later').length,
    };
    if (sections.overdue.length + sections.dueSoon.length + sections.escalated.length === 0)
      continue;
    const counts = {
      overdue: sections.overdue.length,
      dueSoon: sections.dueSoon.length,
      later: sections.later,
      escalated: sections.escalated.length,
    };
    const parts = [
      counts.overdue ? `${counts.overdue} overdue` : '',
      counts.dueSoon ? `${counts.dueSoon} due soon` : '',
      counts.escalated ? `${counts.escalated} escalated to you` : '',
    ].filter(Boolean);
    const head = {
      title: `${serviceName}${forceName ? ` – ${forceName}` : ''}: what is due for you`,
      greeting: `${u.displayName}, this is what is overdue or due soon for you on ${today}.`,
      tasksUrl: urlOf(baseUrl, '/tasks'),
      escalateAfterDays: settings.escalateAfterDays,
    };
    out.push({
      userId: u.id,
      email: u.email,
      subject: `${serviceName}: ${parts.join(', ')}`,
      text: textOf(sections, head),
      html: htmlOf(sections, head),
      counts,
    });
  }
  return out;
}

// ---- The message --------------------------------------------------------------------------

/** Quoted-printable (RFC 2045), CRLF lines of at most 76 characters. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    let encoded = '';
    for (const byte of Buffer.from(line, 'utf8')) {
      const c = String.fromCharCode(byte);
      encoded +=
        (byte >= 33 && byte <= 126 && c !== '=') || byte === 32 || byte === 9
          ? c
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    // A space or tab at a line's end is encoded, or a mail server may drop it.
    encoded = encoded.replace(/[ \t]$/, (m) => `=${m.charCodeAt(0).toString(16).toUpperCase()}`);
    let rest = encoded;
    while (rest.length > 76) {
      let cut = 75;
      // Never split an =XX escape.
      const eq = rest.lastIndexOf('=', cut);
      if (eq > cut - 3) cut = eq;
      out.push(`${rest.slice(0, cut)}=`);
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out.join('\r\n');
}

/** A header value in UTF-8 when it is not plain ASCII (RFC 2047). */
const headerText = (s: string) =>
  /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

/** RFC 5322's date: "Mon, 12 May 2025 09:00:00 +0000". */
const mailDate = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/**
 * The digest as a MIME message (multipart/alternative: plain text, then HTML). `envelope`
 * adds From, To and Message-ID for sending; a file keeps only what its reader may see.
 */
export function mimeMessage(
  d: Digest,
  now: Date,
  envelope?: { from: string; to: string; host: string },
): string {
  const boundary = `bluelamp-${createHash('sha256').update(d.text).digest('hex').slice(0, 24)}`;
  const headers = [
    ...(envelope
      ? [
          `From: ${envelope.from}`,
          `To: ${envelope.to}`,
          `Message-ID: <digest-${d.userId}-${now.getTime()}@${envelope.host}>`,
        ]
      : []),
    `Date: ${mailDate(now)}`,
    `Subject: ${headerText(d.subject)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(body),
    ].join('\r\n');
  return `${[...headers, '', part('text/plain', d.text), part('text/html', d.html), `--${boundary}--`, ''].join('\r\n')}`;
}

// ---- Running it ---------------------------------------------------------------------------

export interface DigestRun {
  readonly digests: readonly Digest[];
  /** Escalations recorded by this run (none in a preview). */
  readonly escalated: readonly Escalation[];
  readonly files: readonly string[];
  readonly sent: number;
  /** The mail server used, for the summary ("host:port"). */
  readonly server: string | null;
}

/** The mail server from the environment (BLUELAMP_SMTP_URL) or the settings (smtpUrl), if any. */
export async function smtpConfigOf(
  records: Records,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ server: SmtpServer; from: string } | null> {
  const s = await records.settings.get();
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const url = text(env.BLUELAMP_SMTP_URL) ?? text(s.smtpUrl);
  if (url === null) return null;
  const server = parseSmtpUrl(url);
  const from = text(env.BLUELAMP_SMTP_FROM) ?? text(s.smtpFrom) ?? `bluelamp@${server.host}`;
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(from))
    throw new BluelampError(
      'CONFIG_INVALID',
      `The digest's sender "${from}" is not an email address.`,
      {
        hint: 'Set BLUELAMP_SMTP_FROM (or the setting smtpFrom) to an address like bluelamp@force.example.',
      },
    );
  return { server, from };
}

export const DIGEST_FILE = (userId: string) => `digest-user-${userId}.eml`;

/**
 * Runs the digest: a preview (nothing recorded, written or sent), or for real — escalations
 * recorded, then one file per user (`toFiles`, readable by the owner only) and/or one message
 * per user (`send`, only when a mail server is configured; otherwise a clear error before
 * anything is done). Each digest written or sent is audited (the user and the count, no text).
 */
export async function runDigest(
  records: Records,
  opts: {
    now: Date;
    actor: Actor;
    env: Readonly<Record<string, string | undefined>>;
    toFiles?: string | null;
    send?: boolean;
    baseUrl?: string | null;
    serviceName?: string;
  },
): Promise<DigestRun> {
  const live = Boolean(opts.toFiles) || opts.send === true;
  const mail = opts.send ? await smtpConfigOf(records, opts.env) : null;
  if (opts.send && mail === null)
    throw new BluelampError(
      'CONFIG_INVALID',
      'No mail server is configured, so no digest was sent.',
      {
        hint: 'Set BLUELAMP_SMTP_URL (or the setting smtpUrl) to smtp://user:password@host:587 or smtps://host:465, or write the digests to files with --to-files DIR.',
      },
    );
  const escalated = live ? await records.tasks.escalate(opts.actor, opts.now) : [];
  const digests = await buildDigests(records, {
    now: opts.now,
    baseUrl: opts.baseUrl ?? null,
    ...(opts.serviceName ? { serviceName: opts.serviceName } : {}),
  });
  const files: string[] = [];
  if (opts.toFiles) {
    mkdirSync(opts.toFiles, { recursive: true });
    for (const d of digests) {
      const path = join(opts.toFiles, DIGEST_FILE(d.userId));
      writeFileSync(path, mimeMessage(d, opts.now), { mode: 0o600 });
      chmodSync(path, 0o600); // an existing file keeps its mode otherwise
      files.push(path);
      await records.audit.append(
        {
          action: 'digest_written',
          subject: `user:${d.userId}`,
          details: {
            overdue: d.counts.overdue,
            dueSoon: d.counts.dueSoon,
            escalated: d.counts.escalated,
          },
        },
        opts.actor,
      );
    }
  }
  let sent = 0;
  if (mail) {
    await sendMail(
      mail.server,
      digests.map((d) => ({
        from: mail.from,
        to: d.email,
        data: mimeMessage(d, opts.now, { from: mail.from, to: d.email, host: mail.server.host }),
      })),
    );
    sent = digests.length;
    for (const d of digests)
      await records.audit.append(
        {
          action: 'digest_sent',
          subject: `user:${d.userId}`,
          details: {
            overdue: d.counts.overdue,
            dueSoon: d.counts.dueSoon,
            escalated: d.counts.escalated,
          },
        },
        opts.actor,
      );
  }
  return {
    digests,
    escalated,
    files,
    sent,
    server: mail ? `${mail.server.host}:${mail.server.port}` : null,
  };
}
