import { AttachmentKindDefinition, EvaluationDefinition, I18nText } from '../program-definition';
import { DateField, FenField, NestedArrayField, TextField } from './dto-fields';
import { documentKind } from './attachment-kinds';

/**
 * The building blocks of the report forms after an award (issue 13): each program's report DTOs (in its own folder,
 * e.g. jingpin.reports.ts) are made of these, validated like an application's payload (draft: present fields only;
 * submit: required ones too).
 */

/** A deliverable finished by the report's day. */
export class CompletedDeliverableDto {
  @TextField({ zh: '成果名称', en: 'Deliverable' }, 200)
  name: string;

  @DateField({ zh: '完成日期', en: 'Completed on' }, { optional: true })
  completedOn?: string;
}

/** Money spent on one cost line (integer fen). */
export class SpendingLineDto {
  @TextField({ zh: '支出项目', en: 'Cost line' }, 200)
  costLine: string;

  @FenField({ zh: '已支出金额', en: 'Amount spent' })
  amountFen: number;
}

/** The progress text, the deliverables done and the spending per cost line: every report has them. */
export class ProgressReportDto {
  @TextField({ zh: '项目进展情况', en: 'Progress' }, 5000)
  progress: string;

  @NestedArrayField({ zh: '已完成成果', en: 'Completed deliverables' }, () => CompletedDeliverableDto, {
    maxItems: 100,
    minItemsAtSubmit: 1,
  })
  completedDeliverables: CompletedDeliverableDto[];

  @NestedArrayField({ zh: '资金使用情况（按支出项目）', en: 'Spending per cost line' }, () => SpendingLineDto, {
    maxItems: 200,
    minItemsAtSubmit: 1,
  })
  spending: SpendingLineDto[];
}

/** A document kind of a report, required (on every track) or not. */
export function reportDocumentKind(
  kind: string,
  name: I18nText,
  tracks: string[],
  required: boolean,
): AttachmentKindDefinition {
  return documentKind(kind, required ? tracks : [], name);
}

/**
 * 绩效评价 defaults shared by the grant programs: grade floors 90 / 75 / 60 and a 3-year bar on 不合格. No program
 * publishes the share recovered on 不合格: 100 % here (the whole award, through revocation), a setting.
 */
export const DEFAULT_GRADE_FLOORS: EvaluationDefinition['gradeFloors'] = { excellent: 90, good: 75, pass: 60 };
export const DEFAULT_FAIL_RECOVERY_PERCENT = 100;
export const DEFAULT_FAIL_BAR_YEARS = 3;
