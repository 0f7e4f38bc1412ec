import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An expert's profile: what the draw matches on (fields, employer, region) and whether they may be drawn. */
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

/** An organization (by credit code) the expert must never review. */
@Entity('expert_conflict')
export class ExpertConflict {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'expert_id' }) expertId: string;
  @Column({ name: 'credit_code' }) creditCode: string;
  @Column({ default: '' }) note: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
