import type { FormLayout } from '../form-layout';

const textarea = 'textarea' as const;

/** The 精品 form (one for every track). */
export const JINGPIN_FORM: FormLayout = {
  sections: [
    {
      title: { zh: '作品信息', en: 'The work' },
      blocks: [
        { rules: ['jingpin.one-per-track'] },
        {
          row: [
            {
              path: ['workTitle'],
              label: { zh: '作品名称', en: 'Work title' },
              span: 14,
              rules: ['jingpin.no-repeat-work'],
            },
            {
              path: ['mediaType'],
              label: { zh: '作品类型', en: 'Media type' },
              kind: 'select',
              span: 10,
              options: [
                { value: 'tv', label: { zh: '动画电视', en: 'TV animation' } },
                { value: 'film', label: { zh: '动画电影', en: 'Animated film' } },
                { value: 'comic', label: { zh: '漫画', en: 'Comic' } },
                { value: 'new-media', label: { zh: '新媒体动漫', en: 'New-media animation' } },
              ],
            },
          ],
        },
        { field: { path: ['synopsis'], label: { zh: '作品简介', en: 'Synopsis' }, kind: textarea } },
      ],
    },
    {
      title: { zh: '核心主创人员', en: 'Core creators' },
      blocks: [
        {
          list: {
            name: 'creators',
            columns: [
              { key: 'name', label: { zh: '姓名', en: 'Name' }, kind: 'text', span: 4, maxLength: 100 },
              {
                key: 'role',
                label: { zh: '担任职务', en: 'Role' },
                kind: 'auto',
                span: 5,
                options: [
                  { label: { zh: '导演', en: 'Director' } },
                  { label: { zh: '编剧', en: 'Screenwriter' } },
                  { label: { zh: '制片人', en: 'Producer' } },
                  { label: { zh: '美术设计', en: 'Art director' } },
                  { label: { zh: '主笔', en: 'Lead artist' } },
                ],
              },
              {
                key: 'education',
                label: { zh: '学历(选填)', en: 'Education (optional)' },
                kind: 'text',
                span: 4,
                maxLength: 100,
              },
              {
                key: 'idNumber',
                label: { zh: '身份证号(选填)', en: 'ID number (optional)' },
                kind: 'text',
                span: 6,
                maxLength: 18,
              },
              {
                key: 'phone',
                label: { zh: '联系电话(选填)', en: 'Phone (optional)' },
                kind: 'text',
                span: 4,
                maxLength: 20,
              },
            ],
            addLabel: { zh: '添加主创人员', en: 'Add creator' },
          },
        },
      ],
    },
    {
      title: { zh: '开发与市场', en: 'Development and market' },
      blocks: [
        { field: { path: ['developmentPlan'], label: { zh: '开发计划', en: 'Development plan' }, kind: textarea } },
        {
          field: {
            path: ['marketExpectation'],
            label: {
              zh: '市场预期(授权、改编、衍生品收入)',
              en: 'Market expectation (licensing, adaptation, merchandise)',
            },
            kind: textarea,
          },
        },
        { field: { path: ['licensing'], label: { zh: '授权情况', en: 'Licensing status' }, kind: textarea } },
        { field: { path: ['promotionPlan'], label: { zh: '推广计划', en: 'Promotion plan' }, kind: textarea } },
      ],
    },
  ],
};
