/**
 * No victim's comment reaches a board pack or the public site unredacted or unapproved. Quotes
 * reach outputs only through `approvedQuotes` (src/app/quotes.ts) → the board pack
 * (src/app/report-build.ts, src/report/board) in its board and public editions, and the public
 * edition reaches panel members and the public through the reports pages (src/web). Here an
 * approval whose stored text still holds every kind of identifier (as one made by hand, or
 * before the redaction learnt a form, would) and a real candidate approved as listed are put in
 * the demo force's records; a rejected and the pending candidates must not appear at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideQuote, approvedQuotes } from '../../src/app/quotes.ts';
import { boardReport, reportScorecard } from '../../src/app/report-build.ts';
import { rebasesByMeasure } from '../../src/app/rebases.ts';
import { parsePeriod } from '../../src/measures/period.ts';
import { candidateQuotes, type CandidateQuote } from '../../src/voice/quotes.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';
import { finished } from '../web/upload.ts';

const PERIOD = '2021/22-Q4';
const period = parsePeriod(PERIOD);
const actor = { userId: null, via: 'system' as const };

/** Every kind the redaction knows, in the form a victim might write it. */
const SECRETS = {
  officer: 'PC Sarah Jones',
  collar: '4521',
  phone: '07700 900123',
  email: 's.jones@example.com',
  address: '12 Elm Road',
  postcode: 'AB1 2CD',
  vehicle: 'AB12 CDE',
  dob: '12/03/1985',
  name: 'Tyler Pike',
} as const;
const RAW = `${SECRETS.officer} (${SECRETS.collar}) rang from ${SECRETS.phone}, email ${SECRETS.email}, at ${SECRETS.address}, ${SECRETS.postcode}, car ${SECRETS.vehicle}, DOB ${SECRETS.dob}, with ${SECRETS.name}`;
const REDACTED =
  '[officer] ([collar]) rang from [phone], email [email], at [address], [postcode], car [vehicle], DOB [dob], with [name]';
const REJECTED_TEXT = 'A rejected comment that must never be printed';

let f: WebFixture;
let approvedCandidate: CandidateQuote;
let others: CandidateQuote[];

/** The quotes printed in a pack, as text (HTML entities of the redacted tags are plain). */
const printedQuotes = (html: string) =>
  [...html.matchAll(/<blockquote class="bp-quote"><p>([^<]*)<\/p>/g)].map((m) => m[1] ?? '');

function expectSafe(html: string) {
  for (const [kind, secret] of Object.entries(SECRETS))
    expect(html, `${kind} "${secret}" printed`).not.toContain(secret);
  expect(html).not.toContain(REJECTED_TEXT);
  const printed = printedQuotes(html);
  expect(printed).toContain(REDACTED);
  expect(printed).toContain(approvedCandidate.text);
  // Nothing but the two approved quotes: no pending candidate is printed.
  expect(printed).toHaveLength(2);
}

beforeAll(async () => {
  f = await webFixture();
  const { store } = await f.deps.facts.current();
  const candidates = await candidateQuotes(store, { start: period.start, end: period.end });
  expect(candidates.length).toBeGreaterThan(3);
  // A candidate is listed redacted: with the demo staff list, no demo officer's name is left.
  for (const c of candidates) expect(c.text).not.toMatch(/\b(?:PC|DC|DS|Sgt|Insp|PCSO) [A-Z]/);
  // The earliest month first, so both approvals are among the three a pack prints.
  const first = [...candidates].sort((a, b) => a.month.localeCompare(b.month))[0];
  approvedCandidate = first as CandidateQuote;
  others = candidates.filter((c) => c.text !== approvedCandidate.text);
  const records = f.deps.records;
  await decideQuote(
    records,
    approvedCandidate,
    { status: 'approved', by: 'A', now: new Date() },
    actor,
  );
  await records.quotes.decide(
    'S-HAND:went_well',
    {
      status: 'approved',
      by: 'A',
      at: new Date().toISOString(),
      survey: 'burglary',
      question: 'went_well',
      month: approvedCandidate.month,
      text: RAW,
    },
    actor,
  );
  const rejected = others[0] as CandidateQuote;
  await records.quotes.decide(
    rejected.id,
    {
      status: 'rejected',
      by: 'A',
      at: new Date().toISOString(),
      survey: rejected.survey,
      question: rejected.question,
      month: rejected.month,
      text: REJECTED_TEXT,
    },
    actor,
  );
}, 120_000);
afterAll(async () => {
  await f?.close();
});

describe('quotes on their way out', () => {
  it('approvedQuotes gives the approved ones only, redacted again', async () => {
    const q = await approvedQuotes(f.deps.records, PERIOD);
    expect(q.map((x) => x.text).sort()).toEqual([REDACTED, approvedCandidate.text].sort());
  });

  it.each(['board', 'public'] as const)(
    'the %s edition of the board pack prints no identifier and no unapproved quote',
    async (edition) => {
      const { store } = await f.deps.facts.current();
      const card = await reportScorecard(
        store,
        { period, lpa: null },
        await rebasesByMeasure(f.deps.records),
      );
      const { html } = await boardReport(f.deps.records, card, {
        edition,
        period,
        lpa: null,
        meeting: null,
        owner: null,
        generatedAt: new Date().toISOString(),
      });
      expectSafe(html);
    },
    120_000,
  );

  it('the public edition reaches panel members and the public site with none of them', async () => {
    const analyst = new Browser(f.app);
    await analyst.signIn(f.users.analyst.email);
    await analyst.get('/reports');
    const res = await analyst.post('/reports', { period: PERIOD, edition: 'public' });
    expect(res.statusCode).toBe(303);
    const job = await finished(f, String(res.headers.location), 180_000);
    expect(job.error).toBeNull();
    const pub = (await f.deps.records.publications.list()).find((p) => p.edition === 'public');
    expect(pub).toBeDefined();
    await analyst.get('/reports');
    expect((await analyst.post(`/reports/${pub?.id}/publish`)).statusCode).toBe(303);
    // Publishing lists the edition on the public site under its own id.
    const [published] = await f.deps.records.publications.list({ publicOnly: true });
    expect(published?.sha256).toBe(pub?.sha256);

    const panel = new Browser(f.app);
    await panel.signIn(f.users.panel.email);
    const forPanel = await panel.get(`/reports/${pub?.id}/download`);
    expect(forPanel.statusCode).toBe(200);
    expectSafe(forPanel.body);

    const forPublic = await f.app.inject({ url: `/public/reports/${published?.id}` });
    expect(forPublic.statusCode).toBe(200);
    expectSafe(forPublic.body);
    for (const page of ['/public', '/public/reports']) {
      const body = (await f.app.inject({ url: page })).body;
      for (const secret of Object.values(SECRETS)) expect(body).not.toContain(secret);
    }
  }, 240_000);
});
