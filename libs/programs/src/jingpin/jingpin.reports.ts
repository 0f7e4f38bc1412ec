import { EvaluationDefinition, ReportDefinition } from '../program-definition';
import { TextField } from '../engine/dto-fields';
import {
  DEFAULT_FAIL_BAR_YEARS,
  DEFAULT_FAIL_RECOVERY_PERCENT,
  DEFAULT_GRADE_FLOORS,
  ProgressReportDto,
  reportDocumentKind,
} from '../engine/report-forms';
import { workSampleKind } from '../engine/attachment-kinds';

const TRACKS = ['idea', 'product'];

/** 中期检查: the progress at six months, the deliverables done, the money spent per cost line. */
export class JingpinMidtermReportDto extends ProgressReportDto {}

/** 结项: the same, and what the work became. */
export class JingpinClosingReportDto extends ProgressReportDto {
  @TextField({ zh: '项目成果与效益', en: 'Results and impact' }, 5000)
  results: string;
}

/** 精品工程: mid-term at 6 months (→ instalment 2), closing at the plan's end (→ instalment 3). */
export const JINGPIN_REPORTS: ReportDefinition[] = [
  {
    kind: 'midterm',
    name: { zh: '中期检查报告', en: 'Mid-term report' },
    due: { monthsAfterAward: 6 },
    releasesInstalmentNo: 2,
    payloadDto: JingpinMidtermReportDto,
    attachmentKinds: [
      reportDocumentKind('progress-evidence', { zh: '进度证明材料', en: 'Evidence of progress' }, TRACKS, false),
      workSampleKind([]),
    ],
  },
  {
    kind: 'closing',
    name: { zh: '结项验收报告', en: 'Closing report' },
    due: { atPlanEnd: true },
    releasesInstalmentNo: 3,
    payloadDto: JingpinClosingReportDto,
    attachmentKinds: [
      reportDocumentKind('financial-statement', { zh: '资金使用明细表', en: 'Statement of spending' }, TRACKS, true),
      workSampleKind([]),
    ],
    closing: true,
  },
];

/** 绩效评价: the award's rubric shape; no program publishes the recovery share (100 %, a setting). */
export const JINGPIN_EVALUATION: EvaluationDefinition = {
  rubric: [
    { key: 'completion', name: { zh: '任务完成度', en: 'Completion of the plan' }, weight: 30, max: 10 },
    { key: 'quality', name: { zh: '作品质量', en: 'Quality of the work' }, weight: 30, max: 10 },
    { key: 'funds', name: { zh: '资金使用规范性', en: 'Proper use of the funds' }, weight: 20, max: 10 },
    { key: 'impact', name: { zh: '社会效益与市场效益', en: 'Social and market impact' }, weight: 20, max: 10 },
  ],
  gradeFloors: DEFAULT_GRADE_FLOORS,
  failRecoveryPercent: DEFAULT_FAIL_RECOVERY_PERCENT,
  failBarYears: DEFAULT_FAIL_BAR_YEARS,
};
