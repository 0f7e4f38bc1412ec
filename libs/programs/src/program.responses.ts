import { ApiProperty } from '@nestjs/swagger';
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
}
