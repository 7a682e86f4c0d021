import type { Command } from 'commander';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

const EXPORT_FORMATS = ['csv', 'json'] as const;
const TABLE_FORMATS = ['table', 'csv', 'json'] as const;

function formatOf<F extends string>(given: string, allowed: readonly F[]): F {
  if (!(allowed as readonly string[]).includes(given))
    throw badInput(`--format must be one of ${allowed.join(', ')}, not "${given}".`);
  return given as F;
}

/** Columns padded to their widest cell (the first left-aligned, the rest right-aligned). */
function aligned(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = (widths[i] ?? 0) - [...c].length;
        return i === 0 ? c + ' '.repeat(pad) : ' '.repeat(pad) + c;
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `bluelamp victims-code export --period P`: the Victims' Code compliance figures in the shape
 * of docs/victims-code-export.md, for the policing body's review of compliance; and
 * `bluelamp withdrawals --period P`: victims' withdrawals by stage and reason beside outcome 16.
 * The work (stores, figures) is imported inside each action, so `--help` stays cheap.
 */
export function registerVictimsCode(program: Command, ctx: CommandContext): void {
  const vc = program
    .command('victims-code')
    .description("Victims' Code compliance: the audit's figures and their export.");
  vc.command('export')
    .description(
      "The compliance figures of the Victims' Code audit for a period, in the documented shape for the policing body's review of compliance (docs/victims-code-export.md): the rule, each right's standing (audited, not yet auditable, not covered), and the metrics named by the setting victimsCodeExportMetrics (default: all) — compliance, each component, referral (not referred apart from late), and each by area, crime type, sex, age band and ethnicity with a test against the rest (p adjusted by Benjamini–Hochberg).",
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1, 2021-06, 2021/22, 12m-to-2021-06')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'json')
    .action(async (opts: { period: string; format: string }) => {
      const format = formatOf(opts.format, EXPORT_FORMATS);
      const { parsePeriod } = await import('../../measures/period.ts');
      parsePeriod(opts.period); // bad input is reported before the data directory is opened
      const [{ complianceFigures }, { complianceExport, exportCsv }, { victimsSettings }, app] =
        await Promise.all([
          import('../../victims/figures.ts'),
          import('../../victims/export.ts'),
          import('../../victims/rights.ts'),
          import('../../app/settings.ts'),
        ]);
      await withData(ctx.dataDir(), 'victims-code export', ctx.io, async (deps) => {
        const records = await deps.recordsIfAny();
        const raw = records ? await records.settings.get() : {};
        const settings = victimsSettings(raw);
        const body = records ? await records.policingBodies.current(deps.clock.now()) : null;
        const s = await app.readSettings(records);
        const f = await complianceFigures(deps.facts, { period: opts.period, lpas: null });
        const e = complianceExport({
          cases: f.cases,
          period: { label: f.period.label, start: f.period.start, end: f.period.end },
          areas: null,
          force: s.forceName ?? app.DEFAULT_FORCE_NAME,
          policingBody:
            body?.name ?? s.policingBodyName ?? 'Policing body (set its name in the settings)',
          generatedAt: deps.clock.now().toISOString(),
          notAuditable: settings.notAuditable,
          metrics: settings.exportMetrics,
        });
        if (format === 'json') ctx.io.out(JSON.stringify(e, null, 2));
        else ctx.io.out(exportCsv(e).replace(/\n$/, ''));
      });
    });

  program
    .command('withdrawals')
    .description(
      'Why victims withdraw: withdrawals of support recorded in a period by stage and reason, for violence against women and girls and all crime, beside outcome 16 assigned in the period (and how many of those have a withdrawal recorded), and by area.',
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1, 2021-06, 2021/22, 12m-to-2021-06')
    .option('--format <format>', TABLE_FORMATS.join(', '), 'table')
    .action(async (opts: { period: string; format: string }) => {
      const format = formatOf(opts.format, TABLE_FORMATS);
      const { parsePeriod } = await import('../../measures/period.ts');
      parsePeriod(opts.period);
      const [{ withdrawalFigures }, { attritionCsv }, ref, fmt] = await Promise.all([
        import('../../victims/figures.ts'),
        import('../../victims/withdrawals-csv.ts'),
        import('../../facts/reference/withdrawals.ts'),
        import('../../present/format.ts'),
      ]);
      await withData(ctx.dataDir(), 'withdrawals', ctx.io, async (deps) => {
        const f = await withdrawalFigures(deps.facts, { period: opts.period, lpas: null });
        const out = ctx.io.out;
        if (format === 'json') return out(JSON.stringify(f, null, 2));
        if (format === 'csv') return out(attritionCsv(f).replace(/\n$/, ''));
        const [vawg, all] = [
          f.attrition.groups.find((g) => g.group === 'vawg')!,
          f.attrition.groups.find((g) => g.group === 'all')!,
        ];
        const cell = (c: { count: number; share: number | null }) =>
          `${fmt.formatCount(c.count)}${c.share === null ? '' : ` (${fmt.formatPercent(c.share)})`}`;
        const ratio = (p: { x: number; n: number; share: number | null }) =>
          p.share === null ? '—' : `${fmt.formatPercent(p.share)} (${p.x} of ${p.n})`;
        out(`Victims' withdrawals of support, ${fmt.formatPeriodLabel(f.period.label)}`);
        const table = (title: string, rows: string[][]) => {
          out('');
          out(title);
          for (const line of aligned([['', 'VAWG', 'All crime'], ...rows])) out(`  ${line}`);
        };
        table('Beside outcome 16', [
          [
            'Withdrawals recorded',
            fmt.formatCount(vawg.withdrawals),
            fmt.formatCount(all.withdrawals),
          ],
          ['Outcome 16 (of outcomes)', ratio(vawg.outcome16), ratio(all.outcome16)],
          [
            'Outcome 16 with a withdrawal recorded',
            ratio(vawg.outcome16Recorded),
            ratio(all.outcome16Recorded),
          ],
          ['Reason recorded', ratio(vawg.reasonRecorded), ratio(all.reasonRecorded)],
        ]);
        table(
          'By stage',
          ref.WITHDRAWAL_STAGES.map((s) => [
            s.label,
            cell(vawg.byStage[s.stage]),
            cell(all.byStage[s.stage]),
          ]),
        );
        table(
          'By reason',
          ref.WITHDRAWAL_REASONS.map((r) => [
            r.label,
            cell(vawg.byReason[r.reason]),
            cell(all.byReason[r.reason]),
          ]),
        );
        out('');
        out('By area');
        for (const line of aligned([
          ['', 'Withdrawals', 'VAWG', 'Outcome 16', 'with a withdrawal'],
          ...f.attrition.areas.map((a) => [
            a.lpa,
            fmt.formatCount(a.withdrawals.all),
            fmt.formatCount(a.withdrawals.vawg),
            fmt.formatCount(a.outcome16.all),
            ratio(a.outcome16Recorded),
          ]),
        ]))
          out(`  ${line}`);
      });
    });
}
