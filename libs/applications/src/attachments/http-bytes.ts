import { ByteRange } from '@portal/storage';

/**
 * Reads a `Range` header against a size: `undefined` = serve everything (absent, not `bytes=`, or several ranges —
 * RFC 9110 lets a server ignore those), `'unsatisfiable'` = 416, else the one inclusive range.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m || m[1].includes(',')) return undefined;
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(m[1]);
  if (!spec || (spec[1] === '' && spec[2] === '')) return undefined;
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (start >= size || (spec[2] !== '' && Number(spec[2]) < start)) return 'unsatisfiable';
  return { start, end };
}

/** `Content-Disposition` carrying any file name: an ASCII fallback plus the RFC 5987 UTF-8 form (for Chinese names). */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name as people gave it, made safe to store and echo: no path, no control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined | null): string {
  const base =
    String(raw ?? '')
      .split(/[\\/]/)
      .pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters from a file name is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 255);
}
