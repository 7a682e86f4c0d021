import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('the web app', () => {
  it('sends anonymous visitors to sign in, and signs an analyst in and out', async () => {
    const b = new Browser(f.app);
    const home = await b.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/sign-in');
    const res = await b.signIn(f.users.analyst.email);
    expect(res.statusCode).toBe(303);
    const page = await b.get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Test analyst');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const out = await b.post('/sign-out');
    expect(out.statusCode).toBe(303);
    expect((await b.get('/')).statusCode).toBe(303);
  });

  it('refuses a wrong password with the same words as an unknown email', async () => {
    const wrong = await new Browser(f.app).signIn(f.users.analyst.email, 'not the password');
    const unknown = await new Browser(f.app).signIn('nobody@test.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const text = (html: string) =>
      /govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]*)</.exec(html)?.[1];
    expect(text(wrong.body)).toBe(text(unknown.body));
  });

  it('serves GOV.UK Frontend from this service', async () => {
    const css = await f.app.inject({ url: '/assets/govuk-frontend.min.css' });
    expect(css.statusCode).toBe(200);
    const font = await f.app.inject({ url: '/assets/fonts/bold-b542beb274-v2.woff2' });
    expect(font.statusCode).toBe(200);
  });
});
