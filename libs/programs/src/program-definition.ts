import { Type } from '@nestjs/common';
import type { FormLayout } from './form-layout';
import type { I18nText } from './i18n-text';

/** Text shown to people: always both languages. */
export type { I18nText };

/** One eligibility rule's verdict, as GET /api/applications/:id/eligibility reports it. */
export interface RuleResult {
  rule: string;
  passed: boolean;
  detail: I18nText;
}

export interface OrganizationFlagFacts {
  kind: 'dishonest' | 'barred' | 'violation';
  from: string; // YYYY-MM-DD
  until?: string | null; // YYYY-MM-DD inclusive, null = open-ended
}

export interface OrganizationFacts {
  id: string;
  name: string;
  creditCode: string;
  businessTypes: string[];
  flags: OrganizationFlagFacts[];
}

/** Another application of the same organization (any program), or an award in the program. */
export interface HistoryEntry {
  applicationId: string;
  callId: string;
  programCode: string;
  track: string | null;
  status: string; // application status (draft, submitted, ..., awarded, revoked)
  workTitle: string | null;
  organizationId: string;
}

/** Everything a rule may look at. Rules are pure functions of this. */
export interface EligibilityContext {
  organization: OrganizationFacts;
  application: {
    id: string;
    callId: string;
    track: string | null;
    payload: Record<string, unknown>;
    attachmentKinds: string[]; // kinds already uploaded
  };
  call: { id: string; year: number; closesAt: Date; requestSharePercent: number | null };
  /** YYYY-MM-DD in Asia/Shanghai: the day of submission once submitted, else today. */
  today: string;
  /** The organization's other applications in every program (not including this one). */
  organizationHistory: HistoryEntry[];
  /** Applications of any organization in this program whose status is awarded or revoked (for "never funded before"). */
  programAwards: HistoryEntry[];
}

export interface EligibilityRule {
  key: string; // e.g. 'rending.main-income-share'
  /** Which tracks the rule applies to; absent = every track. */
  tracks?: string[];
  check(ctx: EligibilityContext): RuleResult;
}

export interface RubricCriterion {
  key: string;
  name: I18nText;
  weight: number; // weights of a rubric sum to 100
  max: number; // highest score an expert may give
}

export interface AttachmentKindDefinition {
  kind: string;
  name: I18nText;
  /** Tracks on which this kind is required ([] = optional everywhere). */
  required: string[];
  mimeTypes: string[];
}

export interface InstalmentShare {
  instalmentNo: number; // 1-based
  percent: number; // shares sum to 100
  /** What makes the instalment due. */
  milestone: 'finalize' | 'midterm' | 'closing' | 'spending-proof';
  name: I18nText;
}

export interface AwardShape {
  /** grant = money in instalments; certification = a certificate and no money. */
  kind: 'grant' | 'certification';
  document: 'certificate' | 'notice'; // 认定证书 or 立项通知
  /** Title per track for certifications (e.g. 重点动漫产品), or the grant's name. */
  titles: Record<string, I18nText>;
  instalments: InstalmentShare[]; // [] for certifications
}

export interface TrackDefinition {
  code: string;
  name: I18nText;
}

export interface ProgramWorkflow {
  provincialReview: boolean;
  blindReview: boolean;
  noticeWorkingDays: number;
  annualReview: boolean;
}

/**
 * A program module provides one of these to the registry; the engine does the rest.
 * Adding a program = a new module + one registration line.
 */
export interface ProgramDefinition {
  code: string; // jingpin | yuandongli | tuiguang | rending
  prefix: string; // JP | YD | TG | RD
  name: I18nText;
  agency: I18nText;
  tracks: TrackDefinition[];
  /** The class-validator DTO for a track's payload (whitelisted; all fields optional in drafts, required ones checked at submit). */
  payloadDto(track: string | null): Type<object>;
  rules: EligibilityRule[]; // program rules; the engine adds the common ones
  /** A short name per program rule key, shown beside its result in the eligibility report (GET /api/programs). */
  ruleNames: Record<string, I18nText>;
  rubric: RubricCriterion[];
  defaultAggregation: 'mean' | 'trimmed' | 'zscore';
  attachmentKinds: AttachmentKindDefinition[];
  award: AwardShape;
  workflow: ProgramWorkflow;
  /** How the web lays out a track's form (sections, labels, hints); absent = every schema field in one section. */
  formLayout?(track: string | null): FormLayout | undefined;
  /** Defaults of a call's settings for this program, shown when an officer creates a call. */
  callDefaults?: { requestSharePercent?: number };
  /** What a credit-record flag of a kind means for this program's applications, shown when an officer adds one. */
  flagNotes?: { kind: OrganizationFlagFacts['kind']; text: I18nText }[];
}
