/**
 * The technical annex (`bluelamp report --annex`): what the quarterly report used to be, for
 * analysts and auditors rather than the board — definitions, how each number was calculated,
 * the rows behind each figure, breakdowns, and the SQL behind every figure. Built by
 * `../assemble.ts` (`buildReport`), which predates the board edition; the board edition is in
 * `../board/`.
 */
export { buildReport as buildAnnex, type ReportInput as AnnexInput } from '../assemble.ts';
