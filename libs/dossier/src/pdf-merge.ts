import { PDFDocument } from 'pdf-lib';
import { Readable } from 'stream';

/** A PDF attachment above this size is listed, not merged (a dossier stays printable and its memory bounded). */
export const MERGE_MAX_BYTES = 20 * 1024 * 1024;
/** The merged attachments of one dossier together stay under this; later ones are listed only. */
export const MERGE_TOTAL_MAX_BYTES = 100 * 1024 * 1024;

export interface MergeCandidate {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  /** Opens the stored bytes (called at most once, and only for a PDF within the caps). */
  open(): Promise<Readable>;
}

export type MergeOutcome =
  | { merged: true; pages: number }
  | { merged: false; reason: 'not-pdf' | 'too-large' | 'total-cap' | 'unreadable' | 'no-pages' };

/** The whole stream into memory, refusing beyond `max` bytes (the stored size is checked before; this is the guard). */
async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
    n += b.length;
    if (n > max) {
      stream.destroy();
      throw new Error('larger than its record');
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * Appends the pages of the PDF attachments to `out`, one attachment at a time (each one's bytes are read, copied and
 * dropped before the next is opened). Non-PDFs (videos, images) are never opened; a PDF above MERGE_MAX_BYTES or beyond
 * MERGE_TOTAL_MAX_BYTES is listed only; a PDF that fails to parse is noted, never a 500.
 */
export async function appendAttachments(out: PDFDocument, items: MergeCandidate[]): Promise<Map<string, MergeOutcome>> {
  const outcomes = new Map<string, MergeOutcome>();
  let total = 0;
  for (const a of items) {
    if (a.mimeType !== 'application/pdf') {
      outcomes.set(a.id, { merged: false, reason: 'not-pdf' });
      continue;
    }
    if (a.size > MERGE_MAX_BYTES) {
      outcomes.set(a.id, { merged: false, reason: 'too-large' });
      continue;
    }
    if (total + a.size > MERGE_TOTAL_MAX_BYTES) {
      outcomes.set(a.id, { merged: false, reason: 'total-cap' });
      continue;
    }
    try {
      const bytes = await readAll(await a.open(), MERGE_MAX_BYTES);
      total += bytes.length;
      const src = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
      const count = src.getPageCount();
      if (!count) {
        outcomes.set(a.id, { merged: false, reason: 'no-pages' });
        continue;
      }
      const pages = await out.copyPages(src, src.getPageIndices());
      for (const p of pages) out.addPage(p);
      outcomes.set(a.id, { merged: true, pages: count });
    } catch {
      outcomes.set(a.id, { merged: false, reason: 'unreadable' });
    }
  }
  return outcomes;
}

export const MERGE_NOTES: Record<Exclude<MergeOutcome, { merged: true }>['reason'], string> = {
  'not-pdf': '非 PDF 文件，仅列出',
  'too-large': `超过 ${MERGE_MAX_BYTES / 1024 / 1024} MB，仅列出`,
  'total-cap': `并入的附件合计超过 ${MERGE_TOTAL_MAX_BYTES / 1024 / 1024} MB，仅列出`,
  unreadable: '无法解析为 PDF，仅列出',
  'no-pages': 'PDF 无页面，仅列出',
};
