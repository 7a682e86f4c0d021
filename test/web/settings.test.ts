import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('the service settings page', () => {
  it('lets an administrator name the force and the policing body, shown on every page and audited', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.admin.email);
    expect((await b.get('/admin/settings')).statusCode).toBe(200);
    const res = await b.post('/admin/settings', {
      forceName: 'Fenland Constabulary',
      policingBodyType: 'mayor',
      policingBodyName: 'Mayor of Fenland',
    });
    expect(res.statusCode).toBe(303);
    const page = await b.get('/admin/settings');
    expect(page.body).toContain('Settings saved.');
    const pub = await new Browser(f.app).get('/public');
    expect(pub.body).toContain('Fenland Constabulary');
    expect(pub.body).toContain('Mayor of Fenland');
    const audit = await f.deps.records.audit.list({ limit: 20 });
    expect(audit.some((a) => a.actorUserId === f.users.admin.id && /setting/.test(a.action))).toBe(
      true,
    );
  });

  it('says what is wrong with an empty name and an unknown kind of body, and saves nothing', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.admin.email);
    const before = await f.deps.records.settings.get();
    const res = await b.post('/admin/settings', {
      forceName: '  ',
      policingBodyType: 'sheriff',
      policingBodyName: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter the name of the force');
    expect(res.body).toContain('Select the kind of policing body');
    expect(await f.deps.records.settings.get()).toEqual(before);
  });

  it('is not open to other roles', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.analyst.email);
    expect((await b.get('/admin/settings')).statusCode).toBe(403);
  });
});
