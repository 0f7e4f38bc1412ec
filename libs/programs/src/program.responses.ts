import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';

/** `GET /api/programs` as the OpenAPI document describes it (the registry builds plain objects: ProgramPublicJson). */

export class ProgramTrackResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
}

export class RubricCriterionResponse {
  @ApiProperty() key: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ description: 'weights of a rubric sum to 100' }) weight: number;
  @ApiProperty({ description: 'highest score an expert may give' }) max: number;
}

export class AttachmentKindResponse {
  @ApiProperty() kind: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ type: [String], description: 'tracks on which the kind is required ([] = optional)' })
  required: string[];
  @ApiProperty({ type: [String] }) mimeTypes: string[];
  @ApiProperty({
    description: 'files of this kind name the applicant by nature: withheld from blind reviewers (not listed, 404)',
  })
  identityBearing: boolean;
}

/** `forms[].layout`: how the web lays out the track's form (see libs/programs/src/form-layout.ts). */
export class FormOptionResponse {
  @ApiPropertyOptional({ description: 'the stored value; absent = the label in the current language' })
  value?: string;
  @ApiPropertyOptional({ type: I18nTextResponse }) label?: I18nTextResponse;
}

export class FormShareHintResponse {
  @ApiProperty({ type: [String], description: 'path from the payload root' }) numerator: string[];
  @ApiProperty({ type: [String], description: 'path from the payload root' }) denominator: string[];
  @ApiProperty() goalPercent: number;
}

export class FormCapHintResponse {
  @ApiProperty({ description: 'the list whose amounts are summed' }) list: string;
  @ApiProperty({ description: "the amount column of the list's items" }) amount: string;
}

const FIELD_KINDS = ['text', 'textarea', 'money', 'int', 'date', 'bool', 'check', 'select', 'multi', 'auto'] as const;
const COLUMN_KINDS = ['text', 'select', 'auto', 'date', 'money', 'check'] as const;

export class FormFieldResponse {
  @ApiProperty({ type: [String], description: 'path from the payload root' }) path: string[];
  @ApiProperty({ type: I18nTextResponse }) label: I18nTextResponse;
  @ApiPropertyOptional({ enum: FIELD_KINDS, description: 'text when absent' })
  kind?: (typeof FIELD_KINDS)[number];
  @ApiPropertyOptional({ description: 'column span (of 24) in a row' }) span?: number;
  @ApiPropertyOptional({ type: [FormOptionResponse] }) options?: FormOptionResponse[];
  @ApiPropertyOptional({ enum: ['businessTypes'], description: 'options from a catalogue the web has' })
  optionSource?: 'businessTypes';
  @ApiPropertyOptional({ type: [String], description: 'rule keys shown under the field' }) rules?: string[];
  @ApiPropertyOptional({ type: I18nTextResponse }) help?: I18nTextResponse;
  @ApiPropertyOptional({ type: FormShareHintResponse }) share?: FormShareHintResponse;
  @ApiPropertyOptional({ type: FormCapHintResponse }) cap?: FormCapHintResponse;
  @ApiPropertyOptional({ description: 'a fixed width in pixels' }) width?: number;
}

export class FormListColumnResponse {
  @ApiProperty() key: string;
  @ApiProperty({ type: I18nTextResponse }) label: I18nTextResponse;
  @ApiProperty({ enum: COLUMN_KINDS }) kind: (typeof COLUMN_KINDS)[number];
  @ApiProperty() span: number;
  @ApiPropertyOptional({ type: [FormOptionResponse] }) options?: FormOptionResponse[];
  @ApiPropertyOptional({ required: false }) maxLength?: number;
}

export class FormListResponse {
  @ApiProperty({ description: 'the payload property holding the array' }) name: string;
  @ApiProperty({ type: [FormListColumnResponse] }) columns: FormListColumnResponse[];
  @ApiProperty({ type: I18nTextResponse }) addLabel: I18nTextResponse;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: "a new item's initial values",
  })
  addDefaults?: Record<string, string | number | boolean>;
  @ApiPropertyOptional({ description: 'the column whose total is shown' }) totalOf?: string;
}

export class FormBlockResponse {
  @ApiPropertyOptional({ type: [String], description: 'rule results shown here' }) rules?: string[];
  @ApiPropertyOptional({ description: 'the field path (dot-joined) those rules point at' }) anchor?: string;
  @ApiPropertyOptional({ type: [FormFieldResponse], description: 'fields side by side' })
  row?: FormFieldResponse[];
  @ApiPropertyOptional({ type: FormFieldResponse }) field?: FormFieldResponse;
  @ApiPropertyOptional({ type: FormListResponse }) list?: FormListResponse;
}

export class FormSectionResponse {
  @ApiProperty({ type: I18nTextResponse }) title: I18nTextResponse;
  @ApiProperty({ type: [FormBlockResponse] }) blocks: FormBlockResponse[];
}

export class FormLayoutResponse {
  @ApiProperty({ type: [FormSectionResponse] }) sections: FormSectionResponse[];
  @ApiPropertyOptional({ type: [String], description: 'top-level fields this track does not show' })
  omit?: string[];
}

export class ProgramFormResponse {
  @ApiProperty({ type: String, nullable: true, description: 'null for a program without tracks' })
  track: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "JSON Schema (draft-07) of the track's payload",
  })
  schema: Record<string, unknown>;
  @ApiProperty({
    type: FormLayoutResponse,
    nullable: true,
    description: "how the web lays out the track's form; null = every schema field in one section",
  })
  layout: FormLayoutResponse | null;
}

export class ProgramRuleResponse {
  @ApiProperty({ description: 'the key the eligibility report uses, e.g. rending.main-income-share' }) key: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ type: [String], nullable: true, description: 'the tracks it applies to; null = every track' })
  tracks: string[] | null;
  @ApiProperty({ description: 'one of the rules every program has' }) common: boolean;
}

export class InstalmentShareResponse {
  @ApiProperty() instalmentNo: number;
  @ApiProperty() percent: number;
  @ApiProperty({ enum: ['finalize', 'midterm', 'closing', 'spending-proof'] })
  milestone: 'finalize' | 'midterm' | 'closing' | 'spending-proof';
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
}

export class AwardTierResponse {
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ description: 'how many awards of this tier' }) count: number;
  @ApiProperty({ description: 'each one’s amount, integer fen' }) amountFen: number;
  @ApiProperty({ type: String, nullable: true, description: "the tier is for this track's applications only" })
  track: string | null;
}

export class AwardShapeResponse {
  @ApiProperty({ enum: ['grant', 'certification'] }) kind: 'grant' | 'certification';
  @ApiProperty({ description: 'true: the award carries money (amountFen, instalments); false: a certificate only' })
  money: boolean;
  @ApiProperty({ enum: ['certificate', 'notice'], description: '认定证书 or 立项通知' }) document:
    'certificate' | 'notice';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/I18nTextResponse' },
    description: 'the award title per track (certifications)',
  })
  titles: Record<string, I18nTextResponse>;
  @ApiProperty({ type: [InstalmentShareResponse] }) instalments: InstalmentShareResponse[];
  @ApiProperty({
    type: [AwardTierResponse],
    description: "the program's tiers of money, in order ([] = none): where the officer's fill by ranking starts",
  })
  tiers: AwardTierResponse[];
  @ApiProperty({
    type: [String],
    description: 'tracks whose awards are places on a published list without money ([] = none; 推优: quarterly)',
  })
  listTracks: string[];
}

export class CallDefaultsResponse {
  @ApiProperty({ type: Number, nullable: true, description: "a call's request share when it names none" })
  requestSharePercent: number | null;
  @ApiProperty({
    enum: ['none', 'check', 'recommend'],
    description: "the program's provincial stage (认定 check, 精品工程 and 原动力 recommend, 推广计划 none)",
  })
  provincialStage: 'none' | 'check' | 'recommend';
  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'integer' }, { type: 'object' }],
    description: 'the usual recommendation quota per province (a number, or { default, byProvince })',
  })
  provincialQuota: number | { default: number; byProvince?: Record<string, number> } | null;
  @ApiProperty({ description: '签约 before money (精品工程, 原动力, 推广计划)' })
  agreementRequired: boolean;
  @ApiProperty({ description: "the program's report schedule applies" })
  reportsRequired: boolean;
  @ApiProperty({ description: '年审 of certificates (认定)' })
  annualReview: boolean;
  @ApiProperty({ description: "a leading group's deliberation vote follows the review (动漫奖)" })
  deliberation: boolean;
}

export class FlagNoteResponse {
  @ApiProperty({ enum: ['dishonest', 'barred', 'violation'] }) kind: 'dishonest' | 'barred' | 'violation';
  @ApiProperty({ type: I18nTextResponse }) text: I18nTextResponse;
}

export class ReportDueResponse {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'months after the award (finalize); null = at the plan end',
  })
  monthsAfterAward: number | null;
  @ApiProperty({ description: "due at the end of the agreement's plan (changes included)" }) atPlanEnd: boolean;
}

export class ReportAttachmentKindResponse {
  @ApiProperty() kind: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ type: [String], description: 'tracks on which the kind is required at submission ([] = optional)' })
  required: string[];
  @ApiProperty({ type: [String] }) mimeTypes: string[];
  @ApiProperty({ description: 'largest file in bytes' }) maxBytes: number;
}

export class ProgramReportResponse {
  @ApiProperty({ description: 'e.g. midterm, closing' }) kind: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ type: ReportDueResponse }) due: ReportDueResponse;
  @ApiProperty({ type: Number, nullable: true, description: 'the instalment an accepted report makes due' })
  releasesInstalmentNo: number | null;
  @ApiProperty({ description: 'accepting it closes the grant and opens the evaluation (绩效评价)' }) closing: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "JSON Schema (draft-07) of the report's form",
  })
  formSchema: Record<string, unknown>;
  @ApiProperty({ type: [ReportAttachmentKindResponse] }) attachmentKinds: ReportAttachmentKindResponse[];
}

export class GradeFloorsResponse {
  @ApiProperty() excellent: number;
  @ApiProperty() good: number;
  @ApiProperty() pass: number;
}

export class ProgramEvaluationResponse {
  @ApiProperty({ type: [RubricCriterionResponse] }) rubric: RubricCriterionResponse[];
  @ApiProperty({ type: GradeFloorsResponse, description: 'lowest score (0–100) of each grade above fail' })
  gradeFloors: GradeFloorsResponse;
  @ApiProperty({ description: 'share of the award recovered on 不合格 (a setting; no program publishes it)' })
  failRecoveryPercent: number;
  @ApiProperty({ description: 'years a 不合格 bars the organization from new applications' }) failBarYears: number;
}

export class ProgramResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ type: I18nTextResponse }) agency: I18nTextResponse;
  @ApiProperty() prefix: string;
  @ApiProperty({ type: [ProgramTrackResponse] }) tracks: ProgramTrackResponse[];
  @ApiProperty({ type: [RubricCriterionResponse] }) rubric: RubricCriterionResponse[];
  @ApiProperty({ type: [AttachmentKindResponse] }) attachmentKinds: AttachmentKindResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'JSON Schema (draft-07) of the payload: the DTO schema when every track shares one, else an object keyed by track',
  })
  formSchema: Record<string, unknown>;
  @ApiProperty({ type: [ProgramFormResponse], description: 'the payload schema of each track, one shape' })
  forms: ProgramFormResponse[];
  @ApiProperty({
    type: [ProgramRuleResponse],
    description: 'every rule the eligibility report may show, with its name',
  })
  rules: ProgramRuleResponse[];
  @ApiProperty({ type: AwardShapeResponse }) award: AwardShapeResponse;
  @ApiProperty({ type: CallDefaultsResponse }) callDefaults: CallDefaultsResponse;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '32',
    description: 'a provincial program: the province whose agency runs it (null: a national program)',
  })
  officeProvince: string | null;
  @ApiProperty({
    type: [FlagNoteResponse],
    description: "what a credit-record flag of a kind means for this program's applications",
  })
  flagNotes: FlagNoteResponse[];
  @ApiProperty({ type: [ProgramReportResponse], description: 'reports after the award, in the order they fall due' })
  reports: ProgramReportResponse[];
  @ApiProperty({ type: ProgramEvaluationResponse, nullable: true, description: '绩效评价 at closing; null = none' })
  evaluation: ProgramEvaluationResponse | null;
}
