import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
let admin: Browser;
beforeAll(async () => {
  f = await webFixture();
  admin = new Browser(f.app);
  await admin.signIn(f.users.admin.email);
});
afterAll(async () => {
  await f?.close();
});

const latest = async (action: string) => (await f.deps.records.audit.list({ action, limit: 1 }))[0];

describe('user administration', () => {
  it('lists every user with their role, areas and status', async () => {
    const res = await admin.get('/admin/users');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Users</h1>');
    for (const u of Object.values(f.users)) expect(res.body).toContain(u.email);
    expect(res.body).toContain('Strategic lead');
    expect(res.body).toContain(f.lpas.own);
    expect(res.body).toContain('Whole force');
    expect(res.body).toContain('govuk-tag--green');
  });

  it('validates the add-a-user form with an error summary', async () => {
    await admin.get('/admin/users/add');
    const res = await admin.post('/admin/users/add', {
      email: 'not an email',
      displayName: '',
      password: 'short',
      lpas: 'Nowhere',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('<title>Error: Add a user');
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('Enter an email address in the correct format');
    expect(res.body).toContain('Enter the person’s full name');
    expect(res.body).toContain('Select a role');
    expect(res.body).toContain('Password must be 12 characters or more');
    expect(res.body).toContain('Select areas from the list');
    // What was typed is kept, except the password.
    expect(res.body).toContain('value="not an email"');
    expect(res.body).not.toContain('value="short"');
    expect(await f.deps.records.users.byEmail('not an email')).toBeNull();
  });

  it('adds a user scoped to an area, audited, who can then sign in', async () => {
    const res = await admin.post('/admin/users/add', {
      email: 'New.Person@Test.Example',
      displayName: 'New Person',
      role: 'analyst',
      lpas: f.lpas.other,
      password: 'twelve chars!',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users');
    const list = await admin.get('/admin/users');
    expect(list.body).toContain('new.person@test.example has been added.');
    const added = await f.deps.records.users.byEmail('new.person@test.example');
    expect(added).toMatchObject({
      role: 'analyst',
      lpas: [f.lpas.other],
      displayName: 'New Person',
    });
    expect(await latest('user_added')).toMatchObject({
      subject: `user:${added?.id}`,
      actorUserId: f.users.admin.id,
      via: 'web',
    });
    const again = await admin.post('/admin/users/add', {
      email: 'new.person@test.example',
      displayName: 'Twice',
      role: 'lead',
      password: 'twelve chars!',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('A user with that email address already exists');
    const person = new Browser(f.app);
    expect((await person.signIn('new.person@test.example', 'twelve chars!')).statusCode).toBe(303);
  });

  it('changes a role and areas, audited', async () => {
    const id = f.users.lead.id;
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(f.users.lead.email);
    const bad = await admin.post(`/admin/users/${id}/role`, { role: 'superuser' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select a role');
    const res = await admin.post(`/admin/users/${id}/role`, {
      role: 'oversight',
      lpas: f.lpas.own,
    });
    expect(res.statusCode).toBe(303);
    expect(await f.deps.records.users.byId(id)).toMatchObject({
      role: 'oversight',
      lpas: [f.lpas.own],
    });
    expect(await latest('user_role_set')).toMatchObject({
      subject: `user:${id}`,
      actorUserId: f.users.admin.id,
      details: { role: 'oversight', previousRole: 'lead' },
    });
    await admin.get(`/admin/users/${id}`);
    await admin.post(`/admin/users/${id}/role`, { role: 'lead' });
    expect(await f.deps.records.users.byId(id)).toMatchObject({ role: 'lead', lpas: [] });
  });

  it('disables a user, ending their session at once, and enables them again', async () => {
    const panel = new Browser(f.app);
    await panel.signIn(f.users.panel.email);
    expect((await panel.get('/')).statusCode).toBe(200);
    await admin.get(`/admin/users/${f.users.panel.id}`);
    const off = await admin.post(`/admin/users/${f.users.panel.id}/status`, { disabled: 'true' });
    expect(off.statusCode).toBe(303);
    expect(await latest('user_disabled')).toMatchObject({ subject: `user:${f.users.panel.id}` });
    expect((await panel.get('/')).statusCode).toBe(303);
    expect((await new Browser(f.app).signIn(f.users.panel.email)).statusCode).toBe(401);
    const list = await admin.get('/admin/users');
    expect(list.body).toContain('govuk-tag--grey');
    await admin.post(`/admin/users/${f.users.panel.id}/status`, { disabled: 'false' });
    expect(await latest('user_enabled')).toMatchObject({ subject: `user:${f.users.panel.id}` });
    expect((await new Browser(f.app).signIn(f.users.panel.email)).statusCode).toBe(303);
  });

  it('does not let an administrator disable themselves or change their own role', async () => {
    const me = f.users.admin.id;
    const page = await admin.get(`/admin/users/${me}`);
    expect(page.body).toContain('This is your own account');
    expect((await admin.post(`/admin/users/${me}/status`, { disabled: 'true' })).statusCode).toBe(
      400,
    );
    expect((await admin.post(`/admin/users/${me}/role`, { role: 'panel' })).statusCode).toBe(400);
    expect(await f.deps.records.users.byId(me)).toMatchObject({ role: 'admin', disabled: false });
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await admin.get('/admin/users/424242')).statusCode).toBe(404);
    expect((await admin.get('/admin/users/not-a-number')).statusCode).toBe(404);
  });
});

describe('the audit log page', () => {
  it('shows entries newest first, naming people by email, filtered by action', async () => {
    const oversight = new Browser(f.app);
    await oversight.signIn(f.users.oversight.email);
    await new Browser(f.app).signIn(f.users.analyst.email, 'wrong password');
    const all = await oversight.get('/admin/audit');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<h1 class="govuk-heading-l">Audit log</h1>');
    const cells = [...all.body.matchAll(/<td class="govuk-table__cell[^"]*">([^<]*)<\/td>/g)].map(
      (m) => m[1],
    );
    // The first row is the failed sign-in just made (after the oversight user's own sign-in).
    expect(cells.slice(0, 5)).toEqual([
      expect.stringMatching(/\d{4}, \d{2}:\d{2}$/),
      'Sign-in failed',
      'Not signed in',
      'Web',
      f.users.analyst.email,
    ]);
    expect(all.body.indexOf('Sign-in failed</td>')).toBeLessThan(
      all.body.indexOf('Signed in</td>'),
    );
    const only = await oversight.get('/admin/audit?action=user_added');
    expect(only.body).toContain('User added');
    expect(only.body).not.toContain('Sign-in failed</td>');
    expect(only.body).toMatch(/<option value="user_added" selected>/);
    // A filter that is not an action code is ignored, not passed on.
    expect((await oversight.get('/admin/audit?action=%27%3B--')).statusCode).toBe(200);
  });
});

describe('the accessibility statement', () => {
  it('is public and says how the service was tested', async () => {
    const res = await f.app.inject({ url: '/accessibility' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Accessibility statement for Bluelamp');
    expect(res.body).toContain('axe-core');
    expect(res.body).toContain('keyboard');
    expect(res.body).toContain('How accessible this service is');
    // A police service's pages carry neither the royal crown nor Crown copyright.
    expect(res.body).not.toContain('Crown copyright');
    expect(res.body).not.toContain('govuk-footer__crown');
    expect(res.body).toContain('Accessibility statement</a>');
  });
});
