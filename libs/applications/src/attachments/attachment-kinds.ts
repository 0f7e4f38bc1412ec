import { DomainError } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { allowedMimeTypes, ProgramDefinition } from '@portal/programs';

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
