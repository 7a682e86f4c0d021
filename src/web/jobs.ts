import { randomUUID } from 'node:crypto';

/**
 * Long work (an import, a report) runs in the background of the serving process so no request
 * waits for it; its page polls `/jobs/:id`. Jobs are kept in memory: a restart forgets them,
 * and the work itself is atomic (an import commits or leaves nothing), so nothing is torn.
 */
export type JobState = 'running' | 'done' | 'failed';

export interface Job {
  readonly id: string;
  readonly kind: string;
  /** The user who started it: only they (or an admin) see it. */
  readonly ownerId: string;
  state: JobState;
  /** 0–1, or null when the work cannot say. */
  progress: number | null;
  /** A short line for the page, e.g. "Checking 1,204,332 rows". Never personal data. */
  stage: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** Where to go when done (the result page), or the error to show. */
  resultUrl: string | null;
  error: { code: string; message: string; hint?: string; details?: unknown } | null;
}

export interface JobControl {
  progress(fraction: number | null, stage: string): void;
}

export interface Jobs {
  start(
    kind: string,
    ownerId: string,
    work: (control: JobControl) => Promise<{ resultUrl: string | null }>,
  ): Job;
  get(id: string): Job | null;
  list(ownerId?: string): Job[];
}

export function inMemoryJobs(opts: {
  now: () => Date;
  onError?: (job: Job, e: unknown) => Job['error'];
  keep?: number;
}): Jobs {
  const jobs = new Map<string, Job>();
  const keep = opts.keep ?? 200;
  return {
    start(kind, ownerId, work) {
      const job: Job = {
        id: randomUUID(),
        kind,
        ownerId,
        state: 'running',
        progress: null,
        stage: 'Starting',
        startedAt: opts.now(),
        finishedAt: null,
        resultUrl: null,
        error: null,
      };
      jobs.set(job.id, job);
      while (jobs.size > keep) jobs.delete(jobs.keys().next().value as string);
      const control: JobControl = {
        progress(fraction, stage) {
          job.progress = fraction;
          job.stage = stage;
        },
      };
      // Started on the next turn so the request that asked for it answers first.
      setImmediate(() => {
        work(control).then(
          (r) => {
            job.state = 'done';
            job.progress = 1;
            job.resultUrl = r.resultUrl;
            job.finishedAt = opts.now();
          },
          (e: unknown) => {
            job.state = 'failed';
            job.error = opts.onError?.(job, e) ?? {
              code: 'BUG',
              message: 'Sorry, there is a problem with the service.',
            };
            job.finishedAt = opts.now();
          },
        );
      });
      return job;
    },
    get: (id) => jobs.get(id) ?? null,
    list: (ownerId) =>
      [...jobs.values()].filter((j) => ownerId === undefined || j.ownerId === ownerId),
  };
}
