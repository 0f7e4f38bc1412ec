/** The dossier (issue 13): the whole file as one PDF, the printable 申报书, and the public check its QR code opens. */
import { enc, publicClient, unwrap } from '../api';
import type { components } from './schema';

export type ApplicationCheck = components['schemas']['ApplicationCheckResponse'];

export const dossierApi = {
  /** For downloadFile: the owner gets the applicant's copy (experts anonymised), an officer the named one. */
  dossierPath: (applicationId: string) => `/api/applications/${enc(applicationId)}/dossier.pdf`,
  applicationFormPath: (applicationId: string) => `/api/applications/${enc(applicationId)}/application-form.pdf`,
  check: (number: string, code: string) =>
    unwrap(publicClient.GET('/api/public/applications/{number}', { params: { path: { number }, query: { c: code } } })),
};
