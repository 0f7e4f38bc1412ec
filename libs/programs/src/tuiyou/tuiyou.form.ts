import type { FormLayout } from '../form-layout';

/** The 推优 form (the same for the yearly selection and the quarterly recommendations). */
export const TUIYOU_FORM: FormLayout = {
  sections: [
    {
      title: { zh: '作品', en: 'The work' },
      blocks: [
        {
          row: [
            {
              path: ['workTitle'],
              label: { zh: '片名', en: 'Title' },
              span: 14,
              rules: ['tuiyou.once-per-work'],
            },
            {
              path: ['kind'],
              label: { zh: '类型', en: 'Kind' },
              kind: 'select',
              span: 10,
              options: [
                { value: 'tv-series', label: { zh: '电视动画', en: 'TV series' } },
                { value: 'film', label: { zh: '动画电影', en: 'Film' } },
                { value: 'web-series', label: { zh: '网络动画', en: 'Web series' } },
              ],
            },
          ],
        },
        {
          row: [
            { path: ['licenceNumber'], label: { zh: '发行许可证号', en: 'Licence number' }, span: 12 },
            { path: ['episodes'], label: { zh: '集数', en: 'Episodes' }, kind: 'int', span: 6 },
            { path: ['minutes'], label: { zh: '总时长（分钟）', en: 'Minutes' }, kind: 'int', span: 6 },
          ],
        },
        {
          row: [
            { path: ['premiereChannel'], label: { zh: '首播平台', en: 'First broadcast on' }, span: 14 },
            {
              path: ['premieredOn'],
              label: { zh: '首播日期', en: 'Date' },
              kind: 'date',
              span: 10,
              rules: ['tuiyou.premiered-in-window'],
            },
          ],
        },
        { field: { path: ['synopsis'], label: { zh: '作品简介', en: 'Synopsis' }, kind: 'textarea' } },
        { field: { path: ['reach'], label: { zh: '播出与传播情况', en: 'Reach' }, kind: 'textarea' } },
      ],
    },
  ],
};
