import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedQuotes } from '../../src/app/quotes.ts';
import { FREE_TEXT_QUESTIONS } from '../../src/voice/quotes.ts';
import { tempDir, writeTableCsv } from '../helpers/files.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
let cleanup: () => void;

const PERIOD = '2021/22-Q1';
const OWN_ID = 'S-T0001:could_be_better';
const OTHER_ID = 'S-T0002:went_well';
/** What the victims wrote that no page may show. */
const SECRETS = [
  'Sarah Jones',
  'Jones',
  '07700 900123',
  '900123',
  'Marek Novak',
  'Novak',
  '07700 900456',
];

const answer = (id: string, lpa: string, at: string, question: string, text: string) => ({
  response_id: id,
  survey: 'burglary',
  lpa,
  neighbourhood: `${lpa} 01`,
  interviewed_at: at,
  question,
  answer: text,
});

beforeAll(async () => {
  f = await webFixture();
  const t = tempDir();
  cleanup = t.cleanup;
  const file = writeTableCsv(t.dir, 'extra.csv', 'survey_responses', [
    answer(
      'S-T0001',
      f.lpas.own,
      '2021-05-14T10:00:00',
      'could_be_better',
      'PC Sarah Jones never called me back, ring 07700 900123',
    ),
    answer(
      'S-T0002',
      f.lpas.other,
      '2021-05-15T10:00:00',
      'went_well',
      'Sgt Marek Novak was kind, my number is 07700 900456',
    ),
  ]);
  await f.deps.imports.run('survey_responses', [file], () => undefined);
  await f.deps.facts.refresh();
}, 120_000);
afterAll(async () => {
  await f?.close();
  cleanup?.();
});

const signedIn = async (who: keyof WebFixture['users']) => {
  const b = new Browser(f.app);
  await b.signIn(f.users[who].email);
  return b;
};
const page = (q = '') => `/comments?period=${encodeURIComponent(PERIOD)}${q}`;
const quotePage = (id: string) => `/comments/quote?id=${encodeURIComponent(id)}`;

/** The period's free-text answers as stored, which the redaction changes (names, numbers). */
async function rawAnswersWithPersonalData(): Promise<string[]> {
  const { store } = await f.deps.facts.current();
  const rows = await store.all<{ answer: string }>(
    `SELECT answer FROM survey_responses WHERE question IN (${FREE_TEXT_QUESTIONS.map(() => '?').join(', ')})
     AND interviewed_at >= CAST('2021-04-01' AS TIMESTAMP) AND interviewed_at < CAST('2021-07-01' AS TIMESTAMP)`,
    [...FREE_TEXT_QUESTIONS],
  );
  return rows.map((r) => r.answer).filter((a) => /\b(?:PC|PCSO|DC|DS|Sgt|Insp)\b|07700|@/.test(a));
}

describe('the comments page', () => {
  it('shows an analyst theme × sentiment, the trend and redacted examples, never the original text', async () => {
    const b = await signedIn('analyst');
    // One theme chosen: its examples go back further than the newest three.
    const res = await b.get(page('&theme=communication'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Themes by sentiment');
    expect(res.body).toContain('Themes month by month');
    expect(res.body).toContain('Apr 2021');
    expect(res.body).toContain('[officer] never called me back, ring [phone]');
    for (const s of SECRETS) expect(res.body).not.toContain(s);
    const raw = await rawAnswersWithPersonalData();
    expect(raw.length).toBeGreaterThan(2);
    for (const a of raw) expect(res.body).not.toContain(a);
    expect(res.body).not.toMatch(/07700 ?900\d{3}|@example\.com/);
  });

  it('filters by theme, sentiment and area', async () => {
    const b = await signedIn('analyst');
    const neg = await b.get(page('&theme=communication&sentiment=negative'));
    expect(neg.statusCode).toBe(200);
    expect(neg.body).toContain('[officer] never called me back, ring [phone]');
    expect(neg.body).not.toContain('[officer] was kind, my number is [phone]');
    const pos = await b.get(page('&sentiment=positive'));
    expect(pos.body).not.toContain('[officer] never called me back');
    const other = await b.get(page(`&lpa=${encodeURIComponent(f.lpas.other)}`));
    expect(other.body).toContain('[officer] was kind, my number is [phone]');
    expect(other.body).not.toContain('[officer] never called me back');
    const bad = await b.get(page('&theme=weather&sentiment=cross'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a theme from the list');
    expect(bad.body).toContain('Choose positive, neutral or negative');
  });

  it('shows a scoped analyst their own area’s comments only', async () => {
    const b = await signedIn('scoped');
    const res = await b.get(page('&theme=communication'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('[officer] never called me back');
    expect(res.body).not.toContain('[officer] was kind, my number is [phone]');
    expect((await b.get(quotePage(OTHER_ID))).statusCode).toBe(404);
    expect((await b.get(quotePage(OWN_ID))).statusCode).toBe(200);
  });

  it('is refused to leads, oversight and panel members, and sends the public to sign in', async () => {
    for (const who of ['lead', 'oversight', 'panel'] as const) {
      const b = await signedIn(who);
      expect((await b.get(page())).statusCode, who).toBe(403);
      expect((await b.get(quotePage(OWN_ID))).statusCode, who).toBe(403);
      const nav = await b.get('/');
      expect(nav.body, who).not.toContain('href="/comments"');
    }
    const anon = new Browser(f.app);
    const res = await anon.get(page());
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(/^\/sign-in\?next=/);
    expect(res.body).not.toContain('never called me back');
  });

  it('lets an administrator read but not approve', async () => {
    const b = await signedIn('admin');
    expect((await b.get(page())).statusCode).toBe(200);
    const q = await b.get(quotePage(OWN_ID));
    expect(q.statusCode).toBe(200);
    expect(q.body).not.toContain('Save decision');
    expect((await b.post('/comments/quote', { id: OWN_ID, decision: 'approve' })).statusCode).toBe(
      403,
    );
    expect((await f.deps.records.quotes.decisions())[OWN_ID]).toBeUndefined();
  });
});

describe('the force’s theme framework', () => {
  it('is read from the data directory, and a bad one is reported naming the theme and the field', async () => {
    const b = await signedIn('analyst');
    const file = join(f.dataDir, 'themes.json');
    const theme = { id: 'callbacks', label: 'Call-backs', phrases: ['call * back'] };
    try {
      writeFileSync(file, JSON.stringify({ name: 'Ours', themes: [theme] }));
      const ok = await b.get(page());
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('Call-backs');
      expect(ok.body).not.toContain('Attitude and empathy');
      writeFileSync(file, JSON.stringify({ name: 'Ours', themes: [{ ...theme, phrases: [''] }] }));
      const bad = await b.get(page());
      expect(bad.statusCode).toBe(500);
      expect(bad.body).toContain(
        'themes.json: theme &quot;callbacks&quot; (theme 1), field phrases[1]: each phrase must not be empty.',
      );
    } finally {
      rmSync(file, { force: true });
    }
    expect((await b.get(page())).body).toContain('Attitude and empathy');
  });
});

describe('proposing a comment as a quote', () => {
  it('goes through the quote decisions: approved, it is in the board pack’s quotes, redacted', async () => {
    expect((await approvedQuotes(f.deps.records, PERIOD)).map((q) => q.id)).not.toContain(OWN_ID);
    const b = await signedIn('analyst');
    const list = await b.get(page('&theme=communication&sentiment=negative'));
    const href = /href="(\/comments\/quote\?id=S-T0001[^"]+)"/.exec(list.body)?.[1];
    expect(href).toBeDefined();
    const q = await b.get(href!.replaceAll('&amp;', '&'));
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain('[officer] never called me back, ring [phone]');
    for (const s of SECRETS) expect(q.body).not.toContain(s);

    // Without the form's token: refused, nothing decided.
    const forged = await b.post(
      '/comments/quote',
      { id: OWN_ID, decision: 'approve' },
      { csrf: null },
    );
    expect(forged.statusCode).toBe(403);
    expect((await f.deps.records.quotes.decisions())[OWN_ID]).toBeUndefined();

    const none = await b.post('/comments/quote', { id: OWN_ID });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose whether to approve or reject the quote');

    const res = await b.post('/comments/quote', {
      id: OWN_ID,
      decision: 'approve',
      back: '/comments?period=2021/22-Q1',
    });
    expect(res.statusCode).toBe(303);
    expect(await f.deps.records.quotes.decisions()).toMatchObject({
      [OWN_ID]: {
        status: 'approved',
        by: 'Test analyst',
        survey: 'burglary',
        month: '2021-05',
        text: '[officer] never called me back, ring [phone]',
      },
    });
    const approved = await approvedQuotes(f.deps.records, PERIOD);
    expect(approved.find((x) => x.id === OWN_ID)?.text).toBe(
      '[officer] never called me back, ring [phone]',
    );
    const audit = await f.deps.records.audit.list({ subject: `quote:${OWN_ID}` });
    expect(audit.map((a) => a.action)).toEqual(['quote_approved']);

    // The page's list of the board pack's quotes has it now (it had none before).
    expect(list.body).toContain('No quotes are approved for Q1 2021/22 yet.');
    const after = await b.get(page());
    const approvedList = after.body.slice(after.body.indexOf('id="approved"'));
    expect(approvedList).toContain('“[officer] never called me back, ring [phone]”');
    expect(approvedList).toContain('approved by Test analyst');
    expect(after.body).not.toContain('No quotes are approved');

    // Rejected again: it leaves the board pack.
    await b.get(quotePage(OWN_ID));
    expect(
      (await b.post('/comments/quote', { id: OWN_ID, decision: 'reject', reason: 'too short' }))
        .statusCode,
    ).toBe(303);
    expect((await approvedQuotes(f.deps.records, PERIOD)).map((x) => x.id)).not.toContain(OWN_ID);
  });

  it('answers 404 for a quote that does not exist, and never goes back anywhere but /comments', async () => {
    const b = await signedIn('analyst');
    expect((await b.get(quotePage('S-9999999:went_well'))).statusCode).toBe(404);
    expect(
      (await b.post('/comments/quote', { id: 'S-9999999:went_well', decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    const q = await b.get(
      `${quotePage(OWN_ID)}&back=${encodeURIComponent('https://example.org/x')}`,
    );
    expect(q.body).toContain('href="/comments"');
    expect(q.body).not.toContain('example.org');
  });
});
