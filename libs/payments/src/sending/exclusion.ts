/** The reasons a due instalment is left out of a batch, or fails just before sending. */
export const SKIP_REASONS = {
  excluded: { zh: '收款单位被列为严重失信或禁止申报，暂停拨付', en: 'the organization is flagged dishonest or barred' },
  revoked: { zh: '立项（认定）已撤销', en: 'the award was revoked' },
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;
