import { DomainError } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { allowedMimeTypes, kindMaxBytes, ProgramDefinition } from '@portal/programs';

/** 422 for a kind the program does not know. */
export function kindProblem(def: ProgramDefinition, kind: string): DomainError | null {
  if (allowedMimeTypes(def, kind)) return null;
  const message = {
    zh: `未知的附件类别：${kind}（可用：${def.attachmentKinds.map((k) => k.kind).join('、')}）`,
    en: `unknown attachment kind ${kind}; the program knows ${def.attachmentKinds.map((k) => k.kind).join(', ')}`,
  };
  return APPLICATION_ERRORS['ATTACHMENT.UNKNOWN_KIND'](message, { details: [{ path: 'kind', message }] });
}

/** 415 unless the sniffed type is one the kind accepts. */
export function assertTypeAllowed(def: ProgramDefinition, kind: string, mime: string | null): string {
  const allowed = allowedMimeTypes(def, kind) ?? [];
  if (mime && allowed.includes(mime)) return mime;
  const message = {
    zh: `文件类型${mime ? `（${mime}）` : '无法识别'}不符合「${kind}」的要求，允许：${allowed.join('、')}`,
    en: `${mime ? `A ${mime} file` : 'A file of unrecognised type'} is not accepted for ${kind}; allowed: ${allowed.join(', ')}`,
  };
  throw APPLICATION_ERRORS['ATTACHMENT.TYPE_NOT_ALLOWED'](message, { details: [{ path: 'file', message }] });
}

/** 413 when a file of `size` bytes is larger than the kind takes (documents 50 MB, work samples 4 GiB). */
export function assertKindSize(def: ProgramDefinition, kind: string, size: number): void {
  const limit = kindMaxBytes(def, kind);
  if (limit === undefined || size <= limit) return;
  const err = APPLICATION_ERRORS['ATTACHMENT.KIND_TOO_LARGE']({ kind, limit });
  err.details.push({ path: 'file', message: err.text });
  throw err;
}
