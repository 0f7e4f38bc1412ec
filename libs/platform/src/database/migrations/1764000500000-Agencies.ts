import { MigrationInterface, QueryRunner } from 'typeorm';

/** GB/T 2260 provinces (the credit code's positions 3–4) and their culture and tourism departments (文化和旅游厅/局). */
export const PROVINCE_AGENCIES: [code: string, province: string, zh: string, en: string][] = [
  ['11', '北京', '北京市文化和旅游局', 'Beijing Municipal Bureau of Culture and Tourism'],
  ['12', '天津', '天津市文化和旅游局', 'Tianjin Municipal Bureau of Culture and Tourism'],
  ['13', '河北', '河北省文化和旅游厅', 'Department of Culture and Tourism of Hebei'],
  ['14', '山西', '山西省文化和旅游厅', 'Department of Culture and Tourism of Shanxi'],
  ['15', '内蒙古', '内蒙古自治区文化和旅游厅', 'Department of Culture and Tourism of Inner Mongolia'],
  ['21', '辽宁', '辽宁省文化和旅游厅', 'Department of Culture and Tourism of Liaoning'],
  ['22', '吉林', '吉林省文化和旅游厅', 'Department of Culture and Tourism of Jilin'],
  ['23', '黑龙江', '黑龙江省文化和旅游厅', 'Department of Culture and Tourism of Heilongjiang'],
  ['31', '上海', '上海市文化和旅游局', 'Shanghai Municipal Administration of Culture and Tourism'],
  ['32', '江苏', '江苏省文化和旅游厅', 'Department of Culture and Tourism of Jiangsu'],
  ['33', '浙江', '浙江省文化和旅游厅', 'Department of Culture and Tourism of Zhejiang'],
  ['34', '安徽', '安徽省文化和旅游厅', 'Department of Culture and Tourism of Anhui'],
  ['35', '福建', '福建省文化和旅游厅', 'Department of Culture and Tourism of Fujian'],
  ['36', '江西', '江西省文化和旅游厅', 'Department of Culture and Tourism of Jiangxi'],
  ['37', '山东', '山东省文化和旅游厅', 'Department of Culture and Tourism of Shandong'],
  ['41', '河南', '河南省文化和旅游厅', 'Department of Culture and Tourism of Henan'],
  ['42', '湖北', '湖北省文化和旅游厅', 'Department of Culture and Tourism of Hubei'],
  ['43', '湖南', '湖南省文化和旅游厅', 'Department of Culture and Tourism of Hunan'],
  ['44', '广东', '广东省文化和旅游厅', 'Department of Culture and Tourism of Guangdong'],
  ['45', '广西', '广西壮族自治区文化和旅游厅', 'Department of Culture and Tourism of Guangxi'],
  [
    '46',
    '海南',
    '海南省旅游和文化广电体育厅',
    'Department of Tourism, Culture, Radio, Television and Sports of Hainan',
  ],
  ['50', '重庆', '重庆市文化和旅游发展委员会', 'Chongqing Municipal Commission of Culture and Tourism Development'],
  ['51', '四川', '四川省文化和旅游厅', 'Department of Culture and Tourism of Sichuan'],
  ['52', '贵州', '贵州省文化和旅游厅', 'Department of Culture and Tourism of Guizhou'],
  ['53', '云南', '云南省文化和旅游厅', 'Department of Culture and Tourism of Yunnan'],
  ['54', '西藏', '西藏自治区文化厅', 'Department of Culture of Tibet'],
  ['61', '陕西', '陕西省文化和旅游厅', 'Department of Culture and Tourism of Shaanxi'],
  ['62', '甘肃', '甘肃省文化和旅游厅', 'Department of Culture and Tourism of Gansu'],
  ['63', '青海', '青海省文化和旅游厅', 'Department of Culture and Tourism of Qinghai'],
  ['64', '宁夏', '宁夏回族自治区文化和旅游厅', 'Department of Culture and Tourism of Ningxia'],
  ['65', '新疆', '新疆维吾尔自治区文化和旅游厅', 'Department of Culture and Tourism of Xinjiang'],
];

/**
 * Agencies (主管部门, issue 12): the national office and one provincial department per province, each with the programs it
 * handles (empty: every program). An officer belongs to one agency or none (none: national, every program — as API.md's
 * POST /api/users makes them).
 */
export class Agencies1764000500000 implements MigrationInterface {
  name = 'Agencies1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE agency (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      level text NOT NULL CHECK (level IN ('national', 'provincial')),
      province_code text NULL CHECK (province_code ~ '^[0-9]{2}$'),
      programs text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((level = 'national') = (province_code IS NULL)))`);
    await q.query(
      `CREATE UNIQUE INDEX agency_provincial_once ON agency (province_code, programs) WHERE level = 'provincial'`,
    );
    await q.query(
      `INSERT INTO agency (code, name_zh, name_en, level) VALUES ('national', '全国动漫工作办公室（文化和旅游部）',
       'National Animation Office (Ministry of Culture and Tourism)', 'national')`,
    );
    await q.query(
      `INSERT INTO agency (code, name_zh, name_en, level, province_code)
       SELECT 'prov-' || p.code, p.zh, p.en, 'provincial', p.code
         FROM unnest($1::text[], $2::text[], $3::text[]) AS p(code, zh, en)`,
      [PROVINCE_AGENCIES.map((p) => p[0]), PROVINCE_AGENCIES.map((p) => p[2]), PROVINCE_AGENCIES.map((p) => p[3])],
    );
    await q.query(`ALTER TABLE app_user ADD COLUMN agency_id uuid NULL REFERENCES agency(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN agency_id`);
    await q.query(`DROP TABLE agency`);
  }
}
