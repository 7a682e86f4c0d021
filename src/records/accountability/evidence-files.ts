import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor, Role } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { evidenceFiles } from '../schema.ts';
import { actingAs, idNumber, unknownRecord } from './shared.ts';
import {
  EVIDENCE_TYPES,
  MAX_EVIDENCE_BYTES,
  type EvidenceExtension,
  type EvidenceFile,
  type EvidenceFilesRepo,
  type EvidenceUpload,
} from './types.ts';

/**
 * Evidence files: the bytes in the data directory under `evidence/<sha256>` (content-addressed,
 * so the same file uploaded twice is stored once and a file changed on disk is caught when read),
 * the name, type and size in `evidence_files`. File I/O sits behind `EvidenceBlobs`, made from a
 * folder that open.ts names, so the repository itself knows no paths.
 */
export interface EvidenceBlobs {
  /** Stores the bytes (once: a file already there is left alone) and returns their sha256. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under a sha256, or null; IO_ERROR when they no longer match it. */
  get(sha256: string): Promise<Buffer | null>;
}

/** The folder of evidence files inside the data directory. */
export const EVIDENCE_DIR = 'evidence';

const SHA256 = /^[0-9a-f]{64}$/;
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Blobs in a folder: written to a temporary file beside the final one, then renamed into
 * place, so a crash leaves either the whole file or none (never half of one under its hash).
 */
export function folderBlobs(dir: string): EvidenceBlobs {
  return {
    async put(bytes) {
      const sha = sha256Of(bytes);
      const path = join(dir, sha);
      if (
        await stat(path).then(
          (s) => s.isFile(),
          () => false,
        )
      )
        return sha;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `.${sha}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      return sha;
    },
    async get(sha) {
      if (!SHA256.test(sha)) return null;
      const bytes = await readFile(join(dir, sha)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw e;
      });
      if (bytes && sha256Of(bytes) !== sha)
        throw new BluelampError('IO_ERROR', 'A stored evidence file has changed since upload.', {
          hint: 'Restore the data directory’s evidence folder from a backup.',
        });
      return bytes;
    },
  };
}

/** Who may open evidence files: everyone on the force and policing-body side, not the panel. */
export const EVIDENCE_READERS: readonly Role[] = ['admin', 'analyst', 'lead', 'oversight'];

const ALLOWED = Object.keys(EVIDENCE_TYPES) as EvidenceExtension[];
const ALLOWED_NAMES = [...new Set(Object.values(EVIDENCE_TYPES).map((t) => t.name))];

/**
 * A file name safe in a Content-Disposition header and on any disk: its last path part, with
 * control characters, quotes, slashes, semicolons and the like made dashes; at most 120
 * characters, keeping the extension.
 */
export function safeEvidenceName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\s-]+/, '')
    .trim();
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : '';
  return clean.slice(0, 120 - ext.length) + ext;
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether the bytes look like the kind their extension says (a renamed program is refused). */
function looksLike(ext: EvidenceExtension, b: Uint8Array): boolean {
  switch (ext) {
    case 'pdf':
      return startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case 'png':
      return startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpg':
    case 'jpeg':
      return startsWith(b, [0xff, 0xd8, 0xff]);
    case 'docx':
    case 'xlsx':
      return startsWith(b, ZIP);
    case 'csv':
    case 'txt':
      if (b.includes(0)) return false;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return true;
      } catch {
        return false;
      }
  }
}

/** The checked file: its safe name and the media type it will be served as. */
export function checkEvidenceFile(upload: EvidenceUpload): {
  fileName: string;
  mediaType: string;
} {
  const fileName = safeEvidenceName(upload.fileName);
  const shown = fileName || 'The file';
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!(ALLOWED as string[]).includes(ext))
    throw badInput(
      `${shown} cannot be attached: evidence files must be ${ALLOWED_NAMES.slice(0, -1).join(', ')} or ${ALLOWED_NAMES.at(-1)}.`,
      `Save it as one of these (.${ALLOWED.join(', .')}) and attach it again.`,
    );
  if (upload.bytes.length === 0) throw badInput(`${shown} is empty.`);
  if (upload.bytes.length > MAX_EVIDENCE_BYTES)
    throw badInput(
      `${shown} is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`,
      'Attach a smaller file, or a link to where the evidence is kept.',
    );
  const kind = ext as EvidenceExtension;
  if (!looksLike(kind, upload.bytes))
    throw badInput(`${shown} is not a ${EVIDENCE_TYPES[kind].name} file, whatever its name says.`);
  return { fileName, mediaType: EVIDENCE_TYPES[kind].mediaType };
}

type Row = typeof evidenceFiles.$inferSelect;

export const toEvidenceFile = (r: Row): EvidenceFile => ({
  id: String(r.id),
  evidenceId: r.evidenceId === null ? null : String(r.evidenceId),
  subject: r.subject,
  fileName: r.fileName,
  mediaType: r.mediaType,
  bytes: r.bytes,
  sha256: r.sha256,
  addedAt: r.addedAt,
  addedBy: r.addedBy === null ? null : String(r.addedBy),
});

/** The row of a file already checked and stored, written inside the update's transaction. */
export async function insertEvidenceFile(
  tx: Db,
  at: Date,
  file: {
    subject: string;
    evidenceId: number;
    fileName: string;
    mediaType: string;
    bytes: number;
    sha256: string;
  },
  actor: Actor,
): Promise<EvidenceFile> {
  const [row] = await tx
    .insert(evidenceFiles)
    .values({
      ...file,
      addedAt: at,
      addedBy: actor.userId === null ? null : Number(actor.userId),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toEvidenceFile(row);
}

async function mayRead(db: Db, actor: Actor): Promise<boolean> {
  const who = await actingAs(db, actor);
  return who.role === null || EVIDENCE_READERS.includes(who.role);
}

export function evidenceFilesRepo({ db }: RepoContext, blobs: EvidenceBlobs): EvidenceFilesRepo {
  return {
    async forFinding(findingId, actor) {
      const n = idNumber(findingId);
      if (n === null || !(await mayRead(db, actor))) return [];
      const rows = await db
        .select()
        .from(evidenceFiles)
        .where(eq(evidenceFiles.subject, `finding:${n}`))
        .orderBy(asc(evidenceFiles.id));
      return rows.map(toEvidenceFile);
    },

    async read(findingId, fileId, actor) {
      const [f, id] = [idNumber(findingId), idNumber(fileId)];
      // Someone who may not see evidence files learns nothing, not even that this one exists.
      if (f === null || id === null || !(await mayRead(db, actor)))
        throw unknownRecord('evidence file');
      const [row] = await db
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.id, id), eq(evidenceFiles.subject, `finding:${f}`)));
      if (!row) throw unknownRecord('evidence file');
      const bytes = await blobs.get(row.sha256);
      if (!bytes)
        throw new BluelampError(
          'IO_ERROR',
          'The evidence file is missing from the data directory.',
          {
            hint: 'Restore the data directory’s evidence folder from a backup.',
          },
        );
      return { file: toEvidenceFile(row), bytes };
    },
  };
}
