import { EvaluationDefinition, ReportDefinition } from '../program-definition';
import { DateField, NestedField, TextField } from '../engine/dto-fields';
import {
  DEFAULT_FAIL_BAR_YEARS,
  DEFAULT_FAIL_RECOVERY_PERCENT,
  DEFAULT_GRADE_FLOORS,
  ProgressReportDto,
  reportDocumentKind,
} from '../engine/report-forms';
import { YUANDONGLI_TRACKS } from './yuandongli.rules';

const TRACKS = [...YUANDONGLI_TRACKS];

/** The publication: a publisher, an ISBN / ISSN or the platform's address, and the day. */
export class YuandongliPublicationDto {
  @TextField({ zh: '出版单位或发布平台', en: 'Publisher or platform' }, 200)
  publisher: string;

  @TextField({ zh: 'ISBN / ISSN（图书、期刊）', en: 'ISBN / ISSN (books, periodicals)' }, 40, { optional: true })
  isbnOrIssn?: string;

  @TextField({ zh: '平台链接（网络作品）', en: 'Platform URL (web works)' }, 500, { optional: true })
  platformUrl?: string;

  @DateField({ zh: '出版（上线）日期', en: 'Published on' })
  publishedOn: string;
}

export class YuandongliMidtermReportDto extends ProgressReportDto {}

/** 结项 with the proof of publication. */
export class YuandongliClosingReportDto extends ProgressReportDto {
  @NestedField({ zh: '出版情况', en: 'Publication' }, () => YuandongliPublicationDto)
  publication: YuandongliPublicationDto;
}

/** 原动力: mid-term at 6 months (→ instalment 2), closing with the proof of publication at the plan's end (→ 3). */
export const YUANDONGLI_REPORTS: ReportDefinition[] = [
  {
    kind: 'midterm',
    name: { zh: '中期检查报告', en: 'Mid-term report' },
    due: { monthsAfterAward: 6 },
    releasesInstalmentNo: 2,
    payloadDto: YuandongliMidtermReportDto,
    attachmentKinds: [
      reportDocumentKind('progress-evidence', { zh: '进度证明材料', en: 'Evidence of progress' }, TRACKS, false),
    ],
  },
  {
    kind: 'closing',
    name: { zh: '结项报告（出版证明）', en: 'Closing report (proof of publication)' },
    due: { atPlanEnd: true },
    releasesInstalmentNo: 3,
    payloadDto: YuandongliClosingReportDto,
    attachmentKinds: [
      reportDocumentKind(
        'publication-proof',
        { zh: '出版证明（版权页、CIP 或上线截图）', en: 'Proof of publication (imprint page, CIP or screenshot)' },
        TRACKS,
        true,
      ),
    ],
    closing: true,
    checks(report) {
      const pub = report.publication as { isbnOrIssn?: string; platformUrl?: string } | undefined;
      if (pub && !pub.isbnOrIssn && !pub.platformUrl)
        return [
          {
            path: 'payload.publication.isbnOrIssn',
            message: '须填写 ISBN/ISSN 或平台链接 / an ISBN/ISSN or a platform URL is required',
          },
        ];
      return [];
    },
  },
];

export const YUANDONGLI_EVALUATION: EvaluationDefinition = {
  rubric: [
    { key: 'completion', name: { zh: '出版任务完成度', en: 'Publication completed' }, weight: 30, max: 10 },
    { key: 'quality', name: { zh: '作品质量', en: 'Quality of the work' }, weight: 30, max: 10 },
    { key: 'funds', name: { zh: '资金使用规范性', en: 'Proper use of the funds' }, weight: 20, max: 10 },
    { key: 'impact', name: { zh: '传播效果', en: 'Reach' }, weight: 20, max: 10 },
  ],
  gradeFloors: DEFAULT_GRADE_FLOORS,
  failRecoveryPercent: DEFAULT_FAIL_RECOVERY_PERCENT,
  failBarYears: DEFAULT_FAIL_BAR_YEARS,
};
