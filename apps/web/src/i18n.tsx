import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Languages the portal speaks; zh-CN is the default. */
export type Lang = 'zh' | 'en';
/** A text in both languages, as the API returns them. */
export interface I18nText {
  zh: string;
  en: string;
}
export type Textish = I18nText | string | null | undefined;

const STORAGE_KEY = 'portal.lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh') return v;
  } catch {
    /* storage unavailable */
  }
  return 'zh';
}

/** Pick the text for a language from `{zh,en}` or pass a plain string through. */
export function pickText(text: Textish, lang: Lang): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  if (typeof text === 'object') return (lang === 'en' ? text.en : text.zh) ?? text.zh ?? text.en ?? '';
  return String(text);
}

// ---------------------------------------------------------------------------------------------
// Shared vocabularies (enumerations the API uses). Page-specific texts are written as zh/en pairs
// with `t(zh, en)` right where they are shown, so that every visible string exists in both languages.
// ---------------------------------------------------------------------------------------------
type Vocab = Record<string, [string, string]>;

export const ROLE_NAMES: Vocab = {
  applicant: ['申报单位', 'Applicant'],
  expert: ['评审专家', 'Expert'],
  officer: ['项目管理员', 'Program officer'],
  finance: ['财务人员', 'Finance officer'],
  admin: ['系统管理员', 'Administrator'],
};

export const BUSINESS_TYPES: Vocab = {
  comic: ['漫画创作', 'Comic creation'],
  animation: ['动画创作制作', 'Animation production'],
  online: ['网络动漫(含手机)创作制作', 'Online / mobile animation'],
  stage: ['动漫舞台剧(节)目制作演出', 'Animation stage shows'],
  software: ['动漫软件开发', 'Animation software'],
  'derivative-design': ['动漫衍生产品研发设计', 'Derivative product design'],
  publishing: ['出版', 'Publishing'],
  'periodical-publishing': ['期刊出版', 'Periodical publishing'],
  broadcasting: ['播出', 'Broadcasting'],
  distribution: ['网络发行', 'Online distribution'],
  'merchandise-sales': ['衍生品销售', 'Merchandise sales'],
};

export const APPLICATION_STATUS: Vocab = {
  draft: ['草稿', 'Draft'],
  submitted: ['已提交', 'Submitted'],
  returned: ['退回补正', 'Returned for correction'],
  under_review: ['专家评审中', 'Under review'],
  reviewed: ['已评审', 'Reviewed'],
  proposed: ['拟立项', 'Proposed'],
  awarded: ['已立项', 'Awarded'],
  not_awarded: ['未通过', 'Not awarded'],
  rejected: ['不予受理', 'Rejected'],
  withdrawn: ['已撤回', 'Withdrawn'],
  revoked: ['已撤销', 'Revoked'],
};

export const REVIEW_STATUS: Vocab = {
  pending: ['待评审', 'Pending'],
  declined: ['已回避/谢绝', 'Declined'],
  submitted: ['已提交', 'Submitted'],
  expired: ['已过期', 'Expired'],
};

export const INSTALMENT_STATUS: Vocab = {
  planned: ['计划中', 'Planned'],
  batched: ['已编批', 'Batched'],
  approved: ['已审批', 'Approved'],
  sending: ['发送中', 'Sending'],
  paid: ['已拨付', 'Paid'],
  failed: ['失败', 'Failed'],
  cancelled: ['已取消', 'Cancelled'],
  recovering: ['追回中', 'Recovering'],
  recovered: ['已追回', 'Recovered'],
};

export const CALL_STATUS: Vocab = {
  open: ['申报中', 'Open'],
  upcoming: ['未开始', 'Upcoming'],
  closed: ['已截止', 'Closed'],
};

export const AGGREGATIONS: Vocab = {
  mean: ['算术平均', 'Mean'],
  trimmed: ['去掉最高最低分', 'Trimmed mean'],
  zscore: ['专家标准化 (z 分数)', 'Per-expert z-score'],
};

export const PROGRAM_NAMES: Vocab = {
  jingpin: ['国家动漫精品工程', 'National Animation Quality Project'],
  yuandongli: ['“原动力”中国原创动漫出版扶持计划', '"Yuandongli" Original Publishing Support'],
  tuiguang: ['原创动漫推广计划', 'Original Animation Promotion'],
  rending: ['动漫企业认定', 'Animation Enterprise Certification'],
};

export const TRACK_NAMES: Vocab = {
  enterprise: ['动漫企业', 'Animation enterprise'],
  'key-product': ['重点动漫产品', 'Key animation product'],
  'key-enterprise': ['重点动漫企业', 'Key animation enterprise'],
  idea: ['动漫创意', 'Idea'],
  product: ['动漫产品', 'Finished product'],
  'comic-book': ['原创漫画图书', 'Original comic book'],
  'periodical-serial': ['期刊连载漫画', 'Periodical serial'],
  'web-comic': ['网络漫画', 'Web comic'],
  'web-animation': ['网络动画', 'Web animation'],
  'minority-translation': ['漫画图书民文译制', 'Minority-language translation'],
  exhibition: ['展会推广', 'Exhibitions'],
  border: ['边疆推广', 'Border regions'],
  campus: ['校园推广', 'Campuses'],
  media: ['媒体推广', 'Media'],
  overseas: ['海外推广', 'Overseas'],
  translation: ['译制补贴', 'Translation and dubbing'],
};

export const ATTACHMENT_KINDS: Vocab = {
  declaration: ['承诺书(签章)', 'Signed declaration'],
  'business-licence': ['营业执照', 'Business licence'],
  'audit-report': ['审计报告', 'Audit report'],
  'staff-statement': ['人员及学历情况说明', 'Staff statement'],
  'ip-proof': ['知识产权证明', 'Proof of IP'],
  'premises-proof': ['场所证明', 'Proof of premises'],
  'product-evidence': ['产品证明材料', 'Product evidence'],
  'work-sample': ['作品样片/样章', 'Work sample'],
  'copyright-proof': ['版权证明', 'Copyright proof'],
  'cost-evidence': ['费用证明', 'Cost evidence'],
  other: ['其他材料', 'Other'],
};

export const RULE_NAMES: Vocab = {
  'common.declaration': ['承诺书', 'Declaration'],
  'common.required-attachments': ['必备附件', 'Required attachments'],
  'common.not-excluded': ['未被列入失信/禁入名单', 'Not excluded'],
  'rending.main-income-share': ['主营收入占比 ≥ 60%', 'Main income ≥ 60%'],
  'rending.self-developed-share': ['自主开发收入占比 ≥ 50%', 'Self-developed ≥ 50%'],
  'rending.qualified-staff-share': ['大专以上人员占比 ≥ 30%', 'Qualified staff ≥ 30%'],
  'rending.rd-staff-share': ['研发人员占比 ≥ 10%', 'R&D staff ≥ 10%'],
  'rending.rd-spending-share': ['研发费用占比 ≥ 8%', 'R&D spending ≥ 8%'],
  'rending.recent-ip': ['近三年自主知识产权', 'IP within 3 years'],
  'rending.business-type': ['经营范围', 'Business type'],
  'rending.enterprise-code': ['企业类信用代码(91 开头)', 'Enterprise credit code (91…)'],
  'rending.certified': ['持有有效动漫企业证书', 'Holds a valid certificate'],
  'rending.key-product-threshold': ['重点产品标准', 'Key product threshold'],
  'rending.has-key-product': ['拥有重点动漫产品', 'Has a key product'],
  'rending.key-enterprise-threshold': ['重点企业标准', 'Key enterprise threshold'],
  'jingpin.one-per-track': ['每类别限报一项', 'One entry per track'],
  'jingpin.no-repeat-work': ['作品不得重复申报', 'No repeated work'],
  'yuandongli.unpublished': ['截止时尚未出版', 'Unpublished at deadline'],
  'yuandongli.periodical-publisher': ['期刊出版单位', 'Periodical publisher'],
  'yuandongli.no-foreign-copyright': ['无境外共有版权', 'No foreign co-ownership'],
  'yuandongli.not-funded-before': ['未获资助', 'Not funded before'],
  'yuandongli.translation-language': ['译制语种', 'Translation language'],
  'yuandongli.clean-record': ['三年内无违规', 'Clean record'],
  'tuiguang.costs': ['费用明细', 'Cost lines'],
  'tuiguang.request-cap': ['申请金额上限', 'Request cap'],
  'tuiguang.activity-dates': ['活动日期', 'Activity dates'],
};

/** Kinds of an organization's credit-record flag. */
export const FLAG_KINDS: Vocab = {
  dishonest: ['严重失信主体', 'Seriously dishonest'],
  barred: ['禁止申报', 'Barred from applying'],
  violation: ['违规记录', 'Violation'],
};

interface I18nContextValue {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A page text: the Chinese and the English wording side by side. */
  t(zh: string, en: string): string;
  /** A text from the API (`{zh,en}` or a plain string). */
  pick(text: Textish): string;
  /** A word from one of the shared vocabularies, falling back to the code itself. */
  v(vocab: Vocab, code: string | null | undefined): string;
}

const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18nContextValue>(
    () => ({
      lang,
      setLang,
      t: (zh, en) => (lang === 'en' ? en : zh),
      pick: (text) => pickText(text, lang),
      v: (vocab, code) => {
        if (!code) return '';
        const e = vocab[code];
        return e ? (lang === 'en' ? e[1] : e[0]) : code;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
