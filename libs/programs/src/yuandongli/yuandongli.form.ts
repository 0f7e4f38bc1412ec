import type { FormField, FormLayout } from '../form-layout';

const MINORITY_TRANSLATION = 'minority-translation';

const TARGET_LANGUAGE: FormField = {
  path: ['targetLanguage'],
  label: { zh: '译制语种', en: 'Target language' },
  kind: 'auto',
  span: 12,
  options: [
    { value: 'mn', label: { zh: 'mn 蒙古文', en: 'mn Mongolian' } },
    { value: 'bo', label: { zh: 'bo 藏文', en: 'bo Tibetan' } },
    { value: 'ug', label: { zh: 'ug 维吾尔文', en: 'ug Uyghur' } },
    { value: 'kk', label: { zh: 'kk 哈萨克文', en: 'kk Kazakh' } },
    { value: 'ko', label: { zh: 'ko 朝鲜文', en: 'ko Korean' } },
  ],
  rules: ['yuandongli.translation-language'],
};

/** The 原动力 form: one for every track; the target language only on the minority-translation track. */
export function yuandongliFormLayout(track: string | null): FormLayout {
  const translation = track === MINORITY_TRANSLATION;
  return {
    sections: [
      {
        title: { zh: '作品信息', en: 'The work' },
        blocks: [
          { rules: ['yuandongli.periodical-publisher', 'yuandongli.clean-record', 'common.not-excluded'] },
          {
            row: [
              { path: ['workTitle'], label: { zh: '作品名称', en: 'Work title' }, span: 14 },
              {
                path: ['publishedOn'],
                label: { zh: '出版/上线日期(未出版不填)', en: 'Published on (empty if unpublished)' },
                kind: 'date',
                span: 10,
                rules: ['yuandongli.unpublished'],
              },
              {
                path: ['foreignCoOwnership'],
                label: { zh: '是否与境外机构共有版权', en: 'Copyright shared with a foreign party?' },
                kind: 'bool',
                span: 12,
                rules: ['yuandongli.no-foreign-copyright'],
              },
              {
                path: ['previouslyFunded'],
                label: { zh: '是否曾获资助(含续集)', en: 'Funded before (incl. sequels)?' },
                kind: 'bool',
                span: 12,
                rules: ['yuandongli.not-funded-before'],
              },
              {
                path: ['adaptationOf'],
                label: { zh: '改编自(选填)', en: 'Adaptation of (optional)' },
                span: 12,
                help: { zh: '经典名著、民间故事改编可申报', en: 'Classics and folk tales may be adapted' },
              },
              ...(translation ? [TARGET_LANGUAGE] : []),
            ],
          },
        ],
      },
    ],
    ...(translation ? {} : { omit: ['targetLanguage'] }),
  };
}
