/**
 * Web benchmark: the scorecard, a measure page and the public pages of a running service with
 * the demo force, at 50 concurrent clients for a bounded time, against a bare Fastify "hello"
 * route measured in the same run (so the ratios say what our work costs, whatever the machine).
 * Cached: results computed once per data version; uncached: a second server with
 * BLUELAMP_RESULTS_CACHE=off, so every request runs the engine.
 *
 * Usage: npm run bench:web [-- --data-dir DIR] [--seconds 10] [--connections 50] [--json]
 * Without --data-dir the demo force (scale 1) is built once into bench/.data/web.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '50'));
const JSON_OUT = process.argv.includes('--json');
const PERIOD = '2021/22-Q4';
const root = join(process.cwd(), 'bench', '.data', 'web');
const log = (s: string) => {
  if (!JSON_OUT) process.stdout.write(`${s}\n`);
};

function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env, TZ: 'Europe/London' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(?:running at|listening) (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const pre = /bluelamp_presession=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `bluelamp_presession=${pre}`,
    },
    body: new URLSearchParams({
      _csrf: csrf,
      email: 'analyst@demo.bluelamp.test',
      password: 'demo-only-password',
    }),
  });
  const session = /bluelamp_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return `bluelamp_session=${session}`;
}

interface Measured {
  name: string;
  requests: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs autocannon on one URL and computes p95 from every response time (autocannon has no p95). */
async function measure(name: string, url: string, cookie?: string): Promise<Measured> {
  const times: number[] = [];
  // Without a callback, autocannon's instance is both an event emitter and a promise.
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: cookie ? { cookie } : {},
  }) as unknown as Promise<autocannon.Result> & autocannon.Instance;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
    times.push(ms),
  );
  const result = await instance;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  const m = {
    name,
    requests: times.length,
    non2xx: result.non2xx,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
  log(
    `  ${name.padEnd(28)} ${String(m.requests).padStart(7)} req  p50 ${m.p50.toFixed(1).padStart(7)} ms  p95 ${m.p95.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms${m.non2xx ? `  (${m.non2xx} not 2xx)` : ''}`,
  );
  return m;
}

async function main(): Promise<void> {
  let dataDir = arg('data-dir', '');
  if (!dataDir) {
    dataDir = join(root, 'demo');
    if (!existsSync(join(dataDir, 'facts.duckdb'))) {
      mkdirSync(root, { recursive: true });
      log('Building the demo force (scale 1) …');
      const demo = spawn(process.execPath, ['bin/bluelamp.js', '--data-dir', dataDir, 'demo'], {
        stdio: 'ignore',
      });
      await new Promise((r) => demo.once('exit', r));
    }
  }
  // Two servers on two copies, since each holds its data directory's lock.
  const cachedDir = join(root, 'cached');
  const uncachedDir = join(root, 'uncached');
  for (const d of [cachedDir, uncachedDir]) {
    rmSync(d, { recursive: true, force: true });
    cpSync(dataDir, d, { recursive: true });
  }
  const hello = await start(['--import', 'tsx', 'bench/web/hello.ts']);
  const cached = await start([
    'bin/bluelamp.js',
    '--data-dir',
    cachedDir,
    'serve',
    '--demo',
    '--port',
    '0',
  ]);
  const uncached = await start(
    ['bin/bluelamp.js', '--data-dir', uncachedDir, 'serve', '--demo', '--port', '0'],
    { BLUELAMP_RESULTS_CACHE: 'off' },
  );
  const children = [hello.child, cached.child, uncached.child];
  try {
    const pages = (base: string) => ({
      scorecard: `${base}/scorecard?period=${encodeURIComponent(PERIOD)}`,
      measure: `${base}/measures/oc16_rate?period=${encodeURIComponent(PERIOD)}`,
      public: `${base}/public?period=${encodeURIComponent(PERIOD)}`,
    });
    log(`${CONNECTIONS} connections, ${SECONDS} s each, period ${PERIOD}`);
    const results: Measured[] = [await measure('baseline: fastify hello', `${hello.url}/hello`)];
    const c = pages(cached.url);
    const cookie = await signIn(cached.url);
    for (const url of Object.values(c)) await fetch(url, { headers: { cookie } }); // warm the cache
    results.push(await measure('scorecard (cached)', c.scorecard, cookie));
    results.push(await measure('measure page (cached)', c.measure, cookie));
    results.push(await measure('public page (cached)', c.public));
    const u = pages(uncached.url);
    const ucookie = await signIn(uncached.url);
    results.push(await measure('scorecard (uncached)', u.scorecard, ucookie));
    results.push(await measure('measure page (uncached)', u.measure, ucookie));
    results.push(await measure('public page (uncached)', u.public));
    const base = results[0] as Measured;
    const report = results.map((r) => ({ ...r, p95VsBaseline: r.p95 / base.p95 }));
    if (JSON_OUT)
      process.stdout.write(
        `${JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, period: PERIOD, results: report }, null, 2)}\n`,
      );
    else {
      log('');
      log('Targets: p95 < 100 ms cached, < 1,000 ms uncached.');
      for (const r of report.slice(1))
        log(
          `  ${r.name.padEnd(28)} p95 ${r.p95.toFixed(1)} ms = ${r.p95VsBaseline.toFixed(1)}× the hello route's ${base.p95.toFixed(1)} ms — ${r.p95 < (r.name.includes('uncached') ? 1000 : 100) ? 'met' : 'NOT met'}`,
        );
    }
  } finally {
    for (const ch of children) ch.kill('SIGTERM');
  }
}

await main();
