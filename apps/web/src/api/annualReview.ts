/** The 年审 (annual review of certificates, issue 13) calls of the web front end. */
import { client, enc, form, query, unwrap } from '../api';
import { downloadFile, uploadMultipart, type Query } from '../client';
import type { components } from './schema';

type S = components['schemas'];
export type AwardAnnualReviews = S['AwardAnnualReviewsResponse'];
export type AnnualReview = S['AnnualReviewResponse'];
export type AnnualReviewAttachment = S['AnnualReviewAttachmentResponse'];
export type AnnualReviewRule = S['AnnualReviewRuleResponse'];

export const annualReviewApi = {
  ofAward: (id: string) =>
    unwrap(client.GET('/api/awards/{id}/annual-reviews', { params: { path: { id } } })) as Promise<AwardAnnualReviews>,
  save: (id: string, year: number, payload: Record<string, unknown>) =>
    unwrap(
      client.PUT('/api/awards/{id}/annual-reviews/{year}', {
        params: { path: { id, year } },
        body: form({ payload }),
      }),
    ) as Promise<AnnualReview>,
  submit: (id: string, year: number) =>
    unwrap(
      client.POST('/api/awards/{id}/annual-reviews/{year}/submit', {
        params: { path: { id, year } },
      }),
    ) as Promise<AnnualReview>,
  upload: (id: string, year: number, kind: string, file: File) => {
    const fd = new FormData();
    fd.append('kind', kind);
    fd.append('file', file);
    return uploadMultipart<AnnualReviewAttachment>(`/api/awards/${enc(id)}/annual-reviews/${year}/attachments`, fd)
      .promise;
  },
  removeAttachment: (id: string, year: number, attachmentId: string) =>
    unwrap(
      client.DELETE('/api/awards/{id}/annual-reviews/{year}/attachments/{attachmentId}', {
        params: { path: { id, year, attachmentId } },
      }),
    ),
  download: (reviewId: string, attachmentId: string, name: string) =>
    downloadFile(`/api/annual-reviews/${enc(reviewId)}/attachments/${enc(attachmentId)}`, name),
  queue: (q: Query) =>
    unwrap(client.GET('/api/annual-reviews', { params: { query: query(q) } })) as Promise<{
      items: AnnualReview[];
      total: number;
      page: number;
      pageSize: number;
    }>,
  pass: (id: string, note: string) =>
    unwrap(client.POST('/api/annual-reviews/{id}/pass', { params: { path: { id } }, body: { note } })),
  fail: (id: string, note: string) =>
    unwrap(client.POST('/api/annual-reviews/{id}/fail', { params: { path: { id } }, body: { note } })),
};
