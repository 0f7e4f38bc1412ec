import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { PageQuery } from '@portal/platform';
import { CHANGE_KINDS, CHANGE_STATUSES, ChangeKind } from './change-status';
import { FOLLOWUP_ERRORS } from '../errors';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ChangeRequestDto {
  @ApiProperty({ enum: CHANGE_KINDS, enumName: 'ChangeKind' })
  @IsIn(CHANGE_KINDS)
  kind: ChangeKind;

  @ApiProperty({ description: 'why the change is needed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'by kind — title: { title }; schedule: { planEndsOn: YYYY-MM-DD }; content, team: { text }; ' +
      'budget: { text?, lines?: [{ item, amountFen, note? }] } (text or lines)',
  })
  @IsObject()
  proposed: Record<string, unknown>;
}

export class ChangeDecisionDto {
  @ApiPropertyOptional({ description: "the officer's note (required to reject)" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ChangeRejectDto {
  @ApiProperty({ description: 'why the change is rejected' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class ChangeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANGE_STATUSES }) @IsOptional() @IsIn(CHANGE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: CHANGE_KINDS }) @IsOptional() @IsIn(CHANGE_KINDS) kind?: string;
  @ApiPropertyOptional({ example: 'jingpin' }) @IsOptional() @IsString() @MaxLength(40) program?: string;
}

class TitleProposal {
  @IsString() @IsNotEmpty() @MaxLength(200) title: string;
}
class ScheduleProposal {
  @IsString() @Matches(DAY) planEndsOn: string;
}
class TextProposal {
  @IsString() @IsNotEmpty() @MaxLength(4000) text: string;
}
class BudgetLine {
  @IsString() @IsNotEmpty() @MaxLength(200) item: string;
  @IsInt() @Min(0) @Max(100_000_000_000) amountFen: number;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}
class BudgetProposal {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(4000) text?: string;
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetLine)
  lines?: BudgetLine[];
}

const PROPOSALS: Record<ChangeKind, new () => object> = {
  title: TitleProposal,
  schedule: ScheduleProposal,
  content: TextProposal,
  team: TextProposal,
  budget: BudgetProposal,
};

function flatten(errors: ValidationError[], prefix: string): { path: string; message: string }[] {
  return errors.flatMap((e) => {
    const path = `${prefix}.${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** A calendar day that exists (2028-02-30 does not). */
function realDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** The proposal checked against its kind (unknown fields refused); 400 `CHANGE.INVALID_PROPOSAL` with the details. */
export function checkProposal(kind: ChangeKind, proposed: Record<string, unknown>): Record<string, unknown> {
  const inst = plainToInstance(PROPOSALS[kind], proposed);
  const errors = validateSync(inst, { whitelist: true, forbidNonWhitelisted: true });
  const details = flatten(errors, 'proposed');
  if (kind === 'budget' && !proposed.text && !proposed.lines)
    details.push({ path: 'proposed', message: 'text or lines is required' });
  if (kind === 'schedule' && !details.length && !realDay(String(proposed.planEndsOn)))
    details.push({ path: 'proposed.planEndsOn', message: 'not a date' });
  if (details.length) throw FOLLOWUP_ERRORS['CHANGE.INVALID_PROPOSAL']({ details });
  return JSON.parse(JSON.stringify(inst)) as Record<string, unknown>;
}
