import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the national agencies of the new schemes — the modules' `agency` texts, as for the other programs
 * (1764000800000-NationalProgramAgencies): the National Radio and Television Administration for 优秀国产动画片推优
 * (`tuiyou`); the Ministry of Culture and Tourism also handles the 一带一路 list (`ydyl`).
 */
export class SchemeAgencies1765400000001 implements MigrationInterface {
  name = 'SchemeAgencies1765400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO agency (code, name_zh, name_en, description_zh, description_en, level, programs)
       VALUES ('national-nrta', '国家广播电视总局', 'National Radio and Television Administration',
               '优秀国产动画片推优的国家级主管部门：组织年度推优评审，公示并公布名单',
               'National agency of the outstanding domestic animation awards: runs the yearly selection, publishes the notice and the list',
               'national', ARRAY['tuiyou'])
       ON CONFLICT (code) DO NOTHING`,
    );
    await q.query(
      `UPDATE agency SET programs = array_append(programs, 'ydyl') WHERE code = 'national-mct' AND NOT ('ydyl' = ANY (programs))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE agency SET programs = array_remove(programs, 'ydyl') WHERE code = 'national-mct'`);
    await q.query(`DELETE FROM agency WHERE code = 'national-nrta'`);
  }
}
