import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
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
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt: Date | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}

@Entity('expert_profile')
export class ExpertProfile {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('text', { array: true }) fields: string[];
  @Column({ name: 'employer_credit_code' }) employerCreditCode: string;
  @Column({ name: 'region_code' }) regionCode: string;
  @Column({ name: 'province_code' }) provinceCode: string;
  @Column({ default: true }) available: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('expert_conflict')
export class ExpertConflict {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'expert_id' }) expertId: string;
  @Column({ name: 'credit_code' }) creditCode: string;
  @Column({ default: '' }) note: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
