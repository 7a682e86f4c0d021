import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// The Victims' Code pages on the small demo force: who may see and record, the form through the
// importer, CSRF, the downloads, and a scoped user's areas.

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const Q1 = '2021/22-Q1';

/** One signed-in browser per role, kept (sign-ins are throttled per client address). */
const browsers = new Map<string, Browser>();
async function as(role: keyof WebFixture['users']): Promise<Browser> {
  let b = browsers.get(role);
  if (!b) {
    b = new Browser(f.app);
    await b.signIn(f.users[role].email);
    browsers.set(role, b);
  }
  return b;
}

/** A complete, valid audited case as the form posts it. */
function caseForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    case_id: 'VC-WEB-1',
    crime_id: '',
    'audited_at-day': '14',
    'audited_at-month': '6',
    'audited_at-year': '2021',
    lpa: f.lpas.own,
    acknowledgement: 'yes',
    updates_timely: 'yes',
    vps_offered: 'yes',
    need_identified: 'yes',
    referral: 'late',
    informed_end_of_journey: 'yes',
    informed_code: 'no',
    victim_sex: 'female',
    'victim_date_of_birth-day': '',
    'victim_date_of_birth-month': '',
    'victim_date_of_birth-year': '',
    victim_age_band: '',
    victim_ethnicity: 'asian',
    ...over,
  };
}

const lateCount = (html: string) => {
  const m = /Referred, but after 2 days<\/th>\s*<td[^>]*>([\d,]+)<\/td>/.exec(html);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
};
const casesCount = (html: string) => {
  const m = /([\d,]+) audited cases?<\/dd>/.exec(html);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
};

describe('who may see the Victims’ Code pages', () => {
  it.each(['admin', 'analyst', 'lead', 'oversight'] as const)(
    '%s sees compliance and withdrawals',
    async (role) => {
      const b = await as(role);
      const page = await b.get(`/victims-code?period=${Q1}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Victims' Code compliance");
      expect(page.body).toContain('Compliant cases');
      expect(page.body).toContain('Referred, but after 2 days');
      expect(page.body).toContain('Not referred');
      const w = await b.get(`/victims-code/withdrawals?period=${Q1}`);
      expect(w.statusCode).toBe(200);
      expect(w.body).toContain('When victims withdrew');
      const canRecord = role === 'admin' || role === 'analyst';
      expect(page.body.includes('href="/victims-code/audits/new"')).toBe(canRecord);
      expect((await b.get('/victims-code/audits/new')).statusCode).toBe(canRecord ? 200 : 403);
    },
  );

  it('a panel member and the public do not', async () => {
    const panel = await as('panel');
    expect((await panel.get(`/victims-code?period=${Q1}`)).statusCode).toBe(403);
    expect((await panel.get('/victims-code/withdrawals')).statusCode).toBe(403);
    const anon = new Browser(f.app);
    const res = await anon.get('/victims-code');
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(/^\/sign-in/);
  });

  it('is in the navigation of those who may see it', async () => {
    expect((await (await as('lead')).get('/scorecard')).body).toContain('href="/victims-code"');
    expect((await (await as('panel')).get('/scorecard')).body).not.toContain(
      'href="/victims-code"',
    );
  });
});

describe('the compliance page', () => {
  it('lists the rights the force cannot audit yet (the demo: 5, 8 and 10)', async () => {
    const page = (await (await as('oversight')).get(`/victims-code?period=${Q1}`)).body;
    expect(page).toContain('The force cannot yet audit rights 5, 8, 10');
    expect(page).toMatch(
      /10\. To be paid expenses and have property returned<\/th>\s*<td[^>]*><strong class="govuk-tag govuk-tag--orange">Not yet auditable/,
    );
    expect(page).toMatch(
      /7\. To make a Victim Personal Statement<\/th>\s*<td[^>]*><strong class="govuk-tag govuk-tag--green">Audited/,
    );
  });

  it('reports told-about-the-Code beside compliance, and breaks a chosen measure down', async () => {
    const b = await as('analyst');
    const page = (await b.get(`/victims-code?period=${Q1}&metric=vps_offered`)).body;
    expect(page).toContain('Beside compliance, not counted');
    expect(page).toContain('Victim Personal Statement offered: who is served less well');
    for (const id of ['by-lpa', 'by-crime_type', 'by-sex', 'by-age_band', 'by-ethnicity'])
      expect(page).toContain(`id="${id}"`);
  });

  it('says what is wrong with a bad period or measure', async () => {
    const b = await as('analyst');
    const bad = await b.get('/victims-code?period=soon');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter a period like 2021/22-Q1');
    const metric = await b.get(`/victims-code?period=${Q1}&metric=nonsense`);
    expect(metric.statusCode).toBe(400);
    expect(metric.body).toContain('Choose what to break down from the list');
  });

  it('downloads the export as CSV, with the not-yet-auditable rights', async () => {
    const res = await (await as('oversight')).get(`/victims-code/download.csv?period=${Q1}`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(
      'section,id,title,dimension,group,numerator,denominator,value,ci_lower,ci_upper,p_adjusted,finding,notes',
    );
    expect(lines).toContainEqual(expect.stringMatching(/^right,right_10,.*,not_yet_auditable,/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^metric,compliance,Compliant cases,,,\d+,\d+,/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^metric,compliance_by_sex,/));
  });

  it('downloads the withdrawals as CSV', async () => {
    const res = await (await as('lead')).get(`/victims-code/withdrawals/download.csv?period=${Q1}`);
    expect(res.statusCode).toBe(200);
    expect(res.body.split('\n')[0]).toBe(
      'section,crime_group,lpa,stage,reason,measure,numerator,denominator,value',
    );
    expect(res.body).toMatch(/\nstage,vawg,,investigation,,withdrawals,\d+,\d+,/);
  });
});

describe('recording an audited case', () => {
  it('an analyst records a case through the importer; it is counted and audited', async () => {
    const b = await as('analyst');
    const before = (await b.get(`/victims-code?period=${Q1}`)).body;
    await b.get('/victims-code/audits/new');
    const res = await b.post('/victims-code/audits', caseForm());
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toBe(`/victims-code?period=${encodeURIComponent(Q1)}`);
    const after = (await b.get(String(res.headers.location))).body;
    expect(after).toContain('Audited case VC-WEB-1 recorded. It is counted in');
    expect(casesCount(after)).toBe(casesCount(before) + 1);
    expect(lateCount(after)).toBe(lateCount(before) + 1);
    const { store } = await f.deps.facts.current();
    const rows = await store.all<{ referral: string; referred_within_2_days: string }>(
      "SELECT referral, referred_within_2_days FROM victims_code_audits WHERE case_id = 'VC-WEB-1'",
    );
    expect(rows).toEqual([{ referral: 'late', referred_within_2_days: 'no' }]);
    const audit = await f.deps.records.audit.list({ action: 'vc_audit_recorded', limit: 1 });
    expect(audit[0]?.actorUserId).toBe(f.users.analyst.id);
    expect(JSON.stringify(audit[0]?.details)).not.toContain('asian');
  });

  it('keeps a date of birth to itself: only the band is counted', async () => {
    const b = await as('admin');
    await b.get('/victims-code/audits/new');
    const res = await b.post(
      '/victims-code/audits',
      caseForm({
        case_id: 'VC-WEB-DOB',
        'victim_date_of_birth-day': '15',
        'victim_date_of_birth-month': '6',
        'victim_date_of_birth-year': '2003',
      }),
    );
    expect(res.statusCode).toBe(303);
    const { store } = await f.deps.facts.current();
    const [band] = await store.all<{ age_band: string }>(
      `SELECT victim_age_band AS age_band FROM victims_code_audits WHERE case_id = 'VC-WEB-DOB'`,
    );
    expect(band?.age_band ?? null).toBeNull();
    const page = (await b.get(`/victims-code?period=${Q1}`)).body;
    expect(page).not.toContain('2003');
  });

  it('says what is wrong, field by field, and records nothing', async () => {
    const b = await as('analyst');
    await b.get('/victims-code/audits/new');
    const res = await b.post(
      '/victims-code/audits',
      caseForm({ case_id: '', 'audited_at-month': '13', vps_offered: '', referral: '' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter the case reference');
    expect(res.body).toContain('The date of the audit must be a real date');
    expect(res.body).toContain('href="#audited_at-day"');
    expect(res.body).toContain('Select whether a Victim Personal Statement was offered');
    expect(res.body).toContain('Select whether the victim was referred within 2 days');
  });

  it('shows the importer’s own refusals on the form: a case already recorded, an unknown crime, a band that does not match the date of birth', async () => {
    const b = await as('analyst');
    await b.get('/victims-code/audits/new');
    const dup = await b.post('/victims-code/audits', caseForm({ case_id: 'VC-WEB-1' }));
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('An audited case with this reference is already recorded');
    const crime = await b.post(
      '/victims-code/audits',
      caseForm({ case_id: 'VC-WEB-2', crime_id: 'CR-NOPE' }),
    );
    expect(crime.statusCode).toBe(400);
    expect(crime.body).toContain('There is no crime with this reference in the data');
    const band = await b.post(
      '/victims-code/audits',
      caseForm({
        case_id: 'VC-WEB-3',
        'victim_date_of_birth-day': '1',
        'victim_date_of_birth-month': '1',
        'victim_date_of_birth-year': '1990',
        victim_age_band: '65+',
      }),
    );
    expect(band.statusCode).toBe(400);
    expect(band.body).toContain('The age band does not match the date of birth');
    const { store } = await f.deps.facts.current();
    const n = await store.all(
      "SELECT 1 FROM victims_code_audits WHERE case_id IN ('VC-WEB-2', 'VC-WEB-3')",
    );
    expect(n).toEqual([]);
  });

  it('refuses a post without the CSRF token', async () => {
    const b = await as('analyst');
    await b.get('/victims-code/audits/new');
    const res = await b.post('/victims-code/audits', caseForm({ case_id: 'VC-WEB-CSRF' }), {
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('CSRF_REFUSED');
  });

  it('refuses roles that may not record', async () => {
    for (const role of ['lead', 'oversight', 'panel'] as const) {
      const b = await as(role);
      await b.get('/scorecard');
      const res = await b.post('/victims-code/audits', caseForm({ case_id: `VC-${role}` }));
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('lets a scoped analyst record for their own area only, and shows them only theirs', async () => {
    const b = await as('scoped');
    const form = (await b.get('/victims-code/audits/new')).body;
    expect(form).toContain(`<option value="${f.lpas.own}"`);
    expect(form).not.toContain(`<option value="${f.lpas.other}"`);
    const res = await b.post(
      '/victims-code/audits',
      caseForm({ case_id: 'VC-WEB-SCOPED', lpa: f.lpas.other }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose the local policing area');
    const page = (await b.get(`/victims-code?period=${Q1}`)).body;
    expect(page).toContain(`Figures are for ${f.lpas.own} only.`);
    const byLpa = /id="by-lpa"[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    expect(byLpa).toContain(f.lpas.own);
    expect(byLpa).not.toContain(f.lpas.other);
  });
});
