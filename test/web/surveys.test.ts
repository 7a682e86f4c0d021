import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/records/api.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const ROLES: readonly Role[] = ['admin', 'analyst', 'lead', 'oversight', 'panel'];
const PERIOD = '2021/22';
const page = (survey: string, by: string[], extra = '') =>
  `/surveys/${survey}?period=${encodeURIComponent(PERIOD)}${by.map((b) => `&by=${b}`).join('')}${extra}`;

async function as(role: Role | 'scoped'): Promise<Browser> {
  const b = new Browser(f.app);
  await b.signIn(f.users[role].email);
  return b;
}

describe('the survey explorer pages', () => {
  it('lets each role in or not: staff views for analysts and administrators only', async () => {
    const open = { admin: 200, analyst: 200, lead: 200, oversight: 200, panel: 403 };
    const staff = { admin: 200, analyst: 200, lead: 403, oversight: 403, panel: 403 };
    for (const role of ROLES) {
      const b = await as(role);
      expect((await b.get('/surveys')).statusCode, `${role} /surveys`).toBe(open[role]);
      expect((await b.get(page('sms', ['lpa']))).statusCode, `${role} by lpa`).toBe(open[role]);
      for (const field of ['team', 'staff']) {
        expect((await b.get(page('sms', [field]))).statusCode, `${role} by ${field}`).toBe(
          staff[role],
        );
        expect(
          (await b.get(`/surveys/sms/download.csv?period=${PERIOD}&by=lpa&by=${field}`)).statusCode,
          `${role} CSV by ${field}`,
        ).toBe(staff[role]);
      }
    }
    // The public: signed out, sent to sign in, for every page and the download.
    const anon = new Browser(f.app);
    for (const url of ['/surveys', page('sms', ['lpa']), `/surveys/sms/download.csv?by=lpa`]) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(String(res.headers.location)).toMatch(/^\/sign-in/);
    }
  });

  it('offers the team and individual fields only to those who may use them', async () => {
    const analyst = await (await as('analyst')).get(page('sms', ['lpa']));
    const lead = await (await as('lead')).get(page('sms', ['lpa']));
    expect(analyst.body).toContain('value="staff"');
    expect(analyst.body).toContain('value="team"');
    expect(lead.body).not.toContain('value="staff"');
    expect(lead.body).not.toContain('value="team"');
    expect(lead.body).toContain('Team and individual views are for analysts and administrators.');
    const nav = (html: string) => /href="\/surveys"[^>]*>(?:\s|<[^>]+>)*Surveys/.test(html);
    expect(nav(analyst.body)).toBe(true);
    expect(nav((await (await as('panel')).get('/scorecard')).body)).toBe(false);
  });

  it('lists every survey with its responses and response rate', async () => {
    const res = await (await as('analyst')).get(`/surveys?period=${PERIOD}`);
    expect(res.statusCode).toBe(200);
    for (const t of ['Burglary victim survey', 'Public perception survey', 'SMS contact survey'])
      expect(res.body).toContain(t);
    expect(res.body).toMatch(/\d+% of [\d,]+ sent/);
    expect(res.body).toContain('Not known'); // the perception survey has no sends
    expect(res.body).toContain(`href="/surveys/sms?period=${encodeURIComponent(PERIOD)}`);
  });

  it('shows segments with n, share, interval, adjusted p and flags, and the CSV of them', async () => {
    const b = await as('analyst');
    const res = await b.get(page('sms', ['team', 'day_of_week'], '&question=sms_overall'));
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('Very or fairly satisfied: the service overall, by team');
    expect(body).toContain('by day of the week');
    expect(body).toMatch(
      /Response rate<\/dt>\s*<dd[^>]*>\s*\d+% \(\d+–\d+%\), [\d,]+ of [\d,]+ surveys sent answered/,
    );
    for (const h of [
      'Respondents',
      'Share',
      '95% interval',
      'Against the rest',
      'p (adjusted)',
      'Notes',
    ])
      expect(body).toContain(`>${h}</th>`);
    expect(body).toContain('Contact Team 1');
    expect(body).toContain('Monday');
    expect(body).toContain('Fewer than 30'); // a small demo: every team is under 30
    expect(body).toMatch(/p = \d\.\d+|p &gt; 0\.99|p &lt; 0\.001/);
    const href = /href="(\/surveys\/sms\/download\.csv\?[^"]+)"/.exec(body)?.[1];
    expect(href).toBeDefined();
    const csv = await b.get(href!.replaceAll('&amp;', '&'));
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toMatch(
      /attachment; filename="survey_sms_2021-22_team_day_of_week\.csv"/,
    );
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(
      /^survey,period,question,field,segment,value,respondents,positive,share,lower_95,upper_95/,
    );
    expect(lines.slice(1).every((l) => l.startsWith('sms,2021/22,sms_overall,'))).toBe(true);
    expect(lines.some((l) => l.includes(',team,Contact Team 1,'))).toBe(true);
  });

  it('keeps a scoped analyst to their own area', async () => {
    const res = await (await as('scoped')).get(page('burglary', ['lpa']));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Figures are for ${f.lpas.own} only.`);
    const rows = [
      ...res.body.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>/g),
    ].map((m) => m[1]!.trim());
    expect(rows).toContain(f.lpas.own);
    expect(rows).not.toContain(f.lpas.other);
  });

  it('corrects bad filters on the page and refuses an unknown survey', async () => {
    const b = await as('analyst');
    const bad = await b.get('/surveys/sms?period=soon&by=colour&question=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Enter a period like 2021/22-Q1');
    expect(bad.body).toContain('Choose what to segment by from the list');
    expect(bad.body).toContain('Choose a question from the list');
    expect(bad.body).toContain('href="#by"');
    expect((await b.get('/surveys/shoes?by=lpa')).statusCode).toBe(404);
    const csv = await b.get('/surveys/sms/download.csv?by=colour');
    expect(csv.statusCode).toBe(400);
  });

  it('says when a survey has no responses in the period', async () => {
    const res = await (await as('analyst')).get('/surveys/sms?period=2025-01&by=lpa');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No responses to this survey in January 2025.');
  });
});
