import { AnnualReviewDefinition } from '../program-definition';
import { documentKind } from '../engine/attachment-kinds';
import {
  DeclarationField,
  EnumArrayField,
  FenField,
  IntField,
  NestedArrayField,
  NestedField,
} from '../engine/dto-fields';
import {
  RENDING_BUSINESS_TYPES,
  RendingIncomeDto,
  RendingIpRightDto,
  RendingProductDto,
  RendingStaffDto,
} from './rending.dto';

/**
 * The 年审 filing of a certified 动漫企业: the previous year's figures, the same fields as the enterprise application
 * (its nested classes reused), so the same ratio rules, the IP rule and the business-type rule read them.
 */
export class RendingAnnualReviewPayloadDto {
  @IntField(
    { zh: '财务数据所属年度（上一年度）', en: 'Fiscal year of the figures (the previous year)' },
    { min: 2000, max: 2100 },
  )
  fiscalYear: number;

  @EnumArrayField({ zh: '主营业务类型', en: 'Business types' }, RENDING_BUSINESS_TYPES, {
    maxItems: RENDING_BUSINESS_TYPES.length,
  })
  businessTypes: string[];

  @NestedField({ zh: '收入情况', en: 'Income' }, () => RendingIncomeDto)
  income: RendingIncomeDto;

  @FenField({ zh: '研究开发费用', en: 'R&D spending' })
  rdSpendingFen: number;

  @NestedField({ zh: '人员情况', en: 'Staff' }, () => RendingStaffDto)
  staff: RendingStaffDto;

  @NestedArrayField({ zh: '自主知识产权', en: 'Own intellectual property' }, () => RendingIpRightDto, { maxItems: 500 })
  ipRights: RendingIpRightDto[];

  @NestedArrayField({ zh: '动漫产品', en: 'Animation products' }, () => RendingProductDto, { maxItems: 500 })
  products: RendingProductDto[];

  @DeclarationField()
  declaration: boolean;
}

/** The ratio rules (income, self-developed, qualified staff, R&D staff, R&D spending), the IP rule and the business type. */
export const RENDING_ANNUAL_REVIEW_RULES = [
  'rending.main-income-share',
  'rending.self-developed-share',
  'rending.qualified-staff-share',
  'rending.rd-staff-share',
  'rending.rd-spending-share',
  'rending.recent-ip',
  'rending.business-type',
];

export const RENDING_ANNUAL_REVIEW: AnnualReviewDefinition = {
  payloadDto: RendingAnnualReviewPayloadDto,
  ruleKeys: RENDING_ANNUAL_REVIEW_RULES,
  // key-product and key-enterprise titles ride on the enterprise certificate: only it is reviewed (and lapses)
  tracks: ['enterprise'],
  attachmentKinds: [
    documentKind('audit-report', ['enterprise'], {
      zh: '经审计的上一年度财务报表',
      en: 'Audited statements of the previous year',
    }),
    documentKind('special-audit', [], { zh: '专项审计报告', en: 'Special audit report' }),
  ],
  opens: '05-01',
  closes: '07-31',
  exchangeAfterYears: 3,
};
