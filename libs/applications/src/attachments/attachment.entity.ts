import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from '../calls/call.entity';

@Entity('attachment')
export class Attachment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column() kind: string;
  @Column({ name: 'file_name' }) fileName: string;
  @Column({ type: 'bigint', transformer: numberColumn }) size: number;
  @Column() sha256: string;
  @Column({ name: 'mime_type' }) mimeType: string;
  @Column({ name: 'storage_key' }) storageKey: string;
  @Column({ name: 'upload_id', type: 'text', nullable: true }) uploadId: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
}

export interface AttachmentView {
  id: string;
  kind: string;
  fileName: string;
  size: number;
  sha256: string;
  mimeType: string;
  createdAt: string;
}

export function attachmentView(a: Attachment): AttachmentView {
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.fileName,
    size: a.size,
    sha256: a.sha256,
    mimeType: a.mimeType,
    createdAt: a.createdAt.toISOString(),
  };
}
