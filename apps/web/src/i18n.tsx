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
// Shared vocabularies (enumerations the API uses; program names, tracks, rules and attachment kinds come from
// GET /api/programs: see programs.ts). Page-specific texts are written as zh/en pairs
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
  provincial_passed: ['省级初审通过', 'Passed the provincial check'],
  forwarded: ['已报送国家', 'Forwarded to the national office'],
  not_recommended: ['未获省级推荐', 'Not recommended'],
};

export const REVIEW_STATUS: Vocab = {
  pending: ['待评审', 'Pending'],
  declined: ['已回避/谢绝', 'Declined'],
  submitted: ['已提交', 'Submitted'],
  expired: ['已过期', 'Expired'],
};

export const INSTALMENT_STATUS: Vocab = {
  planned: ['计划中', 'Planned'],
  held: ['暂缓拨付', 'Held'],
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
