/**
 * The panel's quarterly "activity and performance monitoring report" on the plan, for one
 * quarter: how many commitments stand at each delivery status (this quarter and the last), then
 * per objective each commitment's status this quarter against the last with its narrative, and
 * the figures of its linked measures. It is the panel's paper, so every figure is the public
 * edition's: the scorecard after disclosure control (src/present/disclosure.ts), whoever reads
 * it. The same model prints as a page (GOV.UK styles) and as a self-contained PDF.
 */
import { SUPPRESSION_NOTE } from '../../present/disclosure.ts';
import { formatDate, formatPeriodLabel } from '../../present/format.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import { DELIVERY_STATUSES } from '../../records/accountability/plan-types.ts';
import {
  compareQuarters,
  previousQuarter,
  quarterMonths,
  quarterOf,
  quartersBetween,
} from '../../records/accountability/quarter.ts';
import type { Plan } from '../../records/api.ts';
import { createViews } from '../render.ts';
import type { Organisation } from '../layout-model.ts';
import type { RequestContext } from '../route.ts';
import type { DataSpan } from './filters.ts';
import {
  deliveryTag,
  enginePeriodOf,
  figuresPeriodFor,
  linkedResults,
  measureEvidence,
  ownerText,
  statusChange,
  statusCounts,
  updatesByCommitment,
} from './plan.ts';

/** The quarters a report can be asked for: the plan's, up to the last complete one, newest first. */
export function reportQuarters(plan: Plan, today: string): string[] {
  const lastComplete = previousQuarter(quarterOf(today).label);
  const end = quarterOf(plan.endsOn).label;
  const last = compareQuarters(end, lastComplete) < 0 ? end : lastComplete;
  return quartersBetween(quarterOf(plan.startsOn).label, last).reverse();
}

export type MonitoringReport = Awaited<ReturnType<typeof monitoringReport>>;

export async function monitoringReport(
  ctx: RequestContext,
  o: { plan: Plan; quarter: string; org: Organisation; data: DataSpan },
) {
  const { plan, quarter, org } = o;
  const before = previousQuarter(quarter);
  const [tree, updates] = await Promise.all([
    ctx.deps.records.plan.tree(plan.id),
    ctx.deps.records.delivery.forPlan(plan.id),
  ]);
  const byCommitment = updatesByCommitment(updates);
  const commitments = tree.objectives.flatMap((x) => x.priorities.flatMap((p) => p.commitments));
  const period = figuresPeriodFor(o.data, quarter);
  const ids = [...new Set(commitments.flatMap((c) => c.measureIds))];
  // One output, one disclosure control: the panel's scorecard, suppressed.
  const results = period
    ? await linkedResults(ctx, ids, { period, lpa: null }, 'public')
    : new Map();
  const nowCounts = statusCounts(commitments, byCommitment, quarter);
  const beforeCounts = statusCounts(commitments, byCommitment, before);
  const figures =
    period === null
      ? 'No figures: the data loaded does not reach this quarter.'
      : period === enginePeriodOf(quarter)
        ? `Figures are for ${formatPeriodLabel(period)}, for the whole force.`
        : `Figures are for ${formatPeriodLabel(period)}, for the whole force: the latest complete quarter of data up to the end of ${quarter}.`;
  return {
    title: 'Police and Crime Plan: activity and performance monitoring report',
    planTitle: plan.title,
    quarter,
    months: quarterMonths(quarter),
    previous: before,
    forceName: org.forceName,
    bodyName: org.policingBodyName,
    office: org.policingBody.office,
    generatedOn: formatDate(londonDate(ctx.deps.clock.now())),
    figures,
    total: commitments.length,
    counts: [
      ...DELIVERY_STATUSES.map((s) => ({
        tag: deliveryTag(s),
        text: deliveryTag(s).text,
        now: nowCounts.get(s) ?? 0,
        before: beforeCounts.get(s) ?? 0,
      })),
      {
        tag: null,
        text: 'No update',
        now: nowCounts.get('none') ?? 0,
        before: beforeCounts.get('none') ?? 0,
      },
    ],
    objectives: tree.objectives.map((ob, i) => ({
      ref: `${i + 1}`,
      title: ob.title,
      priorities: ob.priorities.map((p, j) => ({
        ref: `${i + 1}.${j + 1}`,
        title: p.title,
        commitments: p.commitments.map((c, k) => {
          const list = byCommitment.get(c.id) ?? [];
          const now = list.find((u) => u.quarter === quarter) ?? null;
          const was = list.find((u) => u.quarter === before) ?? null;
          return {
            ref: `${i + 1}.${j + 1}.${k + 1}`,
            text: c.text,
            owner: ownerText(c.owner, org),
            now: now ? deliveryTag(now.status) : null,
            before: was ? deliveryTag(was.status) : null,
            change: now ? statusChange(now.status, was?.status ?? null, before) : null,
            narrative: now?.narrative ?? `No update was posted for ${quarter}.`,
            evidence: now?.evidence ?? '',
            measures: c.measureIds.map((id) =>
              measureEvidence(id, results.get(id), ctx.deps.charts, period),
            ),
          };
        }),
      })),
    })),
    notes: [
      SUPPRESSION_NOTE,
      'Delivery statuses are as each commitment’s lead reported them; an update can be changed until the next quarter’s is posted.',
    ],
  };
}

let views: ReturnType<typeof createViews> | null = null;

/**
 * The report as a self-contained HTML document for the printer (its style inline: it is never
 * served to a browser, so the CSP does not apply), marked OFFICIAL in each page's header and footer.
 */
export function printHtml(report: MonitoringReport): string {
  views ??= createViews();
  return views.render('plan-monitoring-print.njk', { report });
}
