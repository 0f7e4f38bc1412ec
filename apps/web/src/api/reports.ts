/**
 * Reports after the award, their reminders and overdue warnings, and the evaluation (issue 13): the web's calls,
 * typed by the generated OpenAPI document.
 */
import { client, enc, form, query, unwrap } from '../api';
import { downloadFile, uploadMultipart, type Query } from '../client';
import type { components } from './schema';

type S = components['schemas'];

export type AwardReports = S['AwardReportsResponse'];
export type Report = S['ReportResponse'];
export type ReportQueueItem = S['ReportQueueItemResponse'];
export type ReportWarning = S['ReportWarningResponse'];
export type ReportAttachment = S['ReportAttachmentResponse'];
export type Evaluation = S['EvaluationResponse'];
export type EvaluationGrade = S['EvaluationDto']['grade'];
export type ProgramReport = S['ProgramReportResponse'];

export const reportsApi = {
  ofAward: (id: string) => unwrap(client.GET('/api/awards/{id}/reports', { params: { path: { id } } })),
  save: (id: string, kind: string, payload: Record<string, unknown>) =>
    unwrap(client.PUT('/api/awards/{id}/reports/{kind}', { params: { path: { id, kind } }, body: { payload } })),
  submit: (id: string, kind: string) =>
    unwrap(client.POST('/api/awards/{id}/reports/{kind}/submit', { params: { path: { id, kind } } })),
  /** Multipart upload of one file of a report's kind. */
  upload: (id: string, kind: string, fileKind: string, file: File) => {
    const fd = new FormData();
    fd.append('kind', fileKind);
    fd.append('file', file, file.name);
    return uploadMultipart<ReportAttachment>(`/api/awards/${enc(id)}/reports/${enc(kind)}/attachments`, fd).promise;
  },
  download: (attachmentId: string, name: string) => downloadFile(`/api/report-attachments/${enc(attachmentId)}`, name),
  queue: (q: Query) => unwrap(client.GET('/api/reports', { params: { query: query(q) } })),
  accept: (id: string, note: string) =>
    unwrap(client.POST('/api/reports/{id}/accept', { params: { path: { id } }, body: { note } })),
  giveBack: (id: string, note: string) =>
    unwrap(client.POST('/api/reports/{id}/return', { params: { path: { id } }, body: { note } })),
  warnings: (q: Query) => unwrap(client.GET('/api/report-warnings', { params: { query: query(q) } })),
  confirmWarning: (id: string, note: string) =>
    unwrap(client.POST('/api/report-warnings/{id}/confirm', { params: { path: { id } }, body: { note } })),
  dismissWarning: (id: string, note: string) =>
    unwrap(client.POST('/api/report-warnings/{id}/dismiss', { params: { path: { id } }, body: { note } })),
  evaluate: (id: string, grade: EvaluationGrade, note: string) =>
    unwrap(client.POST('/api/awards/{id}/evaluation', { params: { path: { id } }, body: form({ grade, note }) })),
};
