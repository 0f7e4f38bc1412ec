import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice whose end was counted into a year whose holidays were not published yet (issue 14): the years it counted
 * provisionally (weekends and the fixed-date statutory holidays only). Publishing such a year recounts the notices
 * still running, whose end then only moves later. Owned by awards.
 */
export class NoticeProvisionalYears1764000710000 implements MigrationInterface {
  name = 'NoticeProvisionalYears1764000710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public_notice ADD COLUMN provisional_years int[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public_notice DROP COLUMN provisional_years`);
  }
}
