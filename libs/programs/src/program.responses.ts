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
}
