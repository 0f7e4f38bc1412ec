import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity('organization')
export class Organization {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ name: 'credit_code' }) creditCode: string;
  @Column() address: string;
  @Column({ name: 'legal_representative' }) legalRepresentative: string;
  @Column('text', { name: 'business_types', array: true }) businessTypes: string[];
  @Column({ name: 'region_code' }) regionCode: string;
  @Column({ name: 'province_code' }) provinceCode: string;
  /** Set when an administrator accepted a pilot-era code that fails the check character. */
  @Column({ name: 'credit_code_exception', type: 'text', nullable: true }) creditCodeException: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}

@Entity('organization_flag')
export class OrganizationFlag {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column() kind: 'dishonest' | 'barred' | 'violation';
  @Column() reason: string;
  @Column({ name: 'from_date', type: 'date' }) from: string;
  @Column({ name: 'until_date', type: 'date', nullable: true }) until: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
