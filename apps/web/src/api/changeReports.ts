/** 认定 change reports (变更报告, issue 13): the certified enterprise files them, the officer accepts or returns them. */
import { client, enc, query, unwrap } from '../api';
import { downloadFile, uploadMultipart, type Query } from '../client';
import type { components } from './schema';

export type ChangeReport = components['schemas']['ChangeReportResponse'];
export type ChangeKind = ChangeReport['kind'];

export interface ChangeReportFields {
  kind: ChangeKind;
  effectiveOn: string;
  newName?: string;
  detail: string;
}

export const changeReportsApi = {
  /** One organization's reports (its members; officers who see it). */
  ofOrganization: (organizationId: string, q: Query = {}) =>
    unwrap(
      client.GET('/api/organizations/{id}/change-reports', {
        params: { path: { id: organizationId }, query: query(q) },
      }),
    ),
  /** `status=submitted` is the officer's queue. */
  list: (q: Query) => unwrap(client.GET('/api/change-reports', { params: { query: query(q) } })),
  /** multipart: the fields and the new business licence. */
  file: (organizationId: string, fields: ChangeReportFields, licence: File) => {
    const fd = new FormData();
    fd.append('kind', fields.kind);
    fd.append('effectiveOn', fields.effectiveOn);
    if (fields.newName) fd.append('newName', fields.newName);
    fd.append('detail', fields.detail);
    fd.append('file', licence, licence.name);
    return uploadMultipart<ChangeReport>(`/api/organizations/${enc(organizationId)}/change-reports`, fd).promise;
  },
  accept: (id: string, note: string) =>
    unwrap(client.POST('/api/change-reports/{id}/accept', { params: { path: { id } }, body: { note } })),
  giveBack: (id: string, note: string) =>
    unwrap(client.POST('/api/change-reports/{id}/return', { params: { path: { id } }, body: { note } })),
  licence: (r: ChangeReport) => downloadFile(`/api/change-reports/${enc(r.id)}/licence`, r.licence.fileName),
};
