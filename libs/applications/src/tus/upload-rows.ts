import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, PortalConfig } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';

/** A resumable upload as the `tus_upload` table holds it, from its creation until its attachment is recorded. */
export interface UploadRow {
  id: string;
  applicationId: string;
  organizationId: string;
  kind: string;
  fileName: string;
  /** The declared Upload-Length. */
  size: number;
  createdBy: string;
  createdAt: Date;
  /** Set once the bytes are complete and checked, before they move to applications/<applicationId>/<attachmentId>. */
  attachmentId: string | null;
  sha256: string | null;
  mimeType: string | null;
  /** Older than UPLOAD_EXPIRE_HOURS (database time). */
  expired: boolean;
}

export type NewUpload = Pick<
  UploadRow,
  'id' | 'applicationId' | 'organizationId' | 'kind' | 'fileName' | 'size' | 'createdBy'
>;
export type FinishingUpload = UploadRow & { attachmentId: string; sha256: string; mimeType: string };

type Sql = Pick<EntityManager, 'query'>;

const COLUMNS = `id, application_id AS "applicationId", organization_id AS "organizationId", kind, file_name AS "fileName",
  size::float8 AS size, created_by AS "createdBy", created_at AS "createdAt", attachment_id AS "attachmentId", sha256,
  mime_type AS "mimeType", created_at < now() - make_interval(hours => $1::int) AS expired`;

/**
 * The `tus_upload` rows (applications owns the table) and the organizations' storage quota: an organization uses the
 * bytes of its stored attachments plus the declared length of its unfinished uploads; nothing new may pass
 * ORG_STORAGE_QUOTA_BYTES. Whoever takes room does so under the organization's advisory lock, so two uploads racing
 * for the last bytes cannot both have them.
 */
@Injectable()
export class UploadRows {
  constructor(
    private readonly ds: DataSource,
    private readonly config: PortalConfig,
  ) {}

  /** Bytes the organization uses now: stored attachments and unfinished uploads. */
  async used(m: Sql, organizationId: string): Promise<number> {
    const [{ used }] = await m.query(
      `SELECT (SELECT coalesce(sum(f.size), 0) FROM attachment f JOIN application a ON a.id = f.application_id
                WHERE a.organization_id = $1 AND f.deleted_at IS NULL)
            + (SELECT coalesce(sum(u.size), 0) FROM tus_upload u WHERE u.organization_id = $1) AS used`,
      [organizationId],
    );
    return Number(used);
  }

  /**
   * 413 ATTACHMENT.QUOTA_EXCEEDED unless `bytes` more fit the organization's quota. With `lock` (inside a
   * transaction), first takes the organization's quota lock until the transaction ends.
   */
  async assertRoom(m: Sql, organizationId: string, bytes: number, lock = false): Promise<void> {
    if (lock)
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('storage-quota:' || $1, 0))`, [organizationId]);
    const quota = this.config.ORG_STORAGE_QUOTA_BYTES;
    const used = await this.used(m, organizationId);
    if (used + bytes > quota) {
      const err = APPLICATION_ERRORS['ATTACHMENT.QUOTA_EXCEEDED']({ quota, used });
      err.details.push({ path: 'file', message: err.text });
      throw err;
    }
  }

  /** Records a new upload, taking its declared length from the organization's quota (413 when it does not fit). */
  async open(u: NewUpload): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      await this.assertRoom(tx.manager, u.organizationId, u.size, true);
      await tx.manager.query(
        `INSERT INTO tus_upload (id, application_id, organization_id, kind, file_name, size, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [u.id, u.applicationId, u.organizationId, u.kind, u.fileName, u.size, u.createdBy],
      );
    });
  }

  async find(id: string): Promise<UploadRow | null> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM tus_upload WHERE id = $2`, [
      this.config.UPLOAD_EXPIRE_HOURS,
      id,
    ]);
    return rows[0] ? row(rows[0]) : null;
  }

  /** The oldest rows first, for the sweep. */
  async list(limit: number): Promise<UploadRow[]> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM tus_upload ORDER BY created_at LIMIT $2`, [
      this.config.UPLOAD_EXPIRE_HOURS,
      limit,
    ]);
    return rows.map(row);
  }

  /**
   * Names the attachment a complete, checked upload becomes (before its bytes move into storage). Only the first
   * call decides; the row as it then is comes back.
   */
  async markFinishing(
    id: string,
    f: { attachmentId: string; sha256: string; mimeType: string },
  ): Promise<FinishingUpload | null> {
    await this.ds.query(
      `UPDATE tus_upload SET attachment_id = $2, sha256 = $3, mime_type = $4 WHERE id = $1 AND attachment_id IS NULL`,
      [id, f.attachmentId, f.sha256, f.mimeType],
    );
    const r = await this.find(id);
    return r?.attachmentId ? (r as FinishingUpload) : null;
  }

  /** Drops the row (the upload was recorded, refused or expired); its room in the quota is free again. */
  async remove(m: Sql, id: string): Promise<void> {
    await m.query(`DELETE FROM tus_upload WHERE id = $1`, [id]);
  }

  /** Which of these upload ids have a row. */
  async known(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM tus_upload WHERE id = ANY($1)`, [ids]);
    return new Set(rows.map((r) => r.id));
  }
}

function row(r: UploadRow): UploadRow {
  return { ...r, size: Number(r.size), createdAt: new Date(r.createdAt) };
}
