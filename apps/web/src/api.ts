/**
 * Every API path the web front end calls, in one place. Paths and fields named in shared/API.md are fixed;
 * those marked PROPOSAL are this front end's guesses and may need adjusting to what the API serves.
 */
import { http, withQuery, type Query, type TokenPair } from './client';
import type { I18nText } from './i18n';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export type Text = I18nText | string;

export type Role = 'applicant' | 'expert' | 'officer' | 'finance' | 'admin';

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  organizationId: string | null;
}

export interface RubricCriterion {
  key: string;
  name: Text;
  weight: number;
  max: number;
}
export interface AttachmentKind {
  kind: string;
  name?: Text;
  required: string[];
  mimeTypes: string[];
}
export interface Track {
  code: string;
  name?: Text;
}
export interface Program {
  code: string;
  name: Text;
  agency: Text;
  prefix: string;
  tracks: (Track | string)[];
  rubric: RubricCriterion[];
  attachmentKinds: AttachmentKind[];
  formSchema: any;
}

export interface Call {
  id: string;
  programCode: string;
  year: number;
  title: string;
  opensAt: string;
  closesAt: string;
  budgetFen: number;
  reviewersPerApplication: number;
  blindReview: boolean;
  regionRecusal: boolean;
  noticeWorkingDays: number;
  aggregation: 'mean' | 'trimmed' | 'zscore';
  spreadThreshold?: number | null;
  requestSharePercent?: number | null;
  status?: 'open' | 'upcoming' | 'closed';
  version: number;
  rubric?: RubricCriterion[];
}

export interface Attachment {
  id: string;
  kind: string;
  fileName: string;
  size: number;
  sha256?: string;
  mimeType: string;
}

export interface Application {
  id: string;
  callId: string;
  programCode?: string;
  organizationId?: string;
  organizationName?: string;
  track: string | null;
  title: string;
  status: string;
  number?: string | null;
  version: number;
  payload: Record<string, any>;
  attachments?: Attachment[];
  awardId?: string | null;
  createdAt?: string;
  updatedAt?: string;
  submittedAt?: string | null;
}

export interface EligibilityCheck {
  rule: string;
  passed: boolean;
  detail: Text;
}
export interface Eligibility {
  eligible: boolean;
  checks: EligibilityCheck[];
}
export interface HistoryEntry {
  at: string;
  actor: string | { id?: string; name?: string } | null;
  from: string | null;
  to: string;
  comment?: string | null;
}

/**
 * A review. The list (GET /api/reviews) gives the application's number and title flat (`applicationNumber`,
 * `applicationTitle`, `callTitle`) and, for officers, `expert`; the single review (GET /api/reviews/:id) gives
 * `application` and `call` (with the rubric).
 */
export interface Review {
  id: string;
  applicationId: string;
  callId?: string;
  status: 'pending' | 'declined' | 'submitted' | 'expired';
  dueAt: string;
  scores?: Record<string, number> | null;
  comment?: string | null;
  version?: number;
  scoresVisible?: boolean;
  submittedAt?: string | null;
  declineReason?: string | null;
  application?: Application;
  call?: {
    id: string;
    title: string;
    programCode: string;
    year: number;
    blindReview: boolean;
    reviewClosed: boolean;
    rubric: RubricCriterion[];
  };
  applicationNumber?: string | null;
  applicationTitle?: string;
  callTitle?: string;
  programCode?: string;
  track?: string | null;
  rubric?: RubricCriterion[];
  expert?: { id: string; name: string; email?: string };
  expertId?: string;
  expertName?: string;
  versions?: { at: string; scores: Record<string, number>; comment: string }[];
}
/** One saved draft of a review (GET /api/reviews/:id/versions, oldest first). */
export interface ReviewVersion {
  n: number;
  savedAt: string;
  scores: Record<string, number>;
  comment: string | null;
}

export interface DrawResult {
  assigned: number;
  shortfalls: { applicationId: string; missing: number }[];
  seed?: number;
}
export interface Progress {
  total: number;
  submitted: number;
  pending: number;
  declined: number;
  expired?: number;
  reviewersPerApplication?: number;
  closedAt?: string | null;
  byApplication?: {
    applicationId: string;
    number: string | null;
    title: string;
    status: string;
    submitted: number;
    pending: number;
    declined: number;
    expired: number;
    missing: number;
  }[];
}
export interface RankingRow {
  applicationId: string;
  number: string;
  title: string;
  /** null for an application without a submitted review (listed unranked, after the ranked ones). */
  score: number | null;
  rawMean: number | null;
  reviews: number;
  spread: number | null;
  flagged: boolean;
  rank: number | null;
}

export interface DecisionItem {
  applicationId: string;
  number?: string;
  title?: string;
  organization?: string;
  rank?: number | null;
  score?: number | null;
  status?: string;
  outcome?: 'award' | 'reject' | null;
  tier?: string | null;
  amountFen?: number | null;
  note?: string | null;
}
export interface Decisions {
  budgetFen: number;
  committedFen: number;
  items: DecisionItem[];
}
/** POST .../decisions/fill-by-ranking: the proposal (`saved: false`), or the saved decisions with `confirm: true`. */
export interface FillProposal {
  items: DecisionItem[];
  budgetFen?: number;
  totalFen?: number;
  remainingFen?: number;
  saved?: boolean;
}

export interface Notice {
  id: string;
  callId?: string;
  callTitle?: string;
  program?: string;
  year?: number;
  workingDays?: number;
  startsAt: string;
  endsAt: string;
  /** startsAt ≤ now < endsAt on the portal's clock. */
  open?: boolean;
  entries: {
    applicationId: string;
    number?: string | null;
    organization?: string;
    title?: string;
    track?: string | null;
    tier?: string | null;
    amountFen?: number | null;
    /** An upheld objection took the entry off the list. */
    removed?: boolean;
  }[];
  /** Officers only. */
  objections?: { total: number; open: number };
}
export interface Objection {
  id: string;
  noticeId?: string;
  name: string;
  contact: string;
  entryApplicationId: string;
  entry?: { number: string | null; title: string; organization: string; removed: boolean };
  status?: 'open' | 'answered';
  reason: string;
  evidence?: string | null;
  createdAt?: string;
  upheld?: boolean | null;
  response?: string | null;
  resolvedAt?: string | null;
  resolution?: { upheld: boolean; response: string; at?: string } | null;
}

export interface Award {
  id: string;
  applicationId: string;
  organizationId: string;
  program: string;
  year: number;
  tier?: string | null;
  amountFen: number | null;
  certificateNo?: string | null;
  status: 'active' | 'revoked';
  title?: string;
  organization?: string;
}
export interface PublicAward {
  id: string;
  program: string;
  year: number;
  organization: string;
  title: string;
  tier?: string | null;
  amountFen: number | null;
  certificateNo?: string | null;
  status: string;
}

export interface Instalment {
  id: string;
  awardId: string;
  applicationId: string;
  organizationId: string;
  instalmentNo: number;
  amountFen: number;
  dueOn: string | null;
  status: string;
  paidAt?: string | null;
  failure?: string | null;
  callId?: string;
  percent?: number;
  milestone?: string;
  batchId?: string | null;
  railReference?: string | null;
  applicationNumber?: string | null;
  title?: string;
  organization?: string;
}
export interface BatchResult {
  id: string;
  status: string;
  count: number;
  totalFen: number;
  skipped: { instalmentId: string; reason: string }[];
}
export interface Batch {
  id: string;
  status: string;
  callId?: string;
  instalmentNo?: number;
  preparedBy: string;
  preparedByName?: string;
  approvedBy?: string | null;
  approvedByName?: string | null;
  count: number;
  totalFen: number;
  byStatus?: Record<string, { count: number; totalFen: number }>;
  createdAt?: string;
}
export interface Ledger {
  awardId?: string;
  amountFen?: number;
  paidFen: number;
  recoveredFen: number;
  balanceFen: number;
  outstandingRecoveryFen?: number;
  instalments?: Instalment[];
  entries: {
    id?: string;
    at: string;
    kind: string;
    amountFen: number;
    instalmentId?: string;
    instalmentNo?: number;
    from?: string | null;
    to?: string | null;
    note?: string | null;
  }[];
}

export interface Expert {
  id: string;
  name: string;
  email?: string;
  fields: string[];
  employerCreditCode?: string;
  regionCode?: string;
  conflicts?: { creditCode: string; note?: string }[];
  load?: number;
  available?: boolean;
}

/** An organization's credit record (GET/POST /api/organizations/:id/flags); dates `YYYY-MM-DD`, `until` inclusive. */
export type FlagKind = 'dishonest' | 'barred' | 'violation';
export interface OrganizationFlag {
  id: string;
  organizationId: string;
  kind: FlagKind;
  reason: string;
  from: string;
  /** null: open-ended. */
  until: string | null;
  createdBy?: string;
  createdAt?: string;
  /** In force today (Beijing time, the portal's clock); the list gives it, the POST answer does not. */
  active?: boolean;
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  status: string;
  createdAt: string;
}

const enc = encodeURIComponent;

export const api = {
  // ---------------------------------------------------------------- identity
  register: (body: unknown) => http.post('/api/auth/register', body, { anonymous: true }),
  login: (email: string, password: string) =>
    http.post<TokenPair>('/api/auth/login', { email, password }, { anonymous: true }),
  logout: (refreshToken: string) => http.post('/api/auth/logout', { refreshToken }),
  me: () => http.get<Me>('/api/me'),
  createUser: (body: unknown) => http.post('/api/users', body),
  outbox: (q: Query) => http.get<Page<OutboxMail>>('/api/admin/outbox', q),
  organizationFlags: (organizationId: string) =>
    http.get<OrganizationFlag[]>(`/api/organizations/${enc(organizationId)}/flags`),
  addOrganizationFlag: (
    organizationId: string,
    body: { kind: FlagKind; reason: string; from: string; until?: string },
  ) => http.post<OrganizationFlag>(`/api/organizations/${enc(organizationId)}/flags`, body),

  // ---------------------------------------------------------------- programs and calls
  programs: () => http.get<Program[]>('/api/programs', undefined, { anonymous: true }),
  calls: (q: Query) => http.get<Page<Call> | Call[]>('/api/calls', q),
  call: (id: string) => http.get<Call>(`/api/calls/${enc(id)}`),
  createCall: (body: unknown) => http.post<Call>('/api/calls', body),
  updateCall: (id: string, body: unknown) => http.patch<Call>(`/api/calls/${enc(id)}`, body),

  // ---------------------------------------------------------------- applications
  createApplication: (callId: string, body: { title: string; track?: string; payload: object }) =>
    http.post<Application>(`/api/calls/${enc(callId)}/applications`, body),
  applications: (q: Query) => http.get<Page<Application>>('/api/applications', q),
  application: (id: string) => http.get<Application>(`/api/applications/${enc(id)}`),
  saveApplication: (id: string, body: { title?: string; payload?: object; version: number }) =>
    http.patch<Application>(`/api/applications/${enc(id)}`, body),
  eligibility: (id: string) => http.get<Eligibility>(`/api/applications/${enc(id)}/eligibility`),
  submit: (id: string) => http.post<{ status: string; number: string }>(`/api/applications/${enc(id)}/submit`),
  withdraw: (id: string) => http.post(`/api/applications/${enc(id)}/withdraw`),
  screening: (id: string, body: { decision: 'accept' | 'return' | 'reject'; comment: string }) =>
    http.post(`/api/applications/${enc(id)}/screening`, body),
  history: (id: string) => http.get<HistoryEntry[]>(`/api/applications/${enc(id)}/history`),
  attachmentsPath: (id: string) => `/api/applications/${enc(id)}/attachments`,
  attachmentPath: (id: string, attId: string) => `/api/applications/${enc(id)}/attachments/${enc(attId)}`,
  tusEndpoint: (id: string) => `/api/applications/${enc(id)}/uploads`,
  /** PROPOSAL: a short-lived signed URL for <video> and plain links → `{ url }`. */
  attachmentLink: (id: string, attId: string) =>
    http.get<{ url: string }>(`/api/applications/${enc(id)}/attachments/${enc(attId)}/link`),

  // ---------------------------------------------------------------- review
  /** PROPOSAL: GET /api/experts → page of Expert (with `load`). */
  experts: (q: Query) => http.get<Page<Expert>>('/api/experts', q),
  draw: (callId: string, seed?: number) =>
    http.post<DrawResult>(`/api/calls/${enc(callId)}/review-draw`, seed === undefined ? {} : { seed }),
  reviews: (q: Query) => http.get<Page<Review>>('/api/reviews', q),
  review: (id: string) => http.get<Review>(`/api/reviews/${enc(id)}`),
  declineReview: (id: string, body: { reason: 'conflict' | 'unavailable'; detail: string }) =>
    http.post(`/api/reviews/${enc(id)}/decline`, body),
  reviewVersions: (id: string) => http.get<ReviewVersion[]>(`/api/reviews/${enc(id)}/versions`),
  saveReview: (id: string, body: { scores: Record<string, number>; comment: string }) =>
    http.put<Review>(`/api/reviews/${enc(id)}`, body),
  submitReview: (id: string) => http.post<Review>(`/api/reviews/${enc(id)}/submit`),
  /** PROPOSAL: GET /api/calls/:callId/review-progress → Progress. */
  reviewProgress: (callId: string) => http.get<Progress>(`/api/calls/${enc(callId)}/review-progress`),
  closeReview: (callId: string) => http.post(`/api/calls/${enc(callId)}/review-close`),
  ranking: (callId: string) => http.get<RankingRow[]>(`/api/calls/${enc(callId)}/ranking`),
  rankingCsvPath: (callId: string) => `/api/calls/${enc(callId)}/ranking.csv`,

  // ---------------------------------------------------------------- decisions, notices, awards
  decisions: (callId: string) => http.get<Decisions>(`/api/calls/${enc(callId)}/decisions`),
  decide: (callId: string, applicationId: string, body: unknown) =>
    http.put(`/api/calls/${enc(callId)}/decisions/${enc(applicationId)}`, body),
  /** POST .../decisions/fill-by-ranking `{ tiers: [{ tier, amountFen, count? }], confirm?, note? }` → FillProposal (saved only with `confirm: true`). */
  fillByRanking: (callId: string, body: unknown) =>
    http.post<FillProposal>(`/api/calls/${enc(callId)}/decisions/fill-by-ranking`, body),
  publishNotice: (callId: string, workingDays?: number) =>
    http.post<Notice>(`/api/calls/${enc(callId)}/notices`, workingDays ? { workingDays } : {}),
  /** GET /api/calls/:callId/notices → Notice[] (at most one, with objection counts). */
  callNotices: (callId: string) => http.get<Notice[] | Page<Notice>>(`/api/calls/${enc(callId)}/notices`),
  publicNotice: (id: string) => http.get<Notice>(`/api/public/notices/${enc(id)}`, undefined, { anonymous: true }),
  object: (noticeId: string, body: unknown) =>
    http.post(`/api/public/notices/${enc(noticeId)}/objections`, body, { anonymous: true }),
  /** GET /api/objections?callId=&noticeId=&status=open|answered → page of Objection. */
  objections: (q: Query) => http.get<Page<Objection>>('/api/objections', q),
  resolveObjection: (id: string, body: { upheld: boolean; response: string }) =>
    http.post(`/api/objections/${enc(id)}/resolution`, body),
  finalize: (callId: string) => http.post(`/api/calls/${enc(callId)}/finalize`),
  awards: (q: Query) => http.get<Page<Award>>('/api/awards', q),
  revokeAward: (id: string, reason: string) => http.post(`/api/awards/${enc(id)}/revoke`, { reason }),
  acceptMilestone: (id: string, instalmentNo: number, note: string) =>
    http.post(`/api/awards/${enc(id)}/milestones/${instalmentNo}/accept`, { note }),
  certificatePath: (id: string) => `/api/awards/${enc(id)}/certificate.pdf`,
  publicAwards: (q: Query) => http.get<Page<PublicAward>>('/api/public/awards', q, { anonymous: true }),
  publicAwardsFile: (ext: 'csv' | 'xlsx', q: Query) => withQuery(`/api/public/awards.${ext}`, q),

  // ---------------------------------------------------------------- payments
  payments: (q: Query) => http.get<Page<Instalment>>('/api/payments', q),
  prepareBatch: (callId: string, instalmentNo: number) =>
    http.post<BatchResult>('/api/payment-batches', { callId, instalmentNo }),
  /** GET /api/payment-batches?callId=&status= → page of Batch. */
  batches: (q: Query) => http.get<Page<Batch>>('/api/payment-batches', q),
  batch: (id: string) => http.get<Batch>(`/api/payment-batches/${enc(id)}`),
  approveBatch: (id: string) => http.post(`/api/payment-batches/${enc(id)}/approve`),
  retryPayment: (id: string) => http.post(`/api/payments/${enc(id)}/retry`),
  /** GET /api/awards/:id/ledger → Ledger (with the award's instalments). */
  ledger: (awardId: string) => http.get<Ledger>(`/api/awards/${enc(awardId)}/ledger`),
};

/** Accept either a page or a plain array from list endpoints. */
export function itemsOf<T>(data: Page<T> | T[] | undefined | null): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : (data.items ?? []);
}

export function trackCode(t: Track | string): string {
  return typeof t === 'string' ? t : t.code;
}
