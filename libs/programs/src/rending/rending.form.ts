import type { FormLayout, FormSection } from '../form-layout';
import { RENDING_TRACKS } from './rending.rules';

const money = 'money' as const;
const int = 'int' as const;

const ENTERPRISE: FormLayout = {
  sections: [
    {
      title: { zh: '基本情况', en: 'General' },
      blocks: [
        {
          row: [
            { path: ['fiscalYear'], label: { zh: '申报年度', en: 'Fiscal year' }, kind: int, span: 8 },
            {
              path: ['businessTypes'],
              label: { zh: '主营业务类型', en: 'Business types' },
              kind: 'multi',
              optionSource: 'businessTypes',
              rules: ['rending.business-type'],
              span: 16,
            },
          ],
        },
        { rules: ['rending.enterprise-code', 'common.not-excluded'] },
      ],
    },
    {
      title: { zh: '收入情况', en: 'Income' },
      blocks: [
        {
          row: [
            { path: ['income', 'totalFen'], label: { zh: '企业总收入', en: 'Total income' }, kind: money, span: 12 },
            {
              path: ['income', 'operatingFen'],
              label: { zh: '营业收入', en: 'Operating income' },
              kind: money,
              span: 12,
            },
            {
              path: ['income', 'animationMainFen'],
              label: { zh: '动漫产品主营收入', en: 'Animation main-business income' },
              kind: money,
              span: 12,
              share: {
                numerator: ['income', 'animationMainFen'],
                denominator: ['income', 'totalFen'],
                goalPercent: 60,
              },
              rules: ['rending.main-income-share'],
            },
            {
              path: ['income', 'selfDevelopedFen'],
              label: { zh: '自主开发动漫产品收入', en: 'Self-developed product income' },
              kind: money,
              span: 12,
              share: {
                numerator: ['income', 'selfDevelopedFen'],
                denominator: ['income', 'animationMainFen'],
                goalPercent: 50,
              },
              rules: ['rending.self-developed-share'],
            },
            {
              path: ['rdSpendingFen'],
              label: { zh: '研究开发费用', en: 'R&D spending' },
              kind: money,
              span: 12,
              share: { numerator: ['rdSpendingFen'], denominator: ['income', 'operatingFen'], goalPercent: 8 },
              rules: ['rending.rd-spending-share'],
            },
          ],
        },
      ],
    },
    {
      title: { zh: '人员情况', en: 'Staff' },
      blocks: [
        {
          row: [
            { path: ['staff', 'total'], label: { zh: '职工总数', en: 'Total staff' }, kind: int, span: 8 },
            {
              path: ['staff', 'qualified'],
              label: { zh: '大专以上学历或动漫资质人员', en: 'College degree or certified' },
              kind: int,
              span: 8,
              share: { numerator: ['staff', 'qualified'], denominator: ['staff', 'total'], goalPercent: 30 },
              rules: ['rending.qualified-staff-share'],
            },
            {
              path: ['staff', 'rd'],
              label: { zh: '研发人员', en: 'R&D staff' },
              kind: int,
              span: 8,
              share: { numerator: ['staff', 'rd'], denominator: ['staff', 'total'], goalPercent: 10 },
              rules: ['rending.rd-staff-share'],
            },
          ],
        },
      ],
    },
    {
      title: { zh: '自主知识产权', en: 'Intellectual property' },
      blocks: [
        {
          list: {
            name: 'ipRights',
            columns: [
              {
                key: 'kind',
                label: { zh: '类型', en: 'Kind' },
                kind: 'select',
                span: 6,
                options: [
                  { value: 'copyright', label: { zh: '著作权', en: 'Copyright' } },
                  { value: 'patent', label: { zh: '专利', en: 'Patent' } },
                ],
              },
              { key: 'number', label: { zh: '登记号/专利号', en: 'Number' }, kind: 'text', span: 8, maxLength: 100 },
              { key: 'grantedOn', label: { zh: '取得日期', en: 'Granted on' }, kind: 'date', span: 8 },
            ],
            addLabel: { zh: '添加知识产权', en: 'Add IP right' },
            addDefaults: { kind: 'copyright' },
          },
        },
        { rules: ['rending.recent-ip'], anchor: 'ipRights' },
      ],
    },
    {
      title: { zh: '动漫产品', en: 'Products' },
      blocks: [
        {
          list: {
            name: 'products',
            columns: [
              { key: 'name', label: { zh: '产品名称', en: 'Name' }, kind: 'text', span: 10, maxLength: 200 },
              {
                key: 'category',
                label: { zh: '类别', en: 'Category' },
                kind: 'auto',
                span: 7,
                options: ['comic', 'animation', 'online', 'stage', 'software', 'derivative'].map((value) => ({
                  value,
                })),
              },
              { key: 'selfDeveloped', label: { zh: '自主开发', en: 'Self-developed' }, kind: 'check', span: 5 },
            ],
            addLabel: { zh: '添加产品', en: 'Add product' },
            addDefaults: { selfDeveloped: true },
          },
        },
      ],
    },
  ],
};

const KEY_PRODUCT: FormSection = {
  title: { zh: '重点动漫产品', en: 'Key product' },
  blocks: [
    { rules: ['rending.certified'] },
    {
      row: [
        { path: ['product', 'name'], label: { zh: '产品名称', en: 'Product name' }, span: 12 },
        {
          path: ['product', 'category'],
          label: { zh: '产品类别', en: 'Category' },
          kind: 'select',
          span: 12,
          options: [
            { value: 'comic', label: { zh: '漫画', en: 'Comic' } },
            { value: 'comic-periodical', label: { zh: '漫画期刊', en: 'Comic periodical' } },
            { value: 'animation', label: { zh: '动画', en: 'Animation' } },
            { value: 'online', label: { zh: '网络/手机动漫', en: 'Online / mobile' } },
            { value: 'stage', label: { zh: '动漫舞台剧', en: 'Stage show' } },
          ],
        },
        {
          path: ['product', 'annualIncomeFen'],
          label: { zh: '年销售收入', en: 'Annual income' },
          kind: money,
          span: 12,
        },
        {
          path: ['product', 'exportIncomeFen'],
          label: { zh: '版权出口收入', en: 'Copyright export income' },
          kind: money,
          span: 12,
        },
        { path: ['product', 'copiesSold'], label: { zh: '发行册数', en: 'Copies sold' }, kind: int, span: 12 },
        { path: ['product', 'shows'], label: { zh: '演出场次', en: 'Shows' }, kind: int, span: 12 },
        {
          path: ['product', 'award'],
          label: { zh: '获奖情况', en: 'Award' },
          kind: 'select',
          span: 12,
          options: [
            { value: 'national', label: { zh: '国家级奖项', en: 'National award' } },
            { value: 'international', label: { zh: '国际奖项', en: 'International award' } },
          ],
        },
        {
          path: ['product', 'recommended'],
          label: { zh: '获主管部门推荐', en: 'Recommended by an authority' },
          kind: 'bool',
          span: 12,
        },
      ],
    },
    { rules: ['rending.key-product-threshold'], anchor: 'product' },
  ],
};

const KEY_ENTERPRISE: FormSection = {
  title: { zh: '重点动漫企业', en: 'Key enterprise' },
  blocks: [
    { rules: ['rending.certified', 'rending.has-key-product'] },
    {
      row: [
        {
          path: ['registeredCapitalFen'],
          label: { zh: '注册资本', en: 'Registered capital' },
          kind: money,
          span: 12,
        },
        { path: ['annualIncomeFen'], label: { zh: '年营业收入', en: 'Annual income' }, kind: money, span: 12 },
        { path: ['profitableYears'], label: { zh: '连续盈利年数', en: 'Profitable years' }, kind: int, span: 12 },
        { path: ['exportIncomeFen'], label: { zh: '出口收入', en: 'Export income' }, kind: money, span: 12 },
        {
          path: ['ownIpExportIncomeFen'],
          label: { zh: '自主知识产权产品出口收入', en: 'Own-IP export income' },
          kind: money,
          span: 12,
        },
        {
          path: ['recommended'],
          label: { zh: '获主管部门推荐', en: 'Recommended by an authority' },
          kind: 'bool',
          span: 12,
        },
      ],
    },
    { rules: ['rending.key-enterprise-threshold'], anchor: 'registeredCapitalFen' },
  ],
};

/** The form of each 认定 track: the enterprise form unless the track is a key product or a key enterprise. */
export function rendingFormLayout(track: string | null): FormLayout {
  if (track === RENDING_TRACKS.keyProduct) return { sections: [KEY_PRODUCT] };
  if (track === RENDING_TRACKS.keyEnterprise) return { sections: [KEY_ENTERPRISE] };
  return ENTERPRISE;
}
