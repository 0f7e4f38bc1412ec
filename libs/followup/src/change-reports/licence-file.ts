/** The configured limit of a licence file (the upload itself is capped a little above, by multer). */
export const LICENCE_MAX_BYTES = 10 * 1024 * 1024;

/** A licence is the storage object change-reports/<report id>. */
export function licenceKey(reportId: string): string {
  return `change-reports/${reportId}`;
}

/** The licence may be PDF, JPEG or PNG, judged by its first bytes (never by the name or the declared type). */
export function sniffLicence(buf: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/** The licence `file` as the storage engine hands it to the controller. */
export interface LicenceUpload {
  originalname: string;
  /** The id the report will get: the bytes are stored under licenceKey(id). */
  id: string;
  key: string;
  /** Bytes read; over the limit, reading stopped and nothing was kept (the service answers 413). */
  size: number;
  sha256: string;
  /** The first bytes, for sniffLicence. */
  sample: Buffer;
}
