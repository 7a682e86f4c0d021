import { z } from 'zod';
import { londonDate } from '../../records/accountability/clock.ts';
import { checkEvidenceFile } from '../../records/accountability/evidence-files.ts';
import { FINDING_STATUSES } from '../../records/accountability/lifecycle.ts';
import { BOARD_DECISIONS, RAGS } from '../../records/accountability/types.ts';
import type { Finding, FindingSource } from '../../records/api.ts';
import { formatDateTime } from '../../present/format.ts';
import { sheetCsv } from '../downloads/csv.ts';
import { safeFileName } from '../downloads/data.ts';
import { workbook } from '../downloads/xlsx.ts';
import { organisation } from '../layout-model.ts';
import { findingModel } from '../models/findings-item.ts';
import {
  ageProfileModel,
  filterForm,
  filterOf,
  filterQuery,
  registerEntries,
  registerRow,
  registerSheet,
  statusText,
} from '../models/findings.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';
import {
  actorOf,
  bodyOf,
  dateItems,
  errorList,
  formRefusal,
  readDate,
  readMultipart,
  type FieldErrors,
  type Fields,
} from './findings-forms.ts';
import { routes as inspectionRoutes, subNavigation } from './inspections.ts';

/**
 * The findings register (view_accountability): the filtered register with its age profile and
 * downloads, each finding's page with its evidence and timeline, and the forms that change a
 * finding. The core checks the capability; the records check the item (a lead works only the
 * findings they lead; only oversight approves closure), and a refusal shows in the form's errors.
 */

type FormName = 'update' | 'step' | 'allocate' | 'review';
interface FormState {
  readonly name: FormName;
  readonly errors: FieldErrors;
  readonly values: Fields;
}

const FIELD_IDS: Record<string, string> = {
  coversOn: 'coversOn-day',
  heldOn: 'heldOn-day',
  form: 'form-top',
};

async function load(ctx: RequestContext): Promise<{ f: Finding; source: FindingSource }> {
  const { id } = ctx.req.params as { id: string };
  const f = await ctx.deps.records.findings.byId(id);
  const source = f ? await ctx.deps.records.findingSources.byId(f.sourceId) : null;
  if (!f || !source) return refuse(ctx.reply, false, 'not_found') as never;
  return { f, source };
}

async function renderFinding(
  ctx: RequestContext,
  f: Finding,
  source: FindingSource,
  form: FormState | null = null,
  status = 200,
) {
  const user = ctx.user as NonNullable<RequestContext['user']>;
  const model = await findingModel(ctx.deps, user, f, source);
  const values = form?.values ?? {};
  const errs = (name: FormName) => (form?.name === name ? form.errors : {});
  return ctx.render(
    'findings-item.njk',
    {
      ...model,
      subNavigation: subNavigation('/findings'),
      errorList: form ? errorList(form.errors, FIELD_IDS) : [],
      forms: {
        update: {
          errors: errs('update'),
          values: form?.name === 'update' ? values : {},
          coversOn: dateItems(
            form?.name === 'update' ? values : {},
            'coversOn',
            !!errs('update').coversOn,
          ),
          rags: [
            { value: '', text: 'No change', checked: !values.rag },
            ...RAGS.map((r) => ({
              value: r,
              text: r.replace(/^./, (c) => c.toUpperCase()),
              checked: values.rag === r,
            })),
          ],
        },
        step: { errors: errs('step'), values: form?.name === 'step' ? values : {} },
        allocate: { errors: errs('allocate'), values: form?.name === 'allocate' ? values : {} },
        review: {
          errors: errs('review'),
          values: form?.name === 'review' ? values : { board: 'Service Improvement Board' },
          heldOn: dateItems(
            form?.name === 'review' ? values : {},
            'heldOn',
            !!errs('review').heldOn,
          ),
        },
      },
    },
    status,
  );
}

/** Runs a form's change; a refusal from the records is shown on the page, in its form. */
async function attempt(
  ctx: RequestContext,
  loaded: { f: Finding; source: FindingSource },
  form: Omit<FormState, 'errors'>,
  field: string,
  work: () => Promise<string>,
) {
  try {
    const banner = await work();
    return ctx.redirect(`/findings/${loaded.f.id}`, { text: banner, success: true });
  } catch (e) {
    const r = formRefusal(e);
    if (!r) throw e;
    const text = r.hint ? `${r.message} ${r.hint}` : r.message;
    return renderFinding(
      ctx,
      loaded.f,
      loaded.source,
      { ...form, errors: { [field]: text } },
      r.httpStatus,
    );
  }
}

const Note = z.string().trim().max(5000, 'The note must be 5,000 characters or fewer');

async function postUpdate(ctx: RequestContext) {
  const loaded = await load(ctx);
  const { fields, file, tooLarge } = await readMultipart(ctx);
  const today = londonDate(ctx.deps.clock.now());
  const errors: FieldErrors = {};
  const text = (fields.text ?? '').trim();
  if (!text) errors.text = 'Enter what has been done';
  else if (text.length > 10_000) errors.text = 'The update must be 10,000 characters or fewer';
  const covers = readDate(fields, 'coversOn', 'the date the evidence covers', today);
  if ('error' in covers) errors.coversOn = covers.error;
  const rag = fields.rag ?? '';
  if (rag && !(RAGS as readonly string[]).includes(rag)) errors.rag = 'Select a RAG rating';
  if (tooLarge) errors.file = `${tooLarge} is larger than 20 MB`;
  else if (file)
    try {
      checkEvidenceFile(file);
    } catch (e) {
      const r = formRefusal(e);
      if (!r) throw e;
      errors.file = r.message;
    }
  const form = { name: 'update' as const, values: fields };
  if (Object.keys(errors).length)
    return renderFinding(ctx, loaded.f, loaded.source, { ...form, errors }, 400);
  return attempt(ctx, loaded, form, 'text', async () => {
    await ctx.deps.records.findings.postUpdate(
      loaded.f.id,
      {
        text,
        coversOn: (covers as { date: string }).date,
        rag: rag ? (rag as (typeof RAGS)[number]) : null,
      },
      actorOf(ctx),
      file ?? undefined,
    );
    return file
      ? 'Your progress update and its file have been posted.'
      : 'Your progress update has been posted.';
  });
}

async function postStep(ctx: RequestContext) {
  const loaded = await load(ctx);
  const body = bodyOf(ctx);
  const form = { name: 'step' as const, values: body };
  const to = body.to ?? '';
  const note = Note.safeParse(body.note ?? '');
  if (!(FINDING_STATUSES as readonly string[]).includes(to))
    return renderFinding(
      ctx,
      loaded.f,
      loaded.source,
      { ...form, errors: { 'step-note': 'Choose what happens next' } },
      400,
    );
  if (!note.success)
    return renderFinding(
      ctx,
      loaded.f,
      loaded.source,
      { ...form, errors: { 'step-note': note.error.issues[0]?.message ?? 'Check the note' } },
      400,
    );
  const status = to as (typeof FINDING_STATUSES)[number];
  return attempt(ctx, loaded, form, 'step-note', async () => {
    await ctx.deps.records.findings.transition(
      loaded.f.id,
      status,
      actorOf(ctx),
      note.data || undefined,
    );
    return `The finding is now ${statusText(status).toLowerCase()}.`;
  });
}

async function postAllocation(ctx: RequestContext) {
  const loaded = await load(ctx);
  const body = bodyOf(ctx);
  const form = { name: 'allocate' as const, values: body };
  const lead = body.lead ?? '';
  const note = Note.safeParse(body.note ?? '');
  const errors: FieldErrors = {};
  if (!lead) errors.lead = 'Select the strategic lead';
  if (!note.success) errors['allocate-note'] = note.error.issues[0]?.message ?? 'Check the note';
  if (Object.keys(errors).length)
    return renderFinding(ctx, loaded.f, loaded.source, { ...form, errors }, 400);
  return attempt(ctx, loaded, form, 'lead', async () => {
    const f = await ctx.deps.records.findings.allocate(
      loaded.f.id,
      lead,
      actorOf(ctx),
      note.data || undefined,
    );
    const u = f.leadUserId ? await ctx.deps.records.users.byId(f.leadUserId) : null;
    return `The finding has been allocated to ${u?.displayName ?? 'its strategic lead'}.`;
  });
}

async function postReview(ctx: RequestContext) {
  const loaded = await load(ctx);
  const body = bodyOf(ctx);
  const form = { name: 'review' as const, values: body };
  const errors: FieldErrors = {};
  const board = (body.board ?? '').trim();
  if (!board) errors.board = 'Enter the name of the board';
  else if (board.length > 120) errors.board = 'The board’s name must be 120 characters or fewer';
  const held = readDate(body, 'heldOn', 'the date the board met', londonDate(ctx.deps.clock.now()));
  if ('error' in held) errors.heldOn = held.error;
  const decision = body.decision ?? '';
  if (!(BOARD_DECISIONS as readonly string[]).includes(decision))
    errors.decision = 'Select the board’s decision';
  const note = Note.safeParse(body.note ?? '');
  if (!note.success) errors['review-note'] = note.error.issues[0]?.message ?? 'Check the note';
  if (Object.keys(errors).length)
    return renderFinding(ctx, loaded.f, loaded.source, { ...form, errors }, 400);
  return attempt(ctx, loaded, form, 'decision', async () => {
    const { finding } = await ctx.deps.records.boardReviews.record(
      loaded.f.id,
      {
        board,
        heldOn: (held as { date: string }).date,
        decision: decision as (typeof BOARD_DECISIONS)[number],
        note: note.success && note.data ? note.data : null,
      },
      actorOf(ctx),
    );
    return finding.status === loaded.f.status
      ? 'The board’s review has been recorded.'
      : `The board’s review has been recorded: the finding is now ${statusText(finding.status).toLowerCase()}.`;
  });
}

/** `attachment` with the name twice: plain ASCII for old clients, UTF-8 (RFC 6266) for the rest. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function download(ctx: RequestContext, ext: 'csv' | 'xlsx') {
  const filter = filterOf(ctx.req.query as Record<string, unknown>);
  const { entries, today } = await registerEntries(ctx.deps, filter);
  const sheet = registerSheet(entries);
  const name = safeFileName(['findings-register', today], ext);
  ctx.reply.header('Content-Disposition', `attachment; filename="${name}"`);
  if (ext === 'csv') return ctx.reply.type('text/csv; charset=utf-8').send(sheetCsv(sheet));
  const org = await organisation(ctx.deps);
  const query = filterQuery(filter);
  const file = await workbook(
    [
      ['Register', `Findings register of ${org.forceName}`],
      [
        'Filter',
        query ? decodeURIComponent(query.slice(1)).replaceAll('&', ', ') : 'None: every finding',
      ],
      ['Findings', String(entries.length)],
      ['Downloaded', formatDateTime(ctx.deps.clock.now().toISOString())],
      ['Age', 'Whole months since the report or other source was published (open findings only).'],
    ],
    [sheet],
  );
  return ctx.reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(file);
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/findings',
    access: 'view_accountability',
    example: { url: '/findings?status=open' },
    handler: async (ctx) => {
      const filter = filterOf(ctx.req.query as Record<string, unknown>);
      const { entries, sources, users, today } = await registerEntries(ctx.deps, filter);
      const query = filterQuery(filter);
      return ctx.render('findings-register.njk', {
        subNavigation: subNavigation('/findings'),
        rows: entries.map(registerRow),
        profile: ageProfileModel(entries, today),
        form: filterForm(filter, sources, users),
        filtered: query !== '',
        downloads: { csv: `/findings.csv${query}`, xlsx: `/findings.xlsx${query}` },
      });
    },
  },
  {
    method: 'GET',
    url: '/findings.csv',
    access: 'view_accountability',
    example: { url: '/findings.csv?status=open' },
    handler: (ctx) => download(ctx, 'csv'),
  },
  {
    method: 'GET',
    url: '/findings.xlsx',
    access: 'view_accountability',
    example: { url: '/findings.xlsx' },
    handler: (ctx) => download(ctx, 'xlsx'),
  },
  {
    method: 'GET',
    url: '/findings/:id',
    access: 'view_accountability',
    example: { url: '/findings/1' },
    handler: async (ctx) => {
      const { f, source } = await load(ctx);
      return renderFinding(ctx, f, source);
    },
  },
  {
    method: 'GET',
    url: '/findings/:id/evidence/:fileId',
    access: 'view_accountability',
    example: { url: '/findings/1/evidence/1' },
    handler: async (ctx) => {
      const { id, fileId } = ctx.req.params as { id: string; fileId: string };
      // The records refuse a panel member as if the file were not there (UNKNOWN_RECORD, 404).
      const { file, bytes } = await ctx.deps.records.evidenceFiles.read(id, fileId, actorOf(ctx));
      return ctx.reply
        .header('Content-Disposition', contentDisposition(file.fileName))
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .type(file.mediaType)
        .send(bytes);
    },
  },
  {
    method: 'POST',
    url: '/findings/:id/updates',
    access: 'work_findings',
    multipart: true,
    example: { url: '/findings/999999/updates', form: { text: 'Example' } },
    handler: postUpdate,
  },
  {
    method: 'POST',
    url: '/findings/:id/transitions',
    access: 'work_findings',
    example: { url: '/findings/999999/transitions', form: { to: 'closed' } },
    handler: postStep,
  },
  {
    method: 'POST',
    url: '/findings/:id/allocation',
    access: 'manage_findings',
    example: { url: '/findings/999999/allocation', form: { lead: '1' } },
    handler: postAllocation,
  },
  {
    method: 'POST',
    url: '/findings/:id/board-reviews',
    access: 'manage_findings',
    example: { url: '/findings/999999/board-reviews', form: { decision: 'noted' } },
    handler: postReview,
  },
  ...inspectionRoutes,
];
