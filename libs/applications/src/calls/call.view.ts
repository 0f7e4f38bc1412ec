import { RubricCriterion } from '@portal/programs';
import { Call } from './call.entity';
import { callStatus, CallStatus } from './call-status';

export interface CallView {
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
  aggregation: Call['aggregation'];
  spreadThreshold: number;
  requestSharePercent: number | null;
  paymentDualControl: boolean;
  agreementRequired: boolean;
  reportsRequired: boolean;
  annualReview: boolean;
  provincialStage: Call['provincialStage'];
  provincialQuota: Call['provincialQuota'];
  provincialClosesAt: string | null;
  tracks: string[] | null;
  deliberation: boolean;
  seriesId: string | null;
  seriesPeriod: string | null;
  status: CallStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  rubric?: Pick<RubricCriterion, 'key' | 'name' | 'weight' | 'max'>[];
}

export function callView(c: Call, now: Date): CallView {
  return {
    id: c.id,
    programCode: c.programCode,
    year: c.year,
    title: c.title,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    budgetFen: c.budgetFen,
    reviewersPerApplication: c.reviewersPerApplication,
    blindReview: c.blindReview,
    regionRecusal: c.regionRecusal,
    noticeWorkingDays: c.noticeWorkingDays,
    aggregation: c.aggregation,
    spreadThreshold: c.spreadThreshold,
    requestSharePercent: c.requestSharePercent,
    paymentDualControl: c.paymentDualControl,
    agreementRequired: c.agreementRequired,
    reportsRequired: c.reportsRequired,
    annualReview: c.annualReview,
    provincialStage: c.provincialStage,
    provincialQuota: c.provincialQuota,
    provincialClosesAt: c.provincialClosesAt ? c.provincialClosesAt.toISOString() : null,
    tracks: c.tracks ?? null,
    deliberation: c.deliberation,
    seriesId: c.seriesId ?? null,
    seriesPeriod: c.seriesPeriod ?? null,
    status: callStatus(c, now),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
