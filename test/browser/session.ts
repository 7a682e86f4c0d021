import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { launchChromium, newContext } from '../helpers/chromium.ts';
import { startDemoServer, type DemoServer } from '../helpers/server.ts';

/**
 * One real demo server (a child process on 127.0.0.1) and one Chromium per test file; each test
 * opens its own context (fresh cookies) through `open()`, closed after the test.
 */
export interface BrowserSession {
  readonly server: DemoServer;
  readonly browser: Browser;
  open(opts?: Omit<Parameters<typeof newContext>[1], 'baseURL'>): Promise<Page>;
}

export function browserSession(): BrowserSession {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startDemoServer(inject('smallDemoDir')),
      launchChromium(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the demo server has not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not started');
      return browser;
    },
    async open(opts = {}) {
      const child = this.server.child;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `the demo server has stopped; its output:\n${this.server.output().slice(-2000)}`,
        );
      const context = await newContext(this.browser, { baseURL: this.server.url, ...opts });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** The path and query of a page's address, for assertions that do not depend on the port. */
export const where = (page: Page): string => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};
