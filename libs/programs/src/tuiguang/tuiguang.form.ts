import type { FormLayout } from '../form-layout';

/** The 推广 form (one for every track): the activity, its cost lines and the amount requested with its live cap. */
export const TUIGUANG_FORM: FormLayout = {
  sections: [
    {
      title: { zh: '推广活动', en: 'Activity' },
      blocks: [
        {
          row: [
            { path: ['activity', 'name'], label: { zh: '活动名称', en: 'Activity name' }, span: 14 },
            { path: ['activity', 'location'], label: { zh: '举办地点', en: 'Location' }, span: 10 },
            { path: ['activity', 'startsOn'], label: { zh: '开始日期', en: 'Starts on' }, kind: 'date', span: 8 },
            {
              path: ['activity', 'endsOn'],
              label: { zh: '结束日期', en: 'Ends on' },
              kind: 'date',
              span: 8,
              rules: ['tuiguang.activity-dates'],
            },
            { path: ['activity', 'country'], label: { zh: '国家/地区(境外填写)', en: 'Country (abroad)' }, span: 8 },
          ],
        },
      ],
    },
    {
      title: { zh: '费用明细', en: 'Cost lines' },
      blocks: [
        {
          list: {
            name: 'costs',
            columns: [
              { key: 'item', label: { zh: '费用项目', en: 'Item' }, kind: 'text', span: 9, maxLength: 200 },
              {
                key: 'category',
                label: { zh: '类别', en: 'Category' },
                kind: 'auto',
                span: 6,
                options: [
                  { value: 'venue', label: { zh: 'venue 场地', en: 'venue' } },
                  { value: 'travel', label: { zh: 'travel 差旅', en: 'travel' } },
                  { value: 'production', label: { zh: 'production 制作', en: 'production' } },
                  { value: 'translation', label: { zh: 'translation 译制', en: 'translation' } },
                  { value: 'promotion', label: { zh: 'promotion 宣传', en: 'promotion' } },
                  { value: 'other', label: { zh: 'other 其他', en: 'other' } },
                ],
              },
              { key: 'amountFen', label: { zh: '金额', en: 'Amount' }, kind: 'money', span: 7 },
            ],
            addLabel: { zh: '添加费用', en: 'Add cost line' },
            totalOf: 'amountFen',
          },
        },
        { rules: ['tuiguang.costs'], anchor: 'costs' },
      ],
    },
    {
      title: { zh: '申请资助', en: 'Request' },
      blocks: [
        {
          field: {
            path: ['requestedFen'],
            label: { zh: '申请资助金额', en: 'Amount requested' },
            kind: 'money',
            width: 260,
            cap: { list: 'costs', amount: 'amountFen' },
            rules: ['tuiguang.request-cap'],
          },
        },
      ],
    },
  ],
};
