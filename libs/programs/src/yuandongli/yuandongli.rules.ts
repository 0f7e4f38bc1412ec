import { EligibilityRule } from '../program-definition';
import { isDateOnly, minusYears, shanghaiDate, toDateOnly } from '../engine/dates';
import { defineRule, fail, normalizeTitle, pass, read, readText } from '../engine/rule-kit';

export const YUANDONGLI_TRACKS = [
  'comic-book',
  'periodical-serial',
  'web-comic',
  'web-animation',
  'minority-translation',
];

/** The minority languages of 民文译制, by code, with the names applicants write instead of a code. */
export const YUANDONGLI_LANGUAGES: Record<string, { zh: string; en: string; aliases: string[] }> = {
  mn: { zh: '蒙古文', en: 'Mongolian', aliases: ['mon', '蒙古文', '蒙古语', '蒙文', '蒙语', 'mongolian'] },
  bo: { zh: '藏文', en: 'Tibetan', aliases: ['bod', 'tib', '藏文', '藏语', 'tibetan'] },
  ug: { zh: '维吾尔文', en: 'Uyghur', aliases: ['uig', '维吾尔文', '维吾尔语', '维文', '维语', 'uyghur', 'uighur'] },
  kk: { zh: '哈萨克文', en: 'Kazakh', aliases: ['kaz', '哈萨克文', '哈萨克语', '哈文', 'kazakh'] },
  ko: { zh: '朝鲜文', en: 'Korean', aliases: ['kor', '朝鲜文', '朝鲜语', '朝文', 'korean'] },
};

/** The language code a free-text answer names, or null. */
export function minorityLanguageCode(text: string): string | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  for (const [code, lang] of Object.entries(YUANDONGLI_LANGUAGES)) {
    if (t === code || lang.aliases.includes(t)) return code;
  }
  return null;
}

/** publishedOn empty, or later than the date (Asia/Shanghai) of the call's closesAt. */
const unpublished = defineRule('yuandongli.unpublished', (ctx) => {
  const key = 'yuandongli.unpublished';
  const closesOn = shanghaiDate(new Date(ctx.call.closesAt));
  const raw = read(ctx.application.payload, 'publishedOn');
  if (raw === undefined || raw === null || raw === '') {
    return pass(
      key,
      `作品尚未出版（申报截止日 ${closesOn}）`,
      `The work is unpublished (the call closes on ${closesOn})`,
    );
  }
  if (!isDateOnly(raw))
    return fail(
      key,
      '出版日期格式不正确（应为 YYYY-MM-DD）',
      'The publication date is malformed (YYYY-MM-DD expected)',
    );
  if (raw > closesOn) {
    return pass(
      key,
      `出版日期 ${raw} 晚于申报截止日 ${closesOn}，截止时尚未出版`,
      `Publication on ${raw} is after the closing date ${closesOn}: unpublished at the deadline`,
    );
  }
  return fail(
    key,
    `作品已于 ${raw} 出版，不晚于申报截止日 ${closesOn}；只扶持截止时尚未出版的作品`,
    `The work was published on ${raw}, not after the closing date ${closesOn}; only works unpublished at the deadline qualify`,
  );
});

const periodicalPublisher = defineRule(
  'yuandongli.periodical-publisher',
  (ctx) =>
    (ctx.organization.businessTypes ?? []).includes('periodical-publishing')
      ? pass(
          'yuandongli.periodical-publisher',
          '申报单位具有期刊出版资质',
          'The organization is a periodical publisher',
        )
      : fail(
          'yuandongli.periodical-publisher',
          '“期刊连载漫画”类别仅限期刊出版单位申报，本单位的业务类型不含期刊出版（periodical-publishing）',
          'The periodical-serial track is for periodical publishers only; the organization’s business types do not include periodical-publishing',
        ),
  ['periodical-serial'],
);

const noForeignCopyright = defineRule('yuandongli.no-foreign-copyright', (ctx) => {
  const key = 'yuandongli.no-foreign-copyright';
  const v = read(ctx.application.payload, 'foreignCoOwnership');
  if (v === false)
    return pass(key, '作品著作权不与境外机构或个人共有', 'The copyright is not shared with a foreign party');
  if (v === true) {
    return fail(
      key,
      '作品著作权与境外机构或个人共有，不属于扶持范围',
      'The copyright is shared with a foreign party, which is excluded',
    );
  }
  return fail(
    key,
    '未填写是否与境外共有著作权',
    'Whether the copyright is shared with a foreign party is not filled in',
  );
});

/** previouslyFunded is false and no application with the same title was ever awarded in this program. */
const notFundedBefore = defineRule('yuandongli.not-funded-before', (ctx) => {
  const key = 'yuandongli.not-funded-before';
  const funded = read(ctx.application.payload, 'previouslyFunded');
  if (funded === true)
    return fail(key, '作品曾获扶持，不得再次申报', 'The work was funded before and may not apply again');
  if (funded !== false) return fail(key, '未填写是否曾获扶持', 'Whether the work was funded before is not filled in');
  const title = readText(ctx.application.payload, 'workTitle');
  if (!title)
    return fail(
      key,
      '未填写作品名称，无法核对是否曾获扶持',
      'The title is not filled in, so earlier funding cannot be checked',
    );
  const wanted = normalizeTitle(title);
  const hit = (ctx.programAwards ?? []).find(
    (h) =>
      h.programCode === 'yuandongli' &&
      (h.status === 'awarded' || h.status === 'revoked') &&
      h.applicationId !== ctx.application.id &&
      typeof h.workTitle === 'string' &&
      normalizeTitle(h.workTitle) === wanted,
  );
  if (hit) {
    return fail(
      key,
      `同名作品《${title}》已获“原动力”扶持，不得重复扶持`,
      `A work titled "${title}" was already funded by this program`,
    );
  }
  return pass(key, `作品《${title}》未获得过本计划扶持`, `The work "${title}" has not been funded by this program`);
});

const translationLanguage = defineRule(
  'yuandongli.translation-language',
  (ctx) => {
    const key = 'yuandongli.translation-language';
    const allowedZh = Object.entries(YUANDONGLI_LANGUAGES)
      .map(([c, l]) => `${l.zh}（${c}）`)
      .join('、');
    const allowedEn = Object.entries(YUANDONGLI_LANGUAGES)
      .map(([c, l]) => `${l.en} (${c})`)
      .join(', ');
    const text = readText(ctx.application.payload, 'targetLanguage');
    if (!text)
      return fail(
        key,
        `未填写译制语种；须为：${allowedZh}`,
        `No target language is given; it must be one of ${allowedEn}`,
      );
    const code = minorityLanguageCode(text);
    if (code) {
      const l = YUANDONGLI_LANGUAGES[code];
      return pass(key, `译制语种为${l.zh}（${code}）`, `The target language is ${l.en} (${code})`);
    }
    return fail(
      key,
      `译制语种“${text}”不在扶持范围内；须为：${allowedZh}`,
      `The target language "${text}" is not supported; it must be one of ${allowedEn}`,
    );
  },
  ['minority-translation'],
);

/** No `violation` flag whose `from` lies in [the same day three years before today, today]. */
const cleanRecord = defineRule('yuandongli.clean-record', (ctx) => {
  const key = 'yuandongli.clean-record';
  const start = minusYears(ctx.today, 3);
  const recent = (ctx.organization.flags ?? [])
    .filter((f) => f.kind === 'violation')
    .map((f) => toDateOnly(f.from))
    .filter((d): d is string => d !== null && d >= start && d <= ctx.today)
    .sort();
  if (recent.length === 0) {
    return pass(
      key,
      `近三年（${start} 至 ${ctx.today}）无侵权或出版违规记录`,
      `No infringement or publishing violation recorded in the last three years (${start} to ${ctx.today})`,
    );
  }
  return fail(
    key,
    `近三年（${start} 至 ${ctx.today}）内有 ${recent.length} 条侵权或出版违规记录（${recent.join('、')}），不得申报`,
    `${recent.length} infringement or publishing violation${recent.length > 1 ? 's' : ''} recorded ` +
      `in the last three years (${start} to ${ctx.today}): ${recent.join(', ')}`,
  );
});

export const YUANDONGLI_RULES: EligibilityRule[] = [
  unpublished,
  periodicalPublisher,
  noForeignCopyright,
  notFundedBefore,
  translationLanguage,
  cleanRecord,
];
