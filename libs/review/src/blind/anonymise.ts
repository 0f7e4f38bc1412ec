/**
 * Blind review: what an expert may see of an application when the call is blind. Pure; one function
 * (`anonymiseApplication`) used by every expert-facing view (the review, the review list, the history and the
 * attachment metadata).
 *
 * Removed or masked:
 *  - the organization block (name, credit code, address, legal representative, region);
 *  - person names in the payload: `name` of every entry of a people list (`creators`, `authors`, `members`, …)
 *    and identity fields anywhere (`legalRepresentative`, `contact…`, `phone`, `email`, `address`, `creditCode`, …);
 *  - registration numbers of IP rights (`ipRights[].number`): public registers name their holder;
 *  - every occurrence, in any remaining text (title, payload, history comments), of the organization's name (also
 *    without its legal-form suffix, e.g. 有限公司, or a bracketed place), its credit code and its 9-character
 *    organisation code, and of the names, e-mails and phone numbers of the applicant's people;
 *  - the actor of each history entry;
 *  - attachment file names, which become `<kind>-<n>.<ext>` (n counts from 1 per kind, in upload order);
 *    checksums and uploaders are dropped. Files of identity-bearing kinds (the program definition says which) are
 *    not given to a blind reviewer at all: ReviewAccess and ReviewsService leave them out before anonymising.
 *
 * Whatever the call, an expert never sees a person's ID number or phone number (`withoutPersonalNumbers`): fields
 * named for them are replaced and numbers of their shape are masked in every text.
 */

export const REDACTED = '[已隐去/redacted]';

export interface IdentityFacts {
  organizationName: string;
  creditCode: string;
  /** Legal representative, the organization's users, the application's creators, … */
  personNames: string[];
  /** E-mails, phone numbers, addresses and any other string that must not appear. */
  otherTerms?: string[];
}

export interface AttachmentMeta {
  id: string;
  kind: string;
  fileName: string;
  size: number;
  mimeType: string;
  createdAt?: Date | string;
  [extra: string]: unknown;
}

export interface HistoryItem {
  at: Date | string;
  actor: unknown;
  from: string | null;
  to: string;
  comment: string | null;
}

export interface ApplicationView {
  id: string;
  number: string | null;
  title: string;
  programCode: string;
  track: string | null;
  status: string;
  payload: Record<string, unknown>;
  organization?: Record<string, unknown> | null;
  attachments: AttachmentMeta[];
  history: HistoryItem[];
  [extra: string]: unknown;
}

export interface BlindAttachment {
  id: string;
  kind: string;
  fileName: string;
  size: number;
  mimeType: string;
}

export interface BlindHistoryItem {
  at: Date | string;
  from: string | null;
  to: string;
  comment: string | null;
}

export interface BlindApplicationView {
  id: string;
  number: string | null;
  title: string;
  programCode: string;
  track: string | null;
  status: string;
  payload: Record<string, unknown>;
  attachments: BlindAttachment[];
  history: BlindHistoryItem[];
  blind: true;
}

/** Lists of people in payloads: the `name` of each entry is a person's name. */
const PEOPLE_LISTS = new Set([
  'creators',
  'authors',
  'members',
  'team',
  'people',
  'persons',
  'contacts',
  'staffList',
  'directors',
  'writers',
]);
/** Fields that identify the applicant wherever they appear in a payload. */
const IDENTITY_KEYS = new Set([
  'legalRepresentative',
  'contact',
  'contactName',
  'contactPerson',
  'contactPhone',
  'contactEmail',
  'phone',
  'mobile',
  'telephone',
  'email',
  'address',
  'creditCode',
  'organizationName',
  'organization',
  'companyName',
  'company',
  'applicantName',
  'applicant',
  'idNumber',
  'idCard',
]);
/** Per-list fields that identify the holder (IP registration numbers). */
const LIST_IDENTITY_FIELDS: Record<string, string[]> = { ipRights: ['number'] };

const LEGAL_FORM_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '集团',
  '公司',
  '工作室',
  'co., ltd.',
  'co.,ltd.',
  'co. ltd.',
  'ltd.',
  'ltd',
  'inc.',
  'inc',
];

/** The organization's name and the shorter forms people write it in. */
export function organizationNameVariants(name: string): string[] {
  const out = new Set<string>();
  const base = name.trim();
  if (!base) return [];
  out.add(base);
  const noBrackets = base.replace(/[（(][^）)]*[）)]/g, '').trim();
  out.add(noBrackets);
  for (const v of [base, noBrackets]) {
    let stem = v;
    for (let changed = true; changed;) {
      changed = false;
      for (const s of LEGAL_FORM_SUFFIXES) {
        if (stem.toLowerCase().endsWith(s) && stem.length > s.length) {
          stem = stem.slice(0, stem.length - s.length).replace(/[\s,，]+$/, '');
          changed = true;
        }
      }
    }
    out.add(stem);
  }
  return [...out].filter((v) => Array.from(v).length >= 2);
}

/** Names found in people lists of a payload (before they are removed), so free text mentioning them is masked too. */
export function personNamesInPayload(payload: unknown): string[] {
  const names: string[] = [];
  const walk = (v: unknown, key: string | null) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        const name = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
        if (key && PEOPLE_LISTS.has(key) && typeof name === 'string') names.push(name);
        walk(item, null);
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (IDENTITY_KEYS.has(k) && typeof x === 'string') names.push(x);
        walk(x, k);
      }
    }
  };
  walk(payload, null);
  return names;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Payload fields holding a person's ID number or phone number, whatever the program calls them. */
const PERSONAL_NUMBER_KEY =
  /^(?:(?:id|identity|resident)(?:card)?|card|passport)(?:number|no|num)?$|phone|mobile|^tel(?:ephone)?$|^fax$/i;
/** Chinese resident ID numbers (18 characters, birth date inside), mobile numbers and landlines with area code. */
const PERSONAL_NUMBER_TEXT = [
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
  /(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3}[\s-])\d{7,8}(?!\d)/g,
];

export function isPersonalNumberKey(key: string): boolean {
  return key !== 'id' && PERSONAL_NUMBER_KEY.test(key);
}

/** A text with every ID number and phone number masked. */
export function maskPersonalNumbers(text: string): string {
  return PERSONAL_NUMBER_TEXT.reduce((t, re) => t.replace(re, REDACTED), text);
}

/**
 * A payload (or any JSON value) as an expert may see it, blind call or not: fields named for an ID number or a phone
 * are replaced, and numbers of their shape are masked in every string. The input is not modified.
 */
export function withoutPersonalNumbers<T>(v: T): T {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return maskPersonalNumbers(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object' && !(x instanceof Date)) {
      const copy: Record<string, unknown> = {};
      for (const [k, y] of Object.entries(x as Record<string, unknown>))
        copy[k] = isPersonalNumberKey(k) && y != null ? REDACTED : walk(y);
      return copy;
    }
    return x;
  };
  return walk(v) as T;
}

/** A function that masks every identifying term in a text. */
export function textScrubber(facts: IdentityFacts): (text: string) => string {
  const terms = new Set<string>();
  for (const v of organizationNameVariants(facts.organizationName ?? '')) terms.add(v);
  const cc = (facts.creditCode ?? '').trim();
  if (cc) {
    terms.add(cc);
    if (cc.length === 18) terms.add(cc.slice(8, 17)); // the organisation code inside it
  }
  for (const n of facts.personNames ?? []) if (n && Array.from(n.trim()).length >= 2) terms.add(n.trim());
  for (const t of facts.otherTerms ?? []) if (t && Array.from(t.trim()).length >= 2) terms.add(t.trim());
  const list = [...terms].sort((a, b) => b.length - a.length);
  if (list.length === 0) return maskPersonalNumbers;
  const re = new RegExp(list.map(escapeRegExp).join('|'), 'giu');
  return (text: string) => maskPersonalNumbers(text.replace(re, REDACTED));
}

function scrubPayload(v: unknown, key: string | null, scrub: (t: string) => string): unknown {
  if (typeof v === 'string') return scrub(v);
  if (Array.isArray(v)) {
    return v.map((item) => {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const copy: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(item as Record<string, unknown>)) {
          const personName = key !== null && PEOPLE_LISTS.has(key) && k === 'name';
          const listField = key !== null && (LIST_IDENTITY_FIELDS[key] ?? []).includes(k);
          copy[k] =
            personName || listField || IDENTITY_KEYS.has(k) || isPersonalNumberKey(k)
              ? x == null
                ? x
                : REDACTED
              : scrubPayload(x, k, scrub);
        }
        return copy;
      }
      return scrubPayload(item, null, scrub);
    });
  }
  if (v && typeof v === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      copy[k] = IDENTITY_KEYS.has(k) || isPersonalNumberKey(k) ? (x == null ? x : REDACTED) : scrubPayload(x, k, scrub);
    return copy;
  }
  return v;
}

const EXT_OF_MIME: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** `<kind>-<n>.<ext>`: the extension of the original name when it is a plain one, else one from the MIME type. */
export function anonymousFileName(kind: string, n: number, originalName: string, mimeType: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(originalName ?? '');
  const ext = m ? m[1].toLowerCase() : (EXT_OF_MIME[(mimeType ?? '').toLowerCase()] ?? 'bin');
  const safeKind = (kind ?? 'file').replace(/[^A-Za-z0-9_-]/g, '') || 'file';
  return `${safeKind}-${n}.${ext}`;
}

function time(v: Date | string | undefined): number {
  if (v == null) return 0;
  return v instanceof Date ? v.getTime() : Date.parse(v);
}

/** Attachments as a blind reviewer sees them (upload order kept; `n` counts per kind in that order). */
export function anonymiseAttachments(attachments: AttachmentMeta[]): BlindAttachment[] {
  const ordered = attachments
    .map((a, i) => ({ a, i }))
    .sort((x, y) => time(x.a.createdAt) - time(y.a.createdAt) || x.i - y.i);
  const counters = new Map<string, number>();
  const nameOf = new Map<string, string>();
  for (const { a } of ordered) {
    const n = (counters.get(a.kind) ?? 0) + 1;
    counters.set(a.kind, n);
    nameOf.set(a.id, anonymousFileName(a.kind, n, a.fileName, a.mimeType));
  }
  return attachments.map((a) => ({
    id: a.id,
    kind: a.kind,
    fileName: nameOf.get(a.id)!,
    size: Number(a.size),
    mimeType: a.mimeType,
  }));
}

/** The whole application as a blind reviewer sees it. The input is not modified. */
export function anonymiseApplication(view: ApplicationView, facts: IdentityFacts): BlindApplicationView {
  const scrub = textScrubber({
    ...facts,
    personNames: [...(facts.personNames ?? []), ...personNamesInPayload(view.payload)],
  });
  return {
    id: view.id,
    number: view.number,
    title: scrub(view.title ?? ''),
    programCode: view.programCode,
    track: view.track,
    status: view.status,
    payload: scrubPayload(view.payload ?? {}, null, scrub) as Record<string, unknown>,
    attachments: anonymiseAttachments(view.attachments ?? []),
    history: (view.history ?? []).map((h) => ({
      at: h.at,
      from: h.from,
      to: h.to,
      comment: h.comment == null ? null : scrub(h.comment),
    })),
    blind: true,
  };
}

/** A title as a blind reviewer sees it (lists). */
export function anonymiseTitle(title: string, facts: IdentityFacts, payload?: unknown): string {
  return textScrubber({
    ...facts,
    personNames: [...(facts.personNames ?? []), ...personNamesInPayload(payload ?? {})],
  })(title ?? '');
}
