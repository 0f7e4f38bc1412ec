import { EligibilityContext, EligibilityRule, I18nText } from '../program-definition';
import { isDateOnly, minusYears } from '../engine/dates';
import { formatCount, formatFen, formatShare, meetsShare, yuan } from '../engine/format';
import { defineRule, fail, pass, read, readArray, readInteger, readText, shareRule } from '../engine/rule-kit';
import { RENDING_QUALIFYING_BUSINESS_TYPES } from './rending.dto';

export const RENDING_TRACKS = {
  enterprise: 'enterprise',
  keyProduct: 'key-product',
  keyEnterprise: 'key-enterprise',
} as const;
const ENTERPRISE = [RENDING_TRACKS.enterprise];
const KEY_PRODUCT = [RENDING_TRACKS.keyProduct];
const KEY_ENTERPRISE = [RENDING_TRACKS.keyEnterprise];

export const RENDING_BUSINESS_TYPE_NAMES: Record<string, I18nText> = {
  comic: { zh: '漫画创作', en: 'comic creation' },
  animation: { zh: '动画创作制作', en: 'animation production' },
  online: { zh: '网络动漫（含手机动漫）创作制作', en: 'online and mobile animation production' },
  stage: { zh: '动漫舞台剧（节）目制作演出', en: 'animation stage shows' },
  software: { zh: '动漫软件开发', en: 'animation software development' },
  'derivative-design': { zh: '动漫衍生产品研发设计', en: 'design of animation derivatives' },
  publishing: { zh: '出版', en: 'publishing' },
  broadcasting: { zh: '播出', en: 'broadcasting' },
  distribution: { zh: '网络传播发行', en: 'online distribution' },
  'merchandise-sales': { zh: '衍生产品销售', en: 'merchandise sales' },
};

const CATEGORY_NAMES: Record<string, I18nText> = {
  comic: { zh: '漫画', en: 'comic' },
  'comic-periodical': { zh: '漫画期刊', en: 'comic periodical' },
  animation: { zh: '动画', en: 'animation' },
  online: { zh: '网络动漫（含手机动漫）', en: 'online animation (incl. mobile)' },
  stage: { zh: '动漫舞台剧（节）目', en: 'stage show' },
};

/** Threshold amounts, in fen (¥1,000,000 = 100000000 fen). */
export const RENDING_THRESHOLDS = {
  keyProduct: {
    comic: { incomeFen: yuan(1_000_000), copies: 100_000n },
    'comic-periodical': { incomeFen: yuan(3_000_000), copies: 1_000_000n },
    animation: { incomeFen: yuan(10_000_000) },
    online: { incomeFen: yuan(1_000_000) },
    stage: { incomeFen: yuan(1_000_000), shows: 50n },
    exportIncomeFen: yuan(1_000_000),
  },
  keyEnterprise: {
    registeredCapitalFen: yuan(10_000_000),
    annualIncomeFen: yuan(5_000_000),
    profitableYears: 2n,
    exportIncomeFen: yuan(2_000_000),
    ownIpExportPercent: 30,
  },
} as const;

/** One criterion of an "any one of" rule: whether it is met and how it reads. */
interface Criterion {
  met: boolean;
  zh: string;
  en: string;
}

function anyOf(key: string, criteria: Criterion[], title: I18nText): ReturnType<typeof pass> {
  const met = criteria.filter((c) => c.met);
  if (met.length) {
    return pass(
      key,
      `满足${title.zh}条件：${met.map((c) => c.zh).join('；')}`,
      `Meets the ${title.en} conditions: ${met.map((c) => c.en).join('; ')}`,
    );
  }
  return fail(
    key,
    `未满足${title.zh}的任何一项条件：${criteria.map((c) => c.zh).join('；')}`,
    `Meets none of the ${title.en} conditions: ${criteria.map((c) => c.en).join('; ')}`,
  );
}

function atLeast(value: bigint | null, min: bigint, label: I18nText, fmt: (v: bigint) => I18nText): Criterion {
  const m = fmt(min);
  if (value === null)
    return { met: false, zh: `未填写${label.zh}（需达到 ${m.zh}）`, en: `${label.en} not given (${m.en} needed)` };
  const v = fmt(value);
  return value >= min
    ? { met: true, zh: `${label.zh} ${v.zh}，达到 ${m.zh}`, en: `${label.en} ${v.en}, at least ${m.en}` }
    : { met: false, zh: `${label.zh} ${v.zh}，低于 ${m.zh}`, en: `${label.en} ${v.en}, below ${m.en}` };
}

const fen = (v: bigint): I18nText => ({ zh: formatFen(v), en: formatFen(v) });
const copies = (v: bigint): I18nText => ({ zh: `${formatCount(v)} 册`, en: `${formatCount(v)} copies` });
const shows = (v: bigint): I18nText => ({ zh: `${formatCount(v)} 场`, en: `${formatCount(v)} shows` });
const years = (v: bigint): I18nText => ({ zh: `${formatCount(v)} 年`, en: `${formatCount(v)} years` });

function recommendedCriterion(payload: unknown, path: string): Criterion {
  return read(payload, path) === true
    ? { met: true, zh: '获主管部门推荐', en: 'recommended by the authority' }
    : { met: false, zh: '未获推荐', en: 'not recommended' };
}

function holdsAwarded(ctx: EligibilityContext, track: string): boolean {
  return (ctx.organizationHistory ?? []).some(
    (h) =>
      h.programCode === 'rending' &&
      h.track === track &&
      h.status === 'awarded' &&
      !h.certificateLapsedOn &&
      h.applicationId !== ctx.application.id,
  );
}

// ---- enterprise ----

const mainIncomeShare = shareRule({
  key: 'rending.main-income-share',
  tracks: ENTERPRISE,
  percent: 60,
  unit: 'fen',
  numerator: {
    path: 'income.animationMainFen',
    label: { zh: '动漫产品主营业务收入', en: 'main-business income from animation products' },
  },
  denominator: { path: 'income.totalFen', label: { zh: '营业总收入', en: 'total income' } },
});

const selfDevelopedShare = shareRule({
  key: 'rending.self-developed-share',
  tracks: ENTERPRISE,
  percent: 50,
  unit: 'fen',
  numerator: {
    path: 'income.selfDevelopedFen',
    label: { zh: '自主开发生产的动漫产品收入', en: 'income from self-developed animation products' },
  },
  denominator: {
    path: 'income.animationMainFen',
    label: { zh: '动漫产品主营业务收入', en: 'main-business income from animation products' },
  },
});

const qualifiedStaffShare = shareRule({
  key: 'rending.qualified-staff-share',
  tracks: ENTERPRISE,
  percent: 30,
  unit: 'people',
  numerator: {
    path: 'staff.qualified',
    label: { zh: '大专以上学历或有动漫专业认证的研发及技术服务人员', en: 'qualified development and technical staff' },
  },
  denominator: { path: 'staff.total', label: { zh: '职工总数', en: 'total staff' } },
});

const rdStaffShare = shareRule({
  key: 'rending.rd-staff-share',
  tracks: ENTERPRISE,
  percent: 10,
  unit: 'people',
  numerator: { path: 'staff.rd', label: { zh: '研发人员', en: 'R&D staff' } },
  denominator: { path: 'staff.total', label: { zh: '职工总数', en: 'total staff' } },
});

const rdSpendingShare = shareRule({
  key: 'rending.rd-spending-share',
  tracks: ENTERPRISE,
  percent: 8,
  unit: 'fen',
  numerator: { path: 'rdSpendingFen', label: { zh: '研究开发费用', en: 'R&D spending' } },
  denominator: { path: 'income.operatingFen', label: { zh: '营业收入', en: 'operating income' } },
});

/** Some ipRights[].grantedOn in [the same day three years before today, today]. */
const recentIp = defineRule(
  'rending.recent-ip',
  (ctx) => {
    const key = 'rending.recent-ip';
    const today = ctx.today;
    const start = minusYears(today, 3);
    const window = { zh: `${start} 至 ${today}`, en: `${start} to ${today}` };
    const rights = (readArray(ctx.application.payload, 'ipRights') ?? []).filter((r) => r && typeof r === 'object');
    const dated = rights.filter((r) => isDateOnly(read(r, 'grantedOn')));
    const recent = dated.find((r) => {
      const d = read(r, 'grantedOn') as string;
      return d >= start && d <= today;
    });
    if (recent) {
      const kind = read(recent, 'kind') === 'patent' ? { zh: '专利', en: 'patent' } : { zh: '著作权', en: 'copyright' };
      const number = readText(recent, 'number') ?? '—';
      const on = read(recent, 'grantedOn') as string;
      return pass(
        key,
        `${kind.zh}（${number}）取得于 ${on}，在近三年（${window.zh}）内`,
        `The ${kind.en} ${number} was granted on ${on}, within the last three years (${window.en})`,
      );
    }
    if (dated.length === 0) {
      return fail(
        key,
        `未填写带取得日期的自主知识产权；须至少有一项在近三年（${window.zh}）内取得`,
        `No own intellectual property with a grant date is given; at least one granted within the last three years (${window.en}) is needed`,
      );
    }
    const dates = dated.map((r) => read(r, 'grantedOn') as string).sort();
    return fail(
      key,
      `所填 ${dated.length} 项自主知识产权的取得日期（${dates.join('、')}）均不在近三年（${window.zh}）内`,
      `None of the ${dated.length} IP rights was granted within the last three years (${window.en}): granted on ${dates.join(', ')}`,
    );
  },
  ENTERPRISE,
);

const businessType = defineRule(
  'rending.business-type',
  (ctx) => {
    const key = 'rending.business-type';
    const raw = readArray(ctx.application.payload, 'businessTypes');
    const qualifying = RENDING_QUALIFYING_BUSINESS_TYPES as readonly string[];
    const list = qualifying.map((t) => RENDING_BUSINESS_TYPE_NAMES[t]);
    const needZh = `须至少包含以下之一：${list.map((n) => n.zh).join('、')}`;
    const needEn = `at least one of: ${list.map((n) => n.en).join(', ')} is needed`;
    if (!raw || raw.length === 0)
      return fail(key, `未选择主营业务类型；${needZh}`, `No business type is chosen; ${needEn}`);
    const types = raw.filter((t): t is string => typeof t === 'string');
    const name = (t: string) => RENDING_BUSINESS_TYPE_NAMES[t] ?? { zh: t, en: t };
    const good = types.filter((t) => qualifying.includes(t));
    if (good.length) {
      return pass(
        key,
        `主营业务包含符合认定范围的类型：${good.map((t) => name(t).zh).join('、')}`,
        `The business types include qualifying ones: ${good.map((t) => name(t).en).join(', ')}`,
      );
    }
    return fail(
      key,
      `所选业务类型（${types.map((t) => name(t).zh).join('、')}）仅为出版、播出、传播发行或销售，不属于认定范围；${needZh}`,
      `The chosen business types (${types.map((t) => name(t).en).join(', ')}) are only publishing, broadcasting, ` +
        `distribution or sales, which do not qualify; ${needEn}`,
    );
  },
  ENTERPRISE,
);

const enterpriseCode = defineRule(
  'rending.enterprise-code',
  (ctx) => {
    const key = 'rending.enterprise-code';
    const code = String(ctx.organization.creditCode ?? '')
      .trim()
      .toUpperCase();
    if (code.startsWith('91')) {
      return pass(
        key,
        `统一社会信用代码 ${code} 以“91”开头，为登记注册的企业`,
        `The credit code ${code} starts with "91": a registered enterprise`,
      );
    }
    return fail(
      key,
      `统一社会信用代码 ${code || '（空）'} 不以“91”开头：只有在市场监管部门登记的企业（登记管理部门 9、机构类别 1）可以申请认定`,
      `The credit code ${code || '(empty)'} does not start with "91": only enterprises registered with market regulation (authority 9, category 1) may apply`,
    );
  },
  ENTERPRISE,
);

// ---- key-product and key-enterprise ----

const certified = defineRule(
  'rending.certified',
  (ctx) =>
    holdsAwarded(ctx, RENDING_TRACKS.enterprise)
      ? pass(
          'rending.certified',
          '已取得动漫企业认定证书且未被撤销',
          'The organization holds a valid animation enterprise certificate',
        )
      : fail(
          'rending.certified',
          '尚未取得有效的动漫企业认定证书：须先通过“动漫企业”类别认定（且未被撤销）',
          'The organization holds no valid animation enterprise certificate: it must first be certified on the enterprise track (and not revoked)',
        ),
  [RENDING_TRACKS.keyProduct, RENDING_TRACKS.keyEnterprise],
);

const keyProductThreshold = defineRule(
  'rending.key-product-threshold',
  (ctx) => {
    const p = read(ctx.application.payload, 'product');
    const t = RENDING_THRESHOLDS.keyProduct;
    const category = readText(p, 'category');
    const income = readInteger(p, 'annualIncomeFen');
    const criteria: Criterion[] = [];
    const catName = category ? CATEGORY_NAMES[category] : undefined;
    if (!category || !catName) {
      criteria.push({
        met: false,
        zh: '未选择产品类别，无法按类别判断收入、销量或场次',
        en: 'no category is chosen, so income, copies or shows cannot be judged',
      });
    } else {
      const incomeLabel = { zh: `${catName.zh}类年收入`, en: `annual income (${catName.en})` };
      const c = category as keyof typeof CATEGORY_NAMES;
      if (c === 'comic' || c === 'comic-periodical') {
        criteria.push(atLeast(income, t[c].incomeFen, incomeLabel, fen));
        criteria.push(atLeast(readInteger(p, 'copiesSold'), t[c].copies, { zh: '年销量', en: 'copies sold' }, copies));
      } else if (c === 'stage') {
        criteria.push(atLeast(income, t.stage.incomeFen, incomeLabel, fen));
        criteria.push(atLeast(readInteger(p, 'shows'), t.stage.shows, { zh: '年演出场次', en: 'shows' }, shows));
      } else {
        criteria.push(atLeast(income, t[c as 'animation' | 'online'].incomeFen, incomeLabel, fen));
      }
    }
    const exportIncome = readInteger(p, 'exportIncomeFen');
    criteria.push(
      exportIncome === null
        ? {
            met: false,
            zh: `无版权出口收入（需达到 ${formatFen(t.exportIncomeFen)}）`,
            en: `no copyright export income (${formatFen(t.exportIncomeFen)} needed)`,
          }
        : atLeast(exportIncome, t.exportIncomeFen, { zh: '版权出口收入', en: 'copyright export income' }, fen),
    );
    const award = read(p, 'award');
    criteria.push(
      award === 'national' || award === 'international'
        ? { met: true, zh: award === 'national' ? '获国家级奖项' : '获国际奖项', en: `won a ${award} award` }
        : { met: false, zh: '未获国家级或国际奖项', en: 'no national or international award' },
    );
    criteria.push(recommendedCriterion(p, 'recommended'));
    return anyOf('rending.key-product-threshold', criteria, { zh: '重点动漫产品', en: 'key product' });
  },
  KEY_PRODUCT,
);

const hasKeyProduct = defineRule(
  'rending.has-key-product',
  (ctx) =>
    holdsAwarded(ctx, RENDING_TRACKS.keyProduct)
      ? pass(
          'rending.has-key-product',
          '已有产品被认定为重点动漫产品',
          'The organization has a certified key animation product',
        )
      : fail(
          'rending.has-key-product',
          '尚无被认定的重点动漫产品：须至少有一项“重点动漫产品”认定',
          'The organization has no certified key animation product: at least one key-product certification is needed',
        ),
  KEY_ENTERPRISE,
);

const keyEnterpriseThreshold = defineRule(
  'rending.key-enterprise-threshold',
  (ctx) => {
    const p = ctx.application.payload;
    const t = RENDING_THRESHOLDS.keyEnterprise;
    const capital = readInteger(p, 'registeredCapitalFen');
    const income = readInteger(p, 'annualIncomeFen');
    const profitable = readInteger(p, 'profitableYears');
    const exportIncome = readInteger(p, 'exportIncomeFen');
    const ownIp = readInteger(p, 'ownIpExportIncomeFen');
    const criteria: Criterion[] = [];

    criteria.push(atLeast(capital, t.registeredCapitalFen, { zh: '注册资本', en: 'registered capital' }, fen));

    const a = atLeast(income, t.annualIncomeFen, { zh: '年营业收入', en: 'annual income' }, fen);
    const b = atLeast(profitable, t.profitableYears, { zh: '连续未亏损', en: 'years without a loss' }, years);
    criteria.push({ met: a.met && b.met, zh: `${a.zh}，且${b.zh}`, en: `${a.en}, and ${b.en}` });

    const e = atLeast(exportIncome, t.exportIncomeFen, { zh: '出口收入', en: 'export income' }, fen);
    let share: Criterion;
    if (ownIp === null || income === null) {
      share = {
        met: false,
        zh: '未填写自主知识产权出口收入或年营业收入',
        en: 'own-IP export income or annual income not given',
      };
    } else if (income <= 0n) {
      share = {
        met: false,
        zh: '年营业收入为 0，无法计算自主知识产权出口收入占比',
        en: 'annual income is 0, so the own-IP export share cannot be computed',
      };
    } else {
      const pct = formatShare(ownIp, income);
      share = meetsShare(ownIp, income, t.ownIpExportPercent)
        ? {
            met: true,
            zh: `自主知识产权出口收入占年营业收入 ${pct}%，达到 ${t.ownIpExportPercent}%`,
            en: `own-IP export income is ${pct}% of annual income, at least ${t.ownIpExportPercent}%`,
          }
        : {
            met: false,
            zh: `自主知识产权出口收入占年营业收入 ${pct}%，低于 ${t.ownIpExportPercent}%`,
            en: `own-IP export income is ${pct}% of annual income, below ${t.ownIpExportPercent}%`,
          };
    }
    criteria.push({ met: e.met && share.met, zh: `${e.zh}，且${share.zh}`, en: `${e.en}, and ${share.en}` });

    criteria.push(recommendedCriterion(p, 'recommended'));
    return anyOf('rending.key-enterprise-threshold', criteria, { zh: '重点动漫企业', en: 'key enterprise' });
  },
  KEY_ENTERPRISE,
);

export const RENDING_RULES: EligibilityRule[] = [
  mainIncomeShare,
  selfDevelopedShare,
  qualifiedStaffShare,
  rdStaffShare,
  rdSpendingShare,
  recentIp,
  businessType,
  enterpriseCode,
  certified,
  keyProductThreshold,
  hasKeyProduct,
  keyEnterpriseThreshold,
];
