import { EvaluationDefinition, ReportDefinition } from '../program-definition';
import {
  DEFAULT_FAIL_BAR_YEARS,
  DEFAULT_GRADE_FLOORS,
  ProgressReportDto,
  reportDocumentKind,
} from '../engine/report-forms';

const TRACKS = ['exhibition', 'border', 'campus', 'media', 'overseas', 'translation'];

/** 结项: what the promotion did, and the money spent per cost line of the application (proof of spending). */
export class TuiguangClosingReportDto extends ProgressReportDto {}

/** 推广计划: one closing report with proof of spending per cost line (→ instalment 1, the only one). */
export const TUIGUANG_REPORTS: ReportDefinition[] = [
  {
    kind: 'closing',
    name: { zh: '结项报告（支出凭证）', en: 'Closing report (proof of spending)' },
    due: { atPlanEnd: true },
    releasesInstalmentNo: 1,
    payloadDto: TuiguangClosingReportDto,
    attachmentKinds: [
      reportDocumentKind(
        'spending-proof',
        { zh: '支出凭证（合同、发票）', en: 'Proof of spending (contracts, invoices)' },
        TRACKS,
        true,
      ),
    ],
    closing: true,
    /** Every spending line names a cost line of the application, each at most once. */
    checks(report, application) {
      const lines = Array.isArray(report.spending) ? (report.spending as { costLine?: unknown }[]) : [];
      const costs = Array.isArray(application.costs) ? (application.costs as { item?: unknown }[]) : [];
      const items = costs.map((c) => String(c.item ?? ''));
      const out: { path: string; message: string }[] = [];
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        const name = String(l.costLine ?? '');
        if (!items.includes(name))
          out.push({
            path: `payload.spending.${i}.costLine`,
            message: `须为申报书中的费用项目之一：${items.join('、')} / must be one of the application's cost lines: ${items.join(', ')}`,
          });
        else if (seen.has(name))
          out.push({ path: `payload.spending.${i}.costLine`, message: '费用项目重复 / cost line repeated' });
        seen.add(name);
      });
      return out;
    },
  },
];

export const TUIGUANG_EVALUATION: EvaluationDefinition = {
  rubric: [
    { key: 'completion', name: { zh: '推广活动完成度', en: 'Activities completed' }, weight: 30, max: 10 },
    { key: 'reach', name: { zh: '推广效果', en: 'Reach' }, weight: 30, max: 10 },
    { key: 'funds', name: { zh: '资金使用规范性', en: 'Proper use of the funds' }, weight: 25, max: 10 },
    { key: 'evidence', name: { zh: '凭证完整性', en: 'Completeness of the evidence' }, weight: 15, max: 10 },
  ],
  gradeFloors: DEFAULT_GRADE_FLOORS,
  // the share is the administering office's setting (收回部分或全部资金); for the promotion plan, whose money is spent
  // on activities proved line by line in the closing report, half of what was paid is claimed back on 不合格
  failRecoveryPercent: 50,
  failBarYears: DEFAULT_FAIL_BAR_YEARS,
};
