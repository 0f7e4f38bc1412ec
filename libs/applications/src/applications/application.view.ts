import { AttachmentView } from '../attachments/attachment.entity';
import { Application } from './application.entity';

export interface ApplicationView {
  id: string;
  callId: string;
  organizationId: string | null;
  organizationName: string | null;
  programCode: string;
  track: string | null;
  title: string;
  payload: Record<string, unknown>;
  status: Application['status'];
  number: string | null;
  version: number;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set once the application is awarded (by the awards feature). */
  awardId: string | null;
  /** The officer's comment of the latest return for correction or rejection. */
  screeningComment: string | null;
  attachments: AttachmentView[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function applicationView(
  a: Application,
  extra: { organizationName: string | null; attachments: AttachmentView[]; screeningComment: string | null },
): ApplicationView {
  return {
    id: a.id,
    callId: a.callId,
    organizationId: a.organizationId,
    organizationName: extra.organizationName,
    programCode: a.programCode,
    track: a.track,
    title: a.title,
    payload: a.payload ?? {},
    status: a.status,
    number: a.number,
    version: a.version,
    firstSubmittedAt: iso(a.firstSubmittedAt),
    submittedAt: iso(a.submittedAt),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    awardId: a.awardId,
    screeningComment: extra.screeningComment,
    attachments: extra.attachments,
  };
}

/** What an assigned expert of a blind call sees: no organization identity, no uploader-derived names. */
export function blindView(v: ApplicationView): ApplicationView {
  return {
    ...v,
    organizationId: null,
    organizationName: null,
    attachments: v.attachments.map((t, i) => ({
      ...t,
      fileName: `${t.kind}-${i + 1}${/\.[A-Za-z0-9]{1,8}$/.exec(t.fileName)?.[0] ?? ''}`,
      sha256: '',
    })),
  };
}
