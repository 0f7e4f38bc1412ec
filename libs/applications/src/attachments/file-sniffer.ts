import { open } from 'fs/promises';
import { importEsm } from '@portal/platform';

/** Bytes looked at to judge a file's type (file-type needs at most a few KiB for the formats the portal accepts). */
export const SNIFF_BYTES = 64 * 1024;

interface FileTypeModule {
  fileTypeFromBuffer(buffer: Uint8Array): Promise<{ ext: string; mime: string } | undefined>;
}

let fileType: Promise<FileTypeModule> | null = null;

/** Types file-type names differently from what the programs list. */
const ALIASES: Record<string, string> = { 'video/x-m4v': 'video/mp4' };

/** The MIME type judged from the bytes (never from the name), or null when unknown (e.g. plain text). */
export async function sniffMime(sample: Uint8Array): Promise<string | null> {
  fileType ??= importEsm<FileTypeModule>('file-type');
  const result = await (await fileType).fileTypeFromBuffer(sample);
  return result ? (ALIASES[result.mime] ?? result.mime) : null;
}

export async function sniffFile(path: string): Promise<string | null> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return sniffMime(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}
