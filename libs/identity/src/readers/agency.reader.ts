import { EntityManager } from 'typeorm';

/** An agency (主管部门) as other rooms may name it: on certificates, in listings. */
export interface AgencyName {
  code: string;
  nameZh: string;
  nameEn: string;
}

/**
 * The provincial agency that handles `programCode` in the province `provinceCode` (GB/T 2260 two-digit code): the one
 * naming the program among its programs first, else the one handling every program (empty list). Null when the
 * province has none (e.g. no province, or 71/81/82, which do not apply through provincial offices).
 */
export async function provincialAgencyOf(
  m: EntityManager,
  provinceCode: string | null,
  programCode: string,
): Promise<AgencyName | null> {
  if (!provinceCode) return null;
  const rows: { code: string; name_zh: string; name_en: string }[] = await m.query(
    `SELECT code, name_zh, name_en FROM agency
      WHERE level = 'provincial' AND province_code = $1 AND (programs = '{}' OR $2 = ANY(programs))
      ORDER BY (programs = '{}'), code LIMIT 1`,
    [provinceCode, programCode],
  );
  const r = rows[0];
  return r ? { code: r.code, nameZh: r.name_zh, nameEn: r.name_en } : null;
}
