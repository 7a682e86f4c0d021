/**
 * The board edition: results + commentary + approved quotes → the view model (src/present) →
 * fixed A4 landscape pages of HTML. The report layout (sections and their measures) is handed
 * to present/ as plain data.
 */
import { buildBoardModel } from '../../present/board.ts';
import type { BoardInput, BoardModel, LayoutPlan } from '../../present/board-model.ts';
import { REPORT_LAYOUT, subsectionIds } from '../layout.ts';
import { renderBoard } from './render.ts';

/** The report layout for the given result ids, as present/ takes it. */
export function layoutPlan(resultIds: readonly string[]): LayoutPlan[] {
  return REPORT_LAYOUT.map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    subsections: s.subsections.map((sub) => ({
      id: sub.id,
      title: sub.title,
      kind: sub.kind,
      measureIds: subsectionIds(sub, resultIds),
      fixed: sub.measures.map((m) => ({ id: m.id, title: m.title, tier: m.tier })),
    })),
  }));
}

export type BoardReportInput = Omit<BoardInput, 'layout'>;

/** Builds the board edition (or, with `edition: 'public'`, results already disclosure-controlled). */
export async function buildBoard(
  input: BoardReportInput,
): Promise<{ html: string; model: BoardModel }> {
  const ids = input.results.map((r) => r.id);
  const model = buildBoardModel({ ...input, layout: layoutPlan(ids) });
  return { html: await renderBoard(model, input.forceName), model };
}
