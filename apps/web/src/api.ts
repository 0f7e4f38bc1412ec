/**
 * Every API call of the web front end, typed by the API's own OpenAPI document: `./api/schema.d.ts` is generated
 * from /api/docs-json by `npm run gen:api` (a test fails when it is stale), and openapi-fetch checks each path,
 * its parameters, body and answer against it. The types below are names for the document's schemas.
 */
import createClient from 'openapi-fetch';
import { ApiError, anonymousFetch, authorizedFetch, withQuery, type Query } from './client';
import type { I18nText } from './i18n';
import type { components, paths } from './api/schema';

type S = components['schemas'];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export type Text = I18nText | string;
/** A program's payload: its shape is the program's form schema (GET /api/programs), known only at run time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- program-specific, described by formSchema
export type Payload = Record<string, any>;

export type Me = S['MeResponse'];
export type Role = Me['roles'][number];
export type TokenPair = S['TokenPairResponse'];

export type Program = S['ProgramResponse'];
export type Track = S['ProgramTrackResponse'];
export type FormLayout = S['FormLayoutResponse'];
export type FormBlock = S['FormBlockResponse'];
export type FormFieldLayout = S['FormFieldResponse'];
export type FormListLayout = S['FormListResponse'];
export type FormOption = S['FormOptionResponse'];
export type RubricCriterion = S['RubricCriterionResponse'];
export type AttachmentKind = S['AttachmentKindResponse'];
export type Call = S['CallResponse'];

export type Attachment = S['AttachmentResponse'];
export type Application = Omit<S['ApplicationResponse'], 'payload'> & { payload: Payload };
export type ApplicationListItem = S['ApplicationListItemResponse'];
export type EligibilityCheck = S['RuleResultResponse'];
export type Eligibility = S['EligibilityResponse'];
export type HistoryEntry = S['ApplicationHistoryEntryResponse'];

export type Review = S['ReviewResponse'];
export type ReviewListItem = S['ReviewListItemResponse'];
export type ReviewVersion = S['ReviewVersionResponse'];
export type DrawResult = S['DrawResultResponse'];
export type Progress = S['ReviewProgressResponse'];
export type RankingRow = S['RankingRowResponse'];
export type ProvinceCounts = S['ProvinceCountsResponse'];
export type Expert = S['ExpertResponse'];

export type DecisionItem = S['DecisionItemResponse'];
export type Decisions = S['DecisionsResponse'];
export type FillProposal = S['FillProposalResponse'];
/** One tier of fill-by-ranking (no amount for a certificate program). */
export type FillTier = { tier: string; amountFen?: number; count?: number };
export type Notice = S['NoticeResponse'];
export type Objection = S['ObjectionResponse'];
export type Award = S['AwardResponse'];
export type PublicAward = S['PublicAwardResponse'];
export type PublicList = S['PublicListResponse'];

export type Instalment = S['InstalmentResponse'];
export type BatchResult = S['PreparedBatchResponse'];
export type Batch = S['BatchResponse'];
export type BankReturnProposal = S['BankReturnProposalResponse'];
export type Ledger = S['AwardLedgerResponse'];

export type FlagKind = S['OrganizationFlagResponse']['kind'];
/** The list gives `active` (in force today); the POST answer does not. */
export type OrganizationFlag = S['OrganizationFlagResponse'] & { active?: boolean };
export type OutboxMail = S['OutboxMailResponse'];
export type Agency = S['AgencyResponse'];
export type AgencyCreateBody = S['CreateAgencyDto'];
export type AgencyUpdateBody = S['UpdateAgencyDto'];
export type OrganizationDetail = S['OrganizationDetailResponse'];
export type OrganizationItem = S['OrganizationResponse'];

/** Shared with the feature files under ./api/ (one per part of a feature set, e.g. ./api/agreements.ts). */
export const client = createClient<paths>({ fetch: authorizedFetch });
export const publicClient = createClient<paths>({ fetch: anonymousFetch });

/** The answer's data, or an ApiError carrying the API's error body. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = typeof error === 'string' ? (error ? { message: error } : {}) : (error ?? {});
    throw new ApiError(response.status, body);
  }
  return data as T;
}

/**
 * Filters as the pages hold them (empty values mean "no filter"), checked against the operation's query type
 * at run time by the API's validation pipe.
 */
export function query(q: Query | undefined): never {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(q ?? {})) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as never;
}

/**
 * A body the OpenAPI document describes less precisely than the API's DTO accepts (program payloads, score maps, the
 * login body, fill-by-ranking's optional `confirm` and a certificate's tiers without `amountFen`): checked by the DTO.
 */
export const form = (body: unknown) => body as never;

/** The JSON body of an operation, as the OpenAPI document describes it. */
export type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> =
  NonNullable<paths[P][M]> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

/** A call's settings: `spreadThreshold` has a server default, which the document marks as required. */
export type CallBody = Omit<Body<'/api/calls', 'post'>, 'spreadThreshold'> & { spreadThreshold?: number };

export const enc = encodeURIComponent;

export const api = {
  // ---------------------------------------------------------------- identity
  register: (body: Body<'/api/auth/register', 'post'>) => unwrap(publicClient.POST('/api/auth/register', { body })),
  login: (email: string, password: string) =>
    unwrap(publicClient.POST('/api/auth/login', { body: form({ email, password }) })),
  verifyEmail: (token: string) => unwrap(publicClient.POST('/api/auth/verify-email', { body: { token } })),
  acceptInvitation: (body: S['AcceptInvitationDto']) =>
    unwrap(publicClient.POST('/api/auth/accept-invitation', { body })),
  logout: (refreshToken: string) => unwrap(client.POST('/api/auth/logout', { body: { refreshToken } })),
  me: () => unwrap(client.GET('/api/me')),
  createUser: (body: Body<'/api/users', 'post'>) => unwrap(client.POST('/api/users', { body })),
  outbox: (q: Query) => unwrap(client.GET('/api/admin/outbox', { params: { query: query(q) } })),
  agencies: (q: Query) => unwrap(client.GET('/api/agencies', { params: { query: query(q) } })),
  createAgency: (body: AgencyCreateBody) => unwrap(client.POST('/api/agencies', { body })),
  updateAgency: (id: string, body: AgencyUpdateBody) =>
    unwrap(client.PATCH('/api/agencies/{id}', { params: { path: { id } }, body })),
  setUserAgency: (id: string, agencyId: string | null) =>
    unwrap(client.PUT('/api/users/{id}/agency', { params: { path: { id } }, body: { agencyId } })),
  organizations: (q: Query) => unwrap(client.GET('/api/organizations', { params: { query: query(q) } })),
  organization: (id: string) => unwrap(client.GET('/api/organizations/{id}', { params: { path: { id } } })),
  correctProvince: (id: string, body: { provinceCode: string; reason: string }) =>
    unwrap(client.POST('/api/organizations/{id}/province', { params: { path: { id } }, body })),
  organizationFlags: (organizationId: string) =>
    unwrap(client.GET('/api/organizations/{id}/flags', { params: { path: { id: organizationId } } })),
  addOrganizationFlag: (
    organizationId: string,
    body: { kind: FlagKind; reason: string; from: string; until?: string },
  ): Promise<OrganizationFlag> =>
    unwrap(client.POST('/api/organizations/{id}/flags', { params: { path: { id: organizationId } }, body })),

  // ---------------------------------------------------------------- programs and calls
  programs: () => unwrap(publicClient.GET('/api/programs')),
  calls: (q: Query) => unwrap(client.GET('/api/calls', { params: { query: query(q) } })),
  call: (id: string) => unwrap(client.GET('/api/calls/{id}', { params: { path: { id } } })),
  createCall: (body: CallBody) => unwrap(client.POST('/api/calls', { body: form(body) })),
  updateCall: (id: string, body: Omit<CallBody, 'programCode'> & { version: number }) =>
    unwrap(client.PATCH('/api/calls/{id}', { params: { path: { id } }, body: form(body) })),

  // ---------------------------------------------------------------- applications
  createApplication: (callId: string, body: { title: string; track?: string; payload: object }) =>
    unwrap(
      client.POST('/api/calls/{callId}/applications', { params: { path: { callId } }, body: form(body) }),
    ) as Promise<Application>,
  applications: (q: Query) => unwrap(client.GET('/api/applications', { params: { query: query(q) } })),
  application: (id: string) =>
    unwrap(client.GET('/api/applications/{id}', { params: { path: { id } } })) as Promise<Application>,
  saveApplication: (id: string, body: { title?: string; payload?: object; version: number }) =>
    unwrap(
      client.PATCH('/api/applications/{id}', { params: { path: { id } }, body: form(body) }),
    ) as Promise<Application>,
  eligibility: (id: string) => unwrap(client.GET('/api/applications/{id}/eligibility', { params: { path: { id } } })),
  submit: (id: string) => unwrap(client.POST('/api/applications/{id}/submit', { params: { path: { id } } })),
  withdraw: (id: string) => unwrap(client.POST('/api/applications/{id}/withdraw', { params: { path: { id } } })),
  screening: (id: string, body: { decision: 'accept' | 'return' | 'reject'; comment: string }) =>
    unwrap(client.POST('/api/applications/{id}/screening', { params: { path: { id } }, body })),
  provincialCheck: (id: string, body: Body<'/api/applications/{id}/provincial-check', 'post'>) =>
    unwrap(client.POST('/api/applications/{id}/provincial-check', { params: { path: { id } }, body })),
  recommend: (callId: string, body: Body<'/api/calls/{callId}/recommendations', 'post'>) =>
    unwrap(client.POST('/api/calls/{callId}/recommendations', { params: { path: { callId } }, body })),
  callProvinces: (callId: string) =>
    unwrap(client.GET('/api/calls/{callId}/provinces', { params: { path: { callId } } })),
  history: (id: string) => unwrap(client.GET('/api/applications/{id}/history', { params: { path: { id } } })),
  attachmentsPath: (id: string) => `/api/applications/${enc(id)}/attachments`,
  attachmentPath: (id: string, attId: string) => `/api/applications/${enc(id)}/attachments/${enc(attId)}`,
  /** The applicant removes a file of a draft or returned application (204). */
  removeAttachment: (id: string, attachmentId: string) =>
    unwrap(
      client.DELETE('/api/applications/{id}/attachments/{attachmentId}', {
        params: { path: { id, attachmentId } },
      }),
    ),
  /** tus resumable uploads (a middleware, not in the OpenAPI document). */
  tusEndpoint: (id: string) => `/api/applications/${enc(id)}/uploads`,
  /** A short-lived signed URL for <video> and plain links. */
  attachmentLink: (id: string, attId: string) =>
    unwrap(
      client.GET('/api/applications/{id}/attachments/{attachmentId}/link', {
        params: { path: { id, attachmentId: attId } },
      }),
    ),

  // ---------------------------------------------------------------- review
  experts: (q: Query) => unwrap(client.GET('/api/experts', { params: { query: query(q) } })),
  draw: (callId: string, seed?: number) =>
    unwrap(
      client.POST('/api/calls/{callId}/review-draw', {
        params: { path: { callId } },
        body: seed === undefined ? {} : { seed },
      }),
    ),
  reviews: (q: Query) => unwrap(client.GET('/api/reviews', { params: { query: query(q) } })),
  review: (id: string) => unwrap(client.GET('/api/reviews/{id}', { params: { path: { id } } })),
  declineReview: (id: string, body: { reason: 'conflict' | 'unavailable'; detail: string }) =>
    unwrap(client.POST('/api/reviews/{id}/decline', { params: { path: { id } }, body })),
  reviewVersions: (id: string) => unwrap(client.GET('/api/reviews/{id}/versions', { params: { path: { id } } })),
  saveReview: (id: string, body: { scores: Record<string, number>; comment: string }) =>
    unwrap(client.PUT('/api/reviews/{id}', { params: { path: { id } }, body: form(body) })),
  submitReview: (id: string) =>
    unwrap(client.POST('/api/reviews/{id}/submit', { params: { path: { id } }, body: form({}) })),
  reviewProgress: (callId: string) =>
    unwrap(client.GET('/api/calls/{callId}/review-progress', { params: { path: { callId } } })),
  closeReview: (callId: string) =>
    unwrap(client.POST('/api/calls/{callId}/review-close', { params: { path: { callId } } })),
  ranking: (callId: string) => unwrap(client.GET('/api/calls/{callId}/ranking', { params: { path: { callId } } })),
  rankingCsvPath: (callId: string) => `/api/calls/${enc(callId)}/ranking.csv`,
  /** A province's own expert round on a recommend call (issue 12): its officers only. */
  provincialDraw: (callId: string, province: string, seed?: number) =>
    unwrap(
      client.POST('/api/calls/{callId}/provinces/{province}/review-draw', {
        params: { path: { callId, province } },
        body: seed === undefined ? {} : { seed },
      }),
    ),
  provincialProgress: (callId: string, province: string) =>
    unwrap(
      client.GET('/api/calls/{callId}/provinces/{province}/review-progress', {
        params: { path: { callId, province } },
      }),
    ),
  provincialClose: (callId: string, province: string) =>
    unwrap(
      client.POST('/api/calls/{callId}/provinces/{province}/review-close', { params: { path: { callId, province } } }),
    ),
  provincialRanking: (callId: string, province: string) =>
    unwrap(client.GET('/api/calls/{callId}/provinces/{province}/ranking', { params: { path: { callId, province } } })),

  // ---------------------------------------------------------------- decisions, notices, awards
  decisions: (callId: string) => unwrap(client.GET('/api/calls/{callId}/decisions', { params: { path: { callId } } })),
  decide: (callId: string, applicationId: string, body: Body<'/api/calls/{callId}/decisions/{applicationId}', 'put'>) =>
    unwrap(
      client.PUT('/api/calls/{callId}/decisions/{applicationId}', {
        params: { path: { callId, applicationId } },
        body,
      }),
    ),
  /** `{ tiers: [{ tier, amountFen, count? }], confirm?, note? }` → the proposal (saved only with `confirm: true`). */
  fillByRanking: (callId: string, body: { tiers: FillTier[]; confirm?: boolean; note?: string }) =>
    unwrap(
      client.POST('/api/calls/{callId}/decisions/fill-by-ranking', { params: { path: { callId } }, body: form(body) }),
    ),
  publishNotice: (callId: string, workingDays?: number) =>
    unwrap(
      client.POST('/api/calls/{callId}/notices', {
        params: { path: { callId } },
        body: workingDays ? { workingDays } : {},
      }),
    ),
  /** The call's notices (at most one, with objection counts). */
  callNotices: (callId: string) => unwrap(client.GET('/api/calls/{callId}/notices', { params: { path: { callId } } })),
  publicNotice: (id: string) => unwrap(publicClient.GET('/api/public/notices/{id}', { params: { path: { id } } })),
  object: (noticeId: string, body: Body<'/api/public/notices/{id}/objections', 'post'>) =>
    unwrap(
      publicClient.POST('/api/public/notices/{id}/objections', {
        params: { path: { id: noticeId } },
        body,
      }),
    ),
  objections: (q: Query) => unwrap(client.GET('/api/objections', { params: { query: query(q) } })),
  resolveObjection: (id: string, body: { upheld: boolean; response: string }) =>
    unwrap(client.POST('/api/objections/{id}/resolution', { params: { path: { id } }, body })),
  finalize: (callId: string) => unwrap(client.POST('/api/calls/{callId}/finalize', { params: { path: { callId } } })),
  awards: (q: Query) => unwrap(client.GET('/api/awards', { params: { query: query(q) } })),
  revokeAward: (id: string, reason: string) =>
    unwrap(client.POST('/api/awards/{id}/revoke', { params: { path: { id } }, body: { reason } })),
  acceptMilestone: (id: string, instalmentNo: number, note: string) =>
    unwrap(
      client.POST('/api/awards/{id}/milestones/{instalmentNo}/accept', {
        params: { path: { id, instalmentNo } },
        body: { note },
      }),
    ),
  certificatePath: (id: string) => `/api/awards/${enc(id)}/certificate.pdf`,
  publicAwards: (q: Query) => unwrap(publicClient.GET('/api/public/awards', { params: { query: query(q) } })),
  publicLists: (q: Query) => unwrap(publicClient.GET('/api/public/lists', { params: { query: query(q) } })),
  publicAwardsFile: (ext: 'csv' | 'xlsx', q: Query) => withQuery(`/api/public/awards.${ext}`, q),

  // ---------------------------------------------------------------- payments
  payments: (q: Query) => unwrap(client.GET('/api/payments', { params: { query: query(q) } })),
  prepareBatch: (callId: string, instalmentNo: number) =>
    unwrap(client.POST('/api/payment-batches', { body: { callId, instalmentNo } })),
  batches: (q: Query) => unwrap(client.GET('/api/payment-batches', { params: { query: query(q) } })),
  batch: (id: string) => unwrap(client.GET('/api/payment-batches/{id}', { params: { path: { id } } })),
  approveBatch: (id: string) => unwrap(client.POST('/api/payment-batches/{id}/approve', { params: { path: { id } } })),
  retryPayment: (id: string) => unwrap(client.POST('/api/payments/{id}/retry', { params: { path: { id } } })),
  approveRetry: (id: string) => unwrap(client.POST('/api/payments/{id}/retry/approve', { params: { path: { id } } })),
  /** The failed lines of the batch's imported bank returns: waiting for a second finance user, or applied. */
  returnProposals: (batchId: string) =>
    unwrap(client.GET('/api/payment-batches/{id}/bank-return-proposals', { params: { path: { id: batchId } } })),
  approveReturn: (batchId: string, proposalId: string) =>
    unwrap(
      client.POST('/api/payment-batches/{id}/bank-return/{proposalId}/approve', {
        params: { path: { id: batchId, proposalId } },
      }),
    ),
  /** The award's money: paid − recovered, with its instalments and ledger lines. */
  ledger: (awardId: string) => unwrap(client.GET('/api/awards/{id}/ledger', { params: { path: { id: awardId } } })),
};

/** Accept either a page or a plain array from list endpoints. */
export function itemsOf<T>(data: Page<T> | T[] | undefined | null): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : (data.items ?? []);
}

export function trackCode(t: Track | string): string {
  return typeof t === 'string' ? t : t.code;
}
