/** Issue 13, 签约 and 变更 of grants: the task agreement and change requests of an award. */
import { client, enc, query, unwrap, type Body } from '../api';
import type { Query } from '../client';
import type { components } from './schema';

type S = components['schemas'];

export type Agreement = S['AgreementResponse'];
export type AgreementListItem = S['AgreementListItemResponse'];
export type Change = S['ChangeResponse'];
export type ChangeQueueItem = S['ChangeQueueItemResponse'];
export type ChangeKind = Change['kind'];
export type ChangeRequest = Body<'/api/awards/{id}/changes', 'post'>;

export const agreementsApi = {
  agreement: (id: string) => unwrap(client.GET('/api/awards/{id}/agreement', { params: { path: { id } } })),
  agreementPdfPath: (id: string) => `/api/awards/${enc(id)}/agreement.pdf`,
  accept: (id: string, version: number) =>
    unwrap(client.POST('/api/awards/{id}/agreement/accept', { params: { path: { id } }, body: { version } })),
  countersign: (id: string) =>
    unwrap(client.POST('/api/awards/{id}/agreement/countersign', { params: { path: { id } } })),
  agreements: (q: Query) => unwrap(client.GET('/api/agreements', { params: { query: query(q) } })),

  changes: (awardId: string) => unwrap(client.GET('/api/awards/{id}/changes', { params: { path: { id: awardId } } })),
  requestChange: (awardId: string, body: ChangeRequest) =>
    unwrap(client.POST('/api/awards/{id}/changes', { params: { path: { id: awardId } }, body })),
  changeQueue: (q: Query) => unwrap(client.GET('/api/changes', { params: { query: query(q) } })),
  approveChange: (id: string, note?: string) =>
    unwrap(client.POST('/api/changes/{id}/approve', { params: { path: { id } }, body: note ? { note } : {} })),
  rejectChange: (id: string, note: string) =>
    unwrap(client.POST('/api/changes/{id}/reject', { params: { path: { id } }, body: { note } })),
  withdrawChange: (id: string) => unwrap(client.POST('/api/changes/{id}/withdraw', { params: { path: { id } } })),
};
