import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `tus_upload` (applications): one row per resumable upload from its creation until its attachment is recorded.
 * - `size` is the declared Upload-Length: it counts against the organization's storage quota while the upload runs;
 * - `created_at` (database time) lets the worker's sweep expire uploads not finished within UPLOAD_EXPIRE_HOURS;
 * - `attachment_id`, `sha256`, `mime_type` are set once the bytes are complete and checked, before they move into
 *   storage (at `applications/<application_id>/<attachment_id>`): the row then says where the file went, so a
 *   database failure between the move and the attachment row loses nothing — the sweep (or the client's next request)
 *   records it. The row is deleted in the transaction that inserts the attachment.
 */
export class TusUploads1764000430000 implements MigrationInterface {
  name = 'TusUploads1764000430000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tus_upload (
      id text PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL,
      kind text NOT NULL,
      file_name text NOT NULL,
      size bigint NOT NULL CHECK (size >= 0),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attachment_id uuid NULL,
      sha256 text NULL,
      mime_type text NULL
    )`);
    await q.query(`CREATE INDEX tus_upload_org ON tus_upload (organization_id)`);
    await q.query(`CREATE INDEX tus_upload_created ON tus_upload (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tus_upload`);
  }
}
