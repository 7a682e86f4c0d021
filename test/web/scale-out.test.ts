import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { startChild, type Child } from '../helpers/children.ts';
import { testDatabase, type TestDatabase } from '../helpers/postgres.ts';

/**
 * Beyond one machine: two `bluelamp serve` processes share one PostgreSQL server (records) and
 * one snapshot directory (facts, written by `bluelamp publish-facts`). A write through one is
 * seen through the other, and an import published by a third process reaches both.
 */
const BIN = 'bin/bluelamp.js';
const ADMIN = 'scale-admin@test.example';
const PASSWORD = 'a password long enough for the test';
let dir: string;
let cleanup: () => void;
let data: string;
let snaps: string;
let db: TestDatabase;
const servers: { child: Child; url: string }[] = [];

function cli(args: string[], stdin?: string): string {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', data, ...args], {
    encoding: 'utf8',
    input: stdin ?? '',
    env: { ...process.env, DATABASE_URL: db.url },
  });
  if (r.status !== 0) throw new Error(`bluelamp ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function serve(): Promise<{ child: Child; url: string }> {
  const child = startChild(
    BIN,
    ['--data-dir', data, 'serve', '--port', '0', '--facts-snapshot', snaps],
    {
      env: { DATABASE_URL: db.url, BLUELAMP_LOG: '' },
    },
  );
  await child.waitFor('Bluelamp is running at ');
  const url = /Bluelamp is running at (\S+)/.exec(child.stdout())?.[1] as string;
  const server = { child, url };
  servers.push(server);
  return server;
}

/** A browser enough for forms: keeps cookies (for any of the servers), reads CSRF tokens. */
class Client {
  private readonly cookies = new Map<string, string>();
  csrf = '';
  async request(base: string, path: string, form?: Record<string, string>) {
    const res = await fetch(base + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: this.csrf }).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    const body = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, body, location: res.headers.get('location') };
  }
  async signIn(base: string, email: string, password: string) {
    await this.request(base, '/sign-in');
    return this.request(base, '/sign-in', { email, password });
  }
}

/** Polls `url` until its body holds `text` (a server picks up snapshots on an interval). */
async function eventually(client: Client, base: string, path: string, text: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await client.request(base, path);
    if (body.includes(text) || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  data = join(dir, 'data');
  snaps = join(dir, 'snapshots');
  cpSync(inject('smallDemoDir'), data, { recursive: true });
  db = await testDatabase();
  cli(['publish-facts', '--out', snaps]);
  cli(
    [
      'users',
      'add',
      '--email',
      ADMIN,
      '--role',
      'admin',
      '--name',
      'Scale admin',
      '--password-stdin',
    ],
    PASSWORD,
  );
  await Promise.all([serve(), serve()]);
}, 180_000);

afterAll(async () => {
  for (const s of servers) {
    s.child.process.kill('SIGTERM');
    await s.child.exited;
  }
  await db?.drop();
  cleanup?.();
});

describe('two web processes on one PostgreSQL server and one facts snapshot', () => {
  it('a session and a user added through one are there through the other', async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    expect(a.url).not.toBe(b.url);
    const admin = new Client();
    expect((await admin.signIn(a.url, ADMIN, PASSWORD)).status).toBe(303);
    // The session lives in PostgreSQL: the same cookie is signed in on the other process.
    const list = await admin.request(b.url, '/admin/users');
    expect(list.status).toBe(200);
    expect(list.body).toContain(ADMIN);

    await admin.request(a.url, '/admin/users/add');
    const added = await admin.request(a.url, '/admin/users/add', {
      email: 'added-on-a@test.example',
      displayName: 'Added on A',
      role: 'lead',
      password: 'another password long enough',
    });
    expect(added.status).toBe(303);
    expect((await admin.request(b.url, '/admin/users')).body).toContain('added-on-a@test.example');
    const lead = new Client();
    expect(
      (await lead.signIn(b.url, 'added-on-a@test.example', 'another password long enough')).status,
    ).toBe(303);
  });

  it('an import published by another process is picked up by both', async () => {
    const admin = new Client();
    expect((await admin.signIn(servers[0]!.url, ADMIN, PASSWORD)).status).toBe(303);
    // The add-user form lists the force's areas from the facts (crimes.lpa).
    for (const s of servers) {
      const form = await admin.request(s.url, '/admin/users/add');
      expect(form.status).toBe(200);
      expect(form.body).not.toContain('Newtown Vale');
    }
    const csv = writeTableCsv(dir, 'newtown.csv', 'crimes', [
      crime('NEWTOWN-1', {
        lpa: 'Newtown Vale',
        neighbourhood: 'Newtown Vale Quay',
        recorded_at: '2021-05-03T10:00:00',
      }),
    ]);
    cli(['import', 'crimes', csv]);
    cli(['publish-facts', '--out', snaps]);
    for (const s of servers)
      expect(await eventually(admin, s.url, '/admin/users/add', 'Newtown Vale')).toContain(
        'Newtown Vale',
      );
  });
});
