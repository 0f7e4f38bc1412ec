import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 15: the Ministry of Culture and Tourism (`national-mct`) also handles 动漫奖 (`dongmanjiang`). */
export class DongmanjiangAgency1765400000004 implements MigrationInterface {
  name = 'DongmanjiangAgency1765400000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE agency SET programs = array_append(programs, 'dongmanjiang')
        WHERE code = 'national-mct' AND NOT ('dongmanjiang' = ANY (programs))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE agency SET programs = array_remove(programs, 'dongmanjiang') WHERE code = 'national-mct'`);
  }
}
