import type { LightMyRequestResponse } from 'fastify';
import type { Browser } from '../helpers/web.ts';
import type { WebFixture } from '../helpers/web.ts';
import type { Job } from '../../src/web/jobs.ts';

/** A multipart/form-data body as a browser sends a file form. */
export function multipart(
  fields: Record<string, string>,
  files: readonly { field?: string; name: string; content: string }[],
): { payload: Buffer; contentType: string } {
  const boundary = `----bluelamp-test-${Math.random().toString(16).slice(2)}`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  for (const f of files)
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n${f.content}\r\n`,
    );
  parts.push(`--${boundary}--\r\n`);
  return {
    payload: Buffer.from(parts.join('')),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads files from the data page's form (the CSRF token in the query string, as the form does). */
export async function upload(
  f: WebFixture,
  b: Browser,
  table: string,
  files: readonly { name: string; content: string }[],
): Promise<LightMyRequestResponse> {
  await b.get('/data');
  const body = multipart({ table }, files);
  const res = await f.app.inject({
    method: 'POST',
    url: `/data/imports?_csrf=${encodeURIComponent(b.csrf)}`,
    cookies: b.jar.header(),
    headers: { 'content-type': body.contentType },
    payload: body.payload,
  });
  b.jar.take(res);
  return res;
}

/** Waits for a background job to end (failing the test after `ms`). */
export async function finished(f: WebFixture, location: string, ms = 60_000): Promise<Job> {
  const id = location.replace('/jobs/', '');
  const until = Date.now() + ms;
  for (;;) {
    const job = f.deps.jobs.get(id);
    if (!job) throw new Error(`no job ${id}`);
    if (job.state !== 'running') return job;
    if (Date.now() > until) throw new Error(`job ${id} still running after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
