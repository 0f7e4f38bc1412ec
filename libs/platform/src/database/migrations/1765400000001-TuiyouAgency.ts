import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the national agency of 优秀国产动画片推优 (program `tuiyou`), the National Radio and Television
 * Administration — the module's `agency` text, as for the other programs (1764000800000-NationalProgramAgencies).
 */
export class TuiyouAgency1765400000001 implements MigrationInterface {
  name = 'TuiyouAgency1765400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO agency (code, name_zh, name_en, description_zh, description_en, level, programs)
       VALUES ('national-nrta', '国家广播电视总局', 'National Radio and Television Administration',
               '优秀国产动画片推优的国家级主管部门：组织年度推优评审，公示并公布名单',
               'National agency of the outstanding domestic animation awards: runs the yearly selection, publishes the notice and the list',
               'national', ARRAY['tuiyou'])
       ON CONFLICT (code) DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM agency WHERE code = 'national-nrta'`);
  }
}
