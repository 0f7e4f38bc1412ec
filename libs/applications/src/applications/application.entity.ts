import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'under_review',
  'reviewed',
  'proposed',
  'awarded',
  'not_awarded',
  'rejected',
  'withdrawn',
  'revoked',
  // calls with a provincial stage only (issue 12): passed the province's check, waiting for its recommendation order;
  // forwarded to the national office; left out of the province's recommendations
  'provincial_passed',
  'forwarded',
  'not_recommended',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The applicant may change the application only in these statuses. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'returned'];

@Entity('application')
export class Application {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'call_id' }) callId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column({ name: 'program_code' }) programCode: string;
  @Column({ type: 'text', nullable: true }) track: string | null;
  @Column() title: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ type: 'text', nullable: true }) number: string | null;
  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true }) firstSubmittedAt: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  /** The award this application led to; set by the awards feature when finalized. */
  @Column('uuid', { name: 'award_id', nullable: true }) awardId: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('int') version: number;
  /** Which level has it: `provincial` on a call with a provincial stage until the province forwards it. */
  @Column({ type: 'text' }) level: ApplicationLevel;
  /** The province's 初审 opinion. */
  @Column({ name: 'provincial_opinion', type: 'text', nullable: true }) provincialOpinion: string | null;
  @Column({ name: 'forwarded_at', type: 'timestamptz', nullable: true }) forwardedAt: Date | null;
  /** Its place in the province's recommendation order (推荐排序), 1 first. */
  @Column({ name: 'recommendation_rank', type: 'int', nullable: true }) recommendationRank: number | null;
  @Column({ name: 'recommendation_note', type: 'text', nullable: true }) recommendationNote: string | null;
}

export type ApplicationLevel = 'provincial' | 'national';

@Entity('application_history')
export class ApplicationHistory {
  @PrimaryGeneratedColumn() id: number;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ name: 'from_status', type: 'text', nullable: true }) from: ApplicationStatus | null;
  @Column({ name: 'to_status', type: 'text' }) to: ApplicationStatus;
  @Column({ type: 'text', nullable: true }) comment: string | null;
}
