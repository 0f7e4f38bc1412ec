import {
  BoolField,
  CountField,
  DateField,
  DeclarationField,
  EnumArrayField,
  EnumField,
  FenField,
  IntField,
  NestedArrayField,
  NestedField,
  TextField,
} from '../engine/dto-fields';

/** Business types an applicant may declare (API.md); the first six qualify for certification. */
export const RENDING_QUALIFYING_BUSINESS_TYPES = [
  'comic',
  'animation',
  'online',
  'stage',
  'software',
  'derivative-design',
] as const;
export const RENDING_NON_QUALIFYING_BUSINESS_TYPES = [
  'publishing',
  'broadcasting',
  'distribution',
  'merchandise-sales',
] as const;
export const RENDING_BUSINESS_TYPES = [
  ...RENDING_QUALIFYING_BUSINESS_TYPES,
  ...RENDING_NON_QUALIFYING_BUSINESS_TYPES,
] as const;
export const RENDING_IP_KINDS = ['copyright', 'patent'] as const;
export const RENDING_PRODUCT_CATEGORIES = ['comic', 'comic-periodical', 'animation', 'online', 'stage'] as const;
export const RENDING_AWARD_LEVELS = ['national', 'international'] as const;

// ---- track `enterprise` (动漫企业) ----

export class RendingIncomeDto {
  @FenField({ zh: '营业总收入', en: 'Total income' })
  totalFen: number;

  @FenField({ zh: '动漫产品主营业务收入', en: 'Main-business income from animation products' })
  animationMainFen: number;

  @FenField({ zh: '自主开发生产的动漫产品收入', en: 'Income from self-developed animation products' })
  selfDevelopedFen: number;

  @FenField({ zh: '营业收入（研发费用占比的基数）', en: 'Operating income (base of the R&D spending share)' })
  operatingFen: number;
}

export class RendingStaffDto {
  @CountField({ zh: '职工总数', en: 'Total staff' })
  total: number;

  @CountField({
    zh: '大专以上学历或取得动漫专业认证、从事研发和技术服务的人员数',
    en: 'Staff with a college degree or animation certification in development or technical service',
  })
  qualified: number;

  @CountField({ zh: '研发人员数', en: 'R&D staff' })
  rd: number;
}

export class RendingIpRightDto {
  @EnumField({ zh: '类型（著作权/专利）', en: 'Kind (copyright / patent)' }, RENDING_IP_KINDS)
  kind: (typeof RENDING_IP_KINDS)[number];

  @TextField({ zh: '登记号或专利号', en: 'Registration or patent number' }, 100)
  number: string;

  @DateField({ zh: '取得日期', en: 'Granted on' })
  grantedOn: string;
}

export class RendingProductDto {
  @TextField({ zh: '产品名称', en: 'Product name' }, 200)
  name: string;

  @TextField({ zh: '产品类别', en: 'Category' }, 50)
  category: string;

  @BoolField({ zh: '是否自主开发生产', en: 'Self-developed' })
  selfDeveloped: boolean;
}

export class RendingEnterprisePayloadDto {
  @IntField({ zh: '申报年度（财务数据所属年度）', en: 'Fiscal year of the figures' }, { min: 2000, max: 2100 })
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

// ---- track `key-product` (重点动漫产品) ----

export class RendingKeyProductDto {
  @TextField({ zh: '产品名称', en: 'Product name' }, 200)
  name: string;

  @EnumField({ zh: '产品类别', en: 'Category' }, RENDING_PRODUCT_CATEGORIES)
  category: (typeof RENDING_PRODUCT_CATEGORIES)[number];

  @FenField({ zh: '年营业收入', en: 'Annual income' })
  annualIncomeFen: number;

  @CountField({ zh: '年销售册数', en: 'Copies sold in the year' }, { optional: true })
  copiesSold?: number;

  @CountField({ zh: '年演出场次', en: 'Shows in the year' }, { optional: true })
  shows?: number;

  @FenField({ zh: '版权出口收入', en: 'Copyright export income' }, { optional: true })
  exportIncomeFen?: number;

  @EnumField({ zh: '获奖级别（国家级/国际）', en: 'Award (national / international)' }, RENDING_AWARD_LEVELS, {
    optional: true,
  })
  award?: (typeof RENDING_AWARD_LEVELS)[number];

  @BoolField({ zh: '是否获主管部门推荐', en: 'Recommended by the authority' }, { optional: true })
  recommended?: boolean;
}

export class RendingKeyProductPayloadDto {
  @NestedField({ zh: '申报产品', en: 'The product' }, () => RendingKeyProductDto)
  product: RendingKeyProductDto;

  @DeclarationField()
  declaration: boolean;
}

// ---- track `key-enterprise` (重点动漫企业) ----

export class RendingKeyEnterprisePayloadDto {
  @FenField({ zh: '注册资本', en: 'Registered capital' })
  registeredCapitalFen: number;

  @FenField({ zh: '年营业收入', en: 'Annual income' })
  annualIncomeFen: number;

  @IntField({ zh: '连续未亏损年数', en: 'Consecutive years without a loss' }, { min: 0, max: 200 })
  profitableYears: number;

  @FenField({ zh: '出口收入', en: 'Export income' })
  exportIncomeFen: number;

  @FenField({ zh: '自主知识产权产品出口收入', en: 'Export income from own-IP products' })
  ownIpExportIncomeFen: number;

  @BoolField({ zh: '是否获主管部门推荐', en: 'Recommended by the authority' }, { optional: true })
  recommended?: boolean;

  @DeclarationField()
  declaration: boolean;
}
