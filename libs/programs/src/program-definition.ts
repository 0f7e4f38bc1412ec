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
  /** The day the award's certificate lapsed (年审 missed or failed, issue 13); absent or null while it is valid. */
  certificateLapsedOn?: string | null;
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
  /**
   * Whether a file of this kind names the applicant by its nature (licence, declaration, personnel lists, premises
   * proof, audit report, contracts: anything carrying the company's name). Blind reviewers never see such files: they
   * are not listed and their links answer 404. Work samples are not identity-bearing.
   */
  identityBearing: boolean;
  /** The largest file of this kind, in bytes: a multipart upload or a tus creation (Upload-Length) above it is 413. */
  maxBytes: number;
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
  /**
   * Issue 15: the program's tiers of money (推优: 3 × ¥300,000, 5 × ¥200,000, 11 × ¥100,000), in order. The officer's
   * "fill by ranking" starts from them (settings: the officer may change them per call); absent for programs whose
   * amounts follow each application's request.
   */
  tiers?: AwardTier[];
  /**
   * Issue 15: tracks whose outcome is a place on a published list without money, in a program whose awards otherwise
   * carry money (推优's quarterly recommendations beside its yearly tiers). Their awards are decided without an amount,
   * get a 入选通知书 and no instalments, and are published on the public lists page. Absent = none.
   */
  listTracks?: string[];
}

export interface AwardTier {
  name: I18nText;
  /** How many awards of this tier. */
  count: number;
  /** Each one's amount, integer fen. */
  amountFen: number;
  /** Issue 15: the tier is for this track's applications only (动漫奖: 12 best works, 2 creative teams …). */
  track?: string;
}

export interface TrackDefinition {
  code: string;
  name: I18nText;
}

/**
 * The provincial stage of a call (issue 12): `none` — applications go straight to the national office; `check` — the
 * provincial office runs the formal check and records a 初审 opinion, passed applications go on (认定); `recommend` —
 * the provincial office checks, then forwards at most its quota in an order of its own (推荐排序), the rest end
 * not recommended (精品工程, 原动力).
 */
export const PROVINCIAL_STAGES = ['none', 'check', 'recommend'] as const;
export type ProvincialStage = (typeof PROVINCIAL_STAGES)[number];

/** Recommendations a province may forward: one number for every province, or a default and exceptions by province. */
export type ProvincialQuota = number | { default: number; byProvince?: Record<string, number> };

export interface ProgramWorkflow {
  provincialReview: boolean;
  blindReview: boolean;
  noticeWorkingDays: number;
  annualReview: boolean;
}

/** The program's clauses of a task agreement (任务书). */
export interface AgreementTerms {
  /** The work's planned length in months from the award; the closing report falls due at its end. */
  planMonths: number;
  /** The grantee's duties, each a clause. */
  duties: I18nText[];
  /** What the grantee delivers. */
  deliverables: I18nText[];
}

/** A report the grantee files after the award: a form of the program's own plus attachments. */
export interface ReportDefinition {
  /** e.g. `midterm`, `closing`, `spending-proof`, `publication`. */
  kind: string;
  name: I18nText;
  /** When it falls due: months after the award (finalize), or at the end of the agreement's plan (planMonths, changes included). */
  due: { monthsAfterAward: number } | { atPlanEnd: true };
  /** The instalment (instalmentNo of the award's plan) an accepted report makes due; absent = none. */
  releasesInstalmentNo?: number;
  /** The report's form (class-validator DTO, validated like an application's payload). */
  payloadDto: Type<object>;
  attachmentKinds: AttachmentKindDefinition[];
  /** Accepting it closes the grant and opens the evaluation (绩效评价). */
  closing?: boolean;
  /**
   * Checks at submission across the report and the awarded application's payload (e.g. 推广计划: the spending lines
   * are the application's cost lines); each problem a path and a bilingual message.
   */
  checks?(report: Record<string, unknown>, application: Record<string, unknown>): { path: string; message: string }[];
}

export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const; // 优秀 / 良好 / 合格 / 不合格
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

export interface EvaluationDefinition {
  /** The rubric of an expert evaluation round; its aggregated score maps onto a grade by `gradeFloors`. */
  rubric: RubricCriterion[];
  /** Lowest score (0–100 scale) of each grade above `fail`. */
  gradeFloors: { excellent: number; good: number; pass: number };
  /** Share of the award recovered (追回) on `fail`, whole percent (a setting: no program publishes it). */
  failRecoveryPercent: number;
  /** Years a `fail` bars the organization from the program's new applications (default 3). */
  failBarYears: number;
}

/** The yearly 年审 filing of a certification program. */
export interface AnnualReviewDefinition {
  /** The filing's form (the previous year's figures). */
  payloadDto: Type<object>;
  /** The program's rules that are checked again on the filing (keys of `rules`). */
  ruleKeys: string[];
  /** The tracks whose certificates are reviewed (absent: every track). */
  tracks?: string[];
  attachmentKinds: AttachmentKindDefinition[];
  /** Window, as MM-DD in Asia/Shanghai, inclusive. */
  opens: string;
  closes: string;
  /** Certificates older than this many years are called for exchange (换证). */
  exchangeAfterYears: number;
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
  /**
   * Issue 15: a provincial program (江苏's project bank, 广西's rewards) is run by that province's agency: its officers
   * open the calls, run the review and decide, as the national office does for a national program (which then has no
   * say in it), and only organizations registered in the province may apply (`inProvinceRule`). Absent: national.
   */
  office?: { provinceCode: string };
  workflow: ProgramWorkflow;
  /** How the web lays out a track's form (sections, labels, hints); absent = every schema field in one section. */
  formLayout?(track: string | null): FormLayout | undefined;
  /** Defaults of a call's settings for this program, shown when an officer creates a call. */
  callDefaults?: {
    requestSharePercent?: number;
    /** The program's real provincial stage (the officer's call form preselects it; demo calls use it). */
    provincialStage?: ProvincialStage;
    /** With `recommend`: the usual quota per province. */
    provincialQuota?: ProvincialQuota;
    /** Issue 13: the program's real settings of what follows an award (the officer's form and the demo calls use them). */
    agreementRequired?: boolean;
    reportsRequired?: boolean;
    annualReview?: boolean;
    /** Issue 15: a leading group's deliberation vote follows the expert review (动漫奖). */
    deliberation?: boolean;
  };
  /** 签约 (issue 13): what the program's task agreement (任务书) says beyond the award's own facts. */
  agreement?: AgreementTerms;
  /** Reports after the award (issue 13), in the order they fall due. */
  reports?: ReportDefinition[];
  /** 绩效评价 at closing (issue 13). */
  evaluation?: EvaluationDefinition;
  /** 年审 of certificates (issue 13): the yearly filing, checked with the program's own rules. */
  annualReviewForm?: AnnualReviewDefinition;
  /** What a credit-record flag of a kind means for this program's applications, shown when an officer adds one. */
  flagNotes?: { kind: OrganizationFlagFacts['kind']; text: I18nText }[];
}
