import { formatDateTime } from '../../present/format.ts';
import type { Job } from '../jobs.ts';
import type { RouteDef } from '../route.ts';
import { refuse } from '../refuse.ts';

const KIND_TITLES: Record<string, string> = {
  import: 'Importing a file',
  report: 'Generating a report',
};

const STATE_TEXT: Record<Job['state'], string> = {
  running: 'In progress',
  done: 'Finished',
  failed: 'Failed',
};

/** What the job page shows; the page refreshes itself while the job runs (no script needed). */
export function jobModel(job: Job) {
  const percent = job.progress === null ? 0 : Math.round(job.progress * 100);
  const details = (job.error?.details ?? []) as { text: string }[];
  return {
    title: KIND_TITLES[job.kind] ?? 'Background work',
    running: job.state === 'running',
    failed: job.state === 'failed',
    percent,
    stage: job.stage,
    resultUrl: job.resultUrl,
    error: job.error,
    errorList: Array.isArray(details) ? details.slice(0, 50) : [],
    rows: [
      { key: { text: 'Status' }, value: { text: STATE_TEXT[job.state] } },
      { key: { text: 'Stage' }, value: { text: job.stage } },
      { key: { text: 'Started' }, value: { text: formatDateTime(job.startedAt.toISOString()) } },
      ...(job.finishedAt
        ? [
            {
              key: { text: 'Finished' },
              value: { text: formatDateTime(job.finishedAt.toISOString()) },
            },
          ]
        : []),
    ],
  };
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/jobs/:id',
    access: 'signed_in',
    example: { url: '/jobs/00000000-0000-0000-0000-000000000000' },
    handler: (ctx) => {
      const { id } = ctx.req.params as { id: string };
      const job = ctx.deps.jobs.get(id);
      // Only the person who started it (or an administrator) sees a job.
      if (!job || (job.ownerId !== ctx.user?.id && ctx.user?.role !== 'admin'))
        return refuse(ctx.reply, false, 'not_found');
      return ctx.render('job.njk', { job: jobModel(job) });
    },
  },
];
