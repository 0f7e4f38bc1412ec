import { provinceName } from '@portal/platform';
import { AttachmentView } from '../attachments/attachment.entity';
import { Application } from './application.entity';

export interface ApplicationView {
  id: string;
  callId: string;
  organizationId: string | null;
  organizationName: string | null;
  /** The applying organization's province (GB/T 2260 two digits) and its short name: where it applies. */
  provinceCode: string | null;
  provinceName: { zh: string; en: string } | null;
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
  /** Which level has it (the applicant sees whether the province or the national office is handling it). */
  level: Application['level'];
  provincialOpinion: string | null;
  forwardedAt: string | null;
  recommendationRank: number | null;
  recommendationNote: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function applicationView(
  a: Application,
  extra: {
    organizationName: string | null;
    provinceCode: string | null;
    attachments: AttachmentView[];
    screeningComment: string | null;
  },
): ApplicationView {
  return {
    id: a.id,
    callId: a.callId,
    organizationId: a.organizationId,
    organizationName: extra.organizationName,
    provinceCode: extra.provinceCode,
    provinceName: provinceName(extra.provinceCode),
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
    level: a.level,
    provincialOpinion: a.provincialOpinion,
    forwardedAt: iso(a.forwardedAt),
    recommendationRank: a.recommendationRank,
    recommendationNote: a.recommendationNote,
  };
}
