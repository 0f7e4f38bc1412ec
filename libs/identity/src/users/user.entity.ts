import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '@portal/platform';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId: string | null;
  /** Officers: their agency (issue 12); null = national, every program. */
  @Column('uuid', { name: 'agency_id', nullable: true }) agencyId: string | null;
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt: Date | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
