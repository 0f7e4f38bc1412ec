import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProvincialQuota, ProvincialStage } from '@portal/programs';

/** bigint / numeric columns come back from pg as strings; the API speaks numbers. */
export const numberColumn = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};

export type Aggregation = 'mean' | 'trimmed' | 'zscore';

/** A call for applications (申报批次) of one program and year. */
@Entity('call')
export class Call {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'program_code' }) programCode: string;
  @Column('int') year: number;
  @Column() title: string;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt: Date;
  @Column({ name: 'budget_fen', type: 'bigint', transformer: numberColumn }) budgetFen: number;
  @Column({ name: 'reviewers_per_application', type: 'int' }) reviewersPerApplication: number;
  @Column({ name: 'blind_review' }) blindReview: boolean;
  @Column({ name: 'region_recusal' }) regionRecusal: boolean;
  @Column({ name: 'notice_working_days', type: 'int' }) noticeWorkingDays: number;
  @Column() aggregation: Aggregation;
  @Column({ name: 'spread_threshold', type: 'numeric', transformer: numberColumn }) spreadThreshold: number;
  @Column({ name: 'request_share_percent', type: 'int', nullable: true }) requestSharePercent: number | null;
  /** A second finance user approves retries and a bank return's failed lines (batches need two people anyway). */
  @Column({ name: 'payment_dual_control' }) paymentDualControl: boolean;
  /** Issue 13: 签约 before money, the program's report schedule, and the yearly 年审 of certificates. */
  @Column({ name: 'agreement_required' }) agreementRequired: boolean;
  @Column({ name: 'reports_required' }) reportsRequired: boolean;
  @Column({ name: 'annual_review' }) annualReview: boolean;
  /** The provincial stage (issue 12): none, check (初审) or recommend (推荐, within the quota). */
  @Column({ name: 'provincial_stage', type: 'text' }) provincialStage: ProvincialStage;
  @Column({ name: 'provincial_quota', type: 'jsonb', nullable: true }) provincialQuota: ProvincialQuota | null;
  /** The provinces' deadline (after closesAt): no provincial decision or forwarding from then on. */
  @Column({ name: 'provincial_closes_at', type: 'timestamptz', nullable: true }) provincialClosesAt: Date | null;
  @Column({ name: 'review_closed_at', type: 'timestamptz', nullable: true }) reviewClosedAt: Date | null;
  /** The first review draw: from then on the review settings are frozen (CallsService.update). */
  @Column({ name: 'review_drawn_at', type: 'timestamptz', nullable: true }) reviewDrawnAt: Date | null;
  /** The first award decision: from then on the budget and the notice length are frozen too. */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true }) finalizedAt: Date | null;
  /** Issue 15: the recurring series that made this call, and its period (`2027-Q1`, `2027`); null for a one-off. */
  /** Issue 15: a leading group's deliberation vote follows the expert review; only the elected can be awarded. */
  @Column() deliberation: boolean;
  /** Issue 15: the tracks the call takes applications on; null = every track of the program. */
  @Column({ type: 'text', array: true, nullable: true }) tracks: string[] | null;
  @Column('uuid', { name: 'series_id', nullable: true }) seriesId: string | null;
  @Column({ name: 'series_period', type: 'text', nullable: true }) seriesPeriod: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('int') version: number;
}
