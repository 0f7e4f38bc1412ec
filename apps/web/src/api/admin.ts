/**
 * The admins' and finance's staff pages (issue 14): users, the holiday calendar, credit-code exceptions, the audit log
 * and its chain check, the queue dashboard session; bank files, recoveries and ledgers by program, call and award.
 */
import type { Query } from '../client';
import { client, unwrap, query, type Body } from '../api';
import type { components } from './schema';

type S = components['schemas'];

export type User = S['UserResponse'];
export type CalendarYear = S['CalendarYearResponse'];
export type CalendarYearBody = Body<'/api/admin/calendar/{year}', 'put'>;
export type CreditCodeException = S['CreditCodeExceptionListItemResponse'];
export type AuditEvent = S['AuditEventResponse'];
export type ChainCheck = S['AuditChainCheckResponse'];
export type LedgerSummary = S['LedgerSummaryResponse'];
export type LedgerRow = S['LedgerRowResponse'];
export type BankReturn = S['BankReturnResponse'];
export type RoleName = User['roles'][number];

export const adminApi = {
  // ---------------------------------------------------------------- users
  users: (q: Query) => unwrap(client.GET('/api/users', { params: { query: query(q) } })),
  setRoles: (id: string, roles: RoleName[]) =>
    unwrap(client.PUT('/api/users/{id}/roles', { params: { path: { id } }, body: { roles } })),
  disableUser: (id: string) => unwrap(client.POST('/api/users/{id}/disable', { params: { path: { id } } })),
  enableUser: (id: string) => unwrap(client.POST('/api/users/{id}/enable', { params: { path: { id } } })),
  setAgency: (id: string, agencyId: string | null) =>
    unwrap(client.PUT('/api/users/{id}/agency', { params: { path: { id } }, body: { agencyId } })),

  // ---------------------------------------------------------------- calendar
  calendarYears: () => unwrap(client.GET('/api/admin/calendar', { params: { query: query({ pageSize: 100 }) } })),
  putCalendarYear: (year: number, body: CalendarYearBody) =>
    unwrap(client.PUT('/api/admin/calendar/{year}', { params: { path: { year } }, body })),

  // ---------------------------------------------------------------- credit-code exceptions
  creditCodeExceptions: (q: Query) =>
    unwrap(client.GET('/api/admin/credit-code-exceptions', { params: { query: query(q) } })),
  addCreditCodeException: (creditCode: string, reason: string) =>
    unwrap(client.POST('/api/admin/credit-code-exceptions', { body: { creditCode, reason } })),

  // ---------------------------------------------------------------- audit
  audit: (q: Query) => unwrap(client.GET('/api/admin/audit', { params: { query: query(q) } })),
  verifyAudit: (fromSeq?: number) =>
    unwrap(client.POST('/api/admin/audit/verify', { body: fromSeq ? { fromSeq } : {} })),

  // ---------------------------------------------------------------- queue dashboard
  /** Sets the HttpOnly cookie that opens /admin/queues for 15 minutes (no token in a URL). */
  queueSession: () => unwrap(client.POST('/api/admin/queues/session')),

  // ---------------------------------------------------------------- finance
  bankFilePath: (batchId: string) => `/api/payment-batches/${encodeURIComponent(batchId)}/bank-file`,
  bankReturnPath: (batchId: string) => `/api/payment-batches/${encodeURIComponent(batchId)}/bank-return`,
  recovered: (id: string, bankReference: string, note?: string) =>
    unwrap(
      client.POST('/api/payments/{id}/recovered', {
        params: { path: { id } },
        body: { bankReference, ...(note ? { note } : {}) },
      }),
    ),
  ledgers: (q: Query) => unwrap(client.GET('/api/ledgers', { params: { query: query(q) } })),
};
