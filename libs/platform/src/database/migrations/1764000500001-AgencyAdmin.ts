import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, agencies managed by admins: each agency gets a description in both languages (for 认定 the provincial
 * department acts as the 省级认定机构 formed with the provincial finance and tax departments — said here, the name
 * stays the department's) and a `version` for optimistic locking of PATCH /api/agencies/:id. And the admin's
 * corrections of an organization's province (pilot codes, moved companies), each with its reason, kept as history in
 * `organization_province_change` (identity's table; the audit chain records the same event).
 */
export class AgencyAdmin1764000500001 implements MigrationInterface {
  name = 'AgencyAdmin1764000500001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency
      ADD COLUMN description_zh text NOT NULL DEFAULT '',
      ADD COLUMN description_en text NOT NULL DEFAULT '',
      ADD COLUMN version integer NOT NULL DEFAULT 1`);
    const national = [
      '全国动漫企业认定管理工作办公室；国家动漫精品工程、原动力、推广计划的国家级主管部门：审核各省推荐的申报，公布名单',
      'National office for animation enterprise certification (认定) and the national agency of the jingpin, ' +
        'yuandongli and tuiguang programs: reviews what the provinces forward and publishes the list',
    ];
    const provincial = [
      '省级主管部门：本省（区、市）申报的初审与推荐；动漫企业认定由本部门会同省级财政、税务部门组成的省级认定机构办理（初审、发证、年审）',
      'Provincial agency: first review and recommendation of the applications of its region; for 认定 it is the ' +
        'provincial certification body (省级认定机构) formed with the provincial finance and tax departments ' +
        '(first review, certificates, annual review)',
    ];
    await q.query(`UPDATE agency SET description_zh = $1, description_en = $2 WHERE level = 'national'`, national);
    await q.query(`UPDATE agency SET description_zh = $1, description_en = $2 WHERE level = 'provincial'`, provincial);
    await q.query(`CREATE TABLE organization_province_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization(id),
      from_code text NOT NULL,
      to_code text NOT NULL CHECK (to_code ~ '^[0-9]{2}$'),
      reason text NOT NULL,
      changed_by uuid NOT NULL REFERENCES app_user(id),
      changed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX organization_province_change_org ON organization_province_change (organization_id, changed_at)`,
    );
    await q.query(`CREATE INDEX app_user_agency ON app_user (agency_id) WHERE agency_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX app_user_agency`);
    await q.query(`DROP TABLE organization_province_change`);
    await q.query(`ALTER TABLE agency DROP COLUMN description_zh, DROP COLUMN description_en, DROP COLUMN version`);
  }
}
