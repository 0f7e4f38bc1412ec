import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox (issue 14): every mail row is also an item in its recipient's inbox. `recipient_id` is the account whose
 * e-mail equals `to_address` (case-insensitive) when the mail is written — resolved then, not when read, so a later
 * change of addresses never shows one account's mail to another; a mail to an address with no account has none.
 * `link` is the portal path the mail is about (null: none); `read_at` the moment its recipient marked it read.
 * The unread badge is read on every page load: `mail_message_unread` holds the unread rows only.
 */
export class Inbox1764000720000 implements MigrationInterface {
  name = 'Inbox1764000720000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message ADD COLUMN recipient_id uuid NULL, ADD COLUMN link text NULL,
      ADD COLUMN read_at timestamptz NULL`);
    await q.query(
      `UPDATE mail_message m SET recipient_id = u.id FROM app_user u WHERE lower(u.email) = lower(m.to_address)`,
    );
    await q.query(`CREATE INDEX mail_message_inbox ON mail_message (recipient_id, created_at DESC, id DESC)
      WHERE recipient_id IS NOT NULL`);
    await q.query(`CREATE INDEX mail_message_unread ON mail_message (recipient_id, created_at DESC, id DESC)
      WHERE recipient_id IS NOT NULL AND read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_message_unread`);
    await q.query(`DROP INDEX mail_message_inbox`);
    await q.query(`ALTER TABLE mail_message DROP COLUMN recipient_id, DROP COLUMN link, DROP COLUMN read_at`);
  }
}
