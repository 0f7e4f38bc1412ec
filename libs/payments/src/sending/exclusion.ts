/**
 * "Not excluded" (DOMAIN.md, "Money"): the organization holds no active `dishonest` or `barred` flag today
 * (flags are active from `from_date` through `until_date` inclusive, open-ended when until is empty).
 * `$today` is the SQL parameter holding today's date in Asia/Shanghai.
 */
export function excludedSql(orgColumn: string, todayParam: string): string {
  return `EXISTS (SELECT 1 FROM organization_flag f WHERE f.organization_id = ${orgColumn} AND f.kind IN ('dishonest','barred')
            AND f.from_date <= ${todayParam}::date AND (f.until_date IS NULL OR f.until_date >= ${todayParam}::date))`;
}

/** The reasons a due instalment is left out of a batch, or fails just before sending. */
export const SKIP_REASONS = {
  excluded: { zh: '收款单位被列为严重失信或禁止申报，暂停拨付', en: 'the organization is flagged dishonest or barred' },
  revoked: { zh: '立项（认定）已撤销', en: 'the award was revoked' },
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;
