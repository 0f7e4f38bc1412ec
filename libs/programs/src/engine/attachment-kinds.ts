import { AttachmentKindDefinition, I18nText, ProgramDefinition } from '../program-definition';

export const DOCUMENT_MIME_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];
export const VIDEO_MIME_TYPES: readonly string[] = ['video/mp4', 'video/quicktime', 'video/webm'];
/** A work sample may be a document (storyboard, comic pages) or a video. */
export const WORK_SAMPLE_MIME_TYPES: readonly string[] = [...DOCUMENT_MIME_TYPES, ...VIDEO_MIME_TYPES];
/** A document (licence, declaration, audit report, …): at most 50 MB. */
export const DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;
/** A work sample (an episode, a film): at most 4 GiB. */
export const WORK_SAMPLE_MAX_BYTES = 4 * 1024 * 1024 * 1024;

export const ATTACHMENT_KIND_NAMES: Record<string, I18nText> = {
  declaration: { zh: '承诺书', en: 'Signed declaration' },
  'business-licence': { zh: '营业执照', en: 'Business licence' },
  'audit-report': { zh: '审计报告（含研发费用明细表）', en: 'Audit report (with R&D expense table)' },
  'staff-statement': { zh: '职工人数及学历情况说明', en: 'Staff and education statement' },
  'ip-proof': {
    zh: '自主知识产权证明（著作权登记或专利证书）',
    en: 'Proof of own IP (copyright registration or patent)',
  },
  'premises-proof': { zh: '经营场所证明（产权证明或租赁合同）', en: 'Proof of premises (deed or lease)' },
  'product-evidence': {
    zh: '产品证明材料（销售合同、收入凭证、获奖或推荐证明）',
    en: 'Product evidence (sales contracts, income receipts, awards or recommendations)',
  },
  'work-sample': { zh: '作品样片或样章', en: 'Work sample (video or pages)' },
  'copyright-proof': { zh: '著作权证明', en: 'Copyright proof' },
  'cost-evidence': { zh: '费用证明（预算明细、合同、票据）', en: 'Cost evidence (budget, contracts, invoices)' },
  other: { zh: '其他材料', en: 'Other materials' },
};

function kindName(kind: string): I18nText {
  return ATTACHMENT_KIND_NAMES[kind] ?? { zh: kind, en: kind };
}

/**
 * A document kind (PDF, JPEG, PNG), required on the given tracks. Documents are identity-bearing unless the program
 * says otherwise (closed by default: a licence, a declaration, a contract or a list of staff names the applicant), so a
 * new program's documents stay hidden from blind reviewers without a line of its own.
 */
export function documentKind(
  kind: string,
  required: string[] = [],
  name: I18nText = kindName(kind),
  opts: { identityBearing?: boolean } = {},
): AttachmentKindDefinition {
  return {
    kind,
    name,
    required: [...required],
    mimeTypes: [...DOCUMENT_MIME_TYPES],
    maxBytes: DOCUMENT_MAX_BYTES,
    identityBearing: opts.identityBearing ?? true,
  };
}

/** The work sample: documents or MP4 / QuickTime / WebM video. What the experts judge: never identity-bearing. */
export function workSampleKind(required: string[]): AttachmentKindDefinition {
  return {
    kind: 'work-sample',
    name: kindName('work-sample'),
    required: [...required],
    mimeTypes: [...WORK_SAMPLE_MIME_TYPES],
    maxBytes: WORK_SAMPLE_MAX_BYTES,
    identityBearing: false,
  };
}

/** Every program requires the signed declaration and the business licence on every track. */
export function standardKinds(tracks: string[]): AttachmentKindDefinition[] {
  return [documentKind('declaration', tracks), documentKind('business-licence', tracks)];
}

/** `other`: optional everywhere. */
export function otherKind(): AttachmentKindDefinition {
  return documentKind('other', []);
}

export function attachmentKind(def: ProgramDefinition, kind: string): AttachmentKindDefinition | undefined {
  return def.attachmentKinds.find((k) => k.kind === kind);
}

/**
 * Whether files of this kind are withheld from blind reviewers. A kind the program does not declare (an old upload of
 * a kind since removed) counts as identity-bearing: closed by default.
 */
export function isIdentityBearing(def: ProgramDefinition | undefined, kind: string): boolean {
  const k = def ? attachmentKind(def, kind) : undefined;
  return k ? k.identityBearing : true;
}

/** The MIME types a kind accepts in this program, or undefined when the program has no such kind. */
export function allowedMimeTypes(def: ProgramDefinition, kind: string): string[] | undefined {
  return attachmentKind(def, kind)?.mimeTypes;
}

/** The largest file a kind takes in this program (bytes), or undefined when the program has no such kind. */
export function kindMaxBytes(def: ProgramDefinition, kind: string): number | undefined {
  return attachmentKind(def, kind)?.maxBytes;
}
