import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, MicroBatcher, provinceName, queryPrepared } from '@portal/platform';
import {
  organizationsRelation,
  OrganizationFactsRow,
  userContact,
  userNameJoin,
  usersRelation,
} from '@portal/identity';
import { Attachment } from '../attachments/attachment.entity';
import { Application, ApplicationStatus } from './application.entity';
import { EligibilityFactsRow, eligibilityFactsColumns } from './eligibility-context.builder';
import { ApplicationPlace, officerApplicationsCondition } from './officer-visibility';

export interface ApplicationListFilter {
  organizationId?: string;
  callId?: string;
  status?: ApplicationStatus;
  /** The applying organization's province (GB/T 2260 two digits). */
  province?: string;
  /** An officer's list: only what officer-visibility lets them see. */
  officer?: AuthUser;
}

export interface ApplicationListRow {
  id: string;
  callId: string;
  callTitle: string;
  year: number;
  organizationId: string;
  organizationName: string;
  /** The applying organization's province (GB/T 2260 two digits) and its short name. */
  provinceCode: string | null;
  provinceName: { zh: string; en: string } | null;
  programCode: string;
  track: string | null;
  title: string;
  status: ApplicationStatus;
  number: string | null;
  version: number;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  awardId: string | null;
  level: Application['level'];
  recommendationRank: number | null;
}

export interface SubmitRow {
  app: Application;
  call: { id: string; year: number; opensAt: Date; closesAt: Date; requestSharePercent: number | null };
  organization: OrganizationFactsRow;
  contact: { email: string; name: string } | null;
  facts: EligibilityFactsRow;
  /** What the submit's write statement checks is unchanged (see SubmitWriter). */
  guard: { version: number; filesRev: number; submitSeq: string };
}

export interface HistoryRow {
  at: string;
  actor: { id: string; name: string } | null;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  comment: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A row of readForSubmitMany's statement, as Postgres returns it. */
interface SubmitDbRow {
  ord: string;
  id: string;
  call_id: string;
  organization_id: string;
  program_code: string;
  track: string | null;
  title: string;
  payload: Record<string, unknown> | null;
  status: ApplicationStatus;
  number: string | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  award_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  files_rev: number;
  year: number;
  opens_at: Date;
  closes_at: Date;
  request_share_percent: number | null;
  org_name: string;
  credit_code: string;
  business_types: string[] | null;
  submit_seq: string;
  user_email: string | null;
  user_name: string | null;
  flags: EligibilityFactsRow['flags'];
  kinds: EligibilityFactsRow['kinds'];
  history: EligibilityFactsRow['history'];
  awards: EligibilityFactsRow['awards'];
}

/** A row of list's statement, as Postgres returns it. */
interface ListDbRow {
  id: string;
  call_id: string;
  call_title: string;
  year: number;
  organization_id: string;
  organization_name: string;
  province_code: string | null;
  program_code: string;
  track: string | null;
  title: string;
  status: ApplicationStatus;
  number: string | null;
  version: number;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  award_id: string | null;
  level: Application['level'];
  recommendation_rank: number | null;
}

/** Named queries over applications; client input reaches them only as typed, validated values. */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly ds: DataSource) {}

  findById(id: string, m: EntityManager = this.ds.manager): Promise<Application | null> {
    return m.getRepository(Application).findOneBy({ id });
  }

  /**
   * For submit, in one round trip and without locks: the application, its call, its organization, the submitter,
   * the eligibility facts, and the guard values the write statement re-checks under its locks.
   */
  readForSubmit(id: string, userId: string): Promise<SubmitRow | null> {
    return this.submitReads.submit({ id, userId });
  }

  /** The reads of submits that arrive together go in one statement (at most 4 at once), like their writes. */
  private readonly submitReads = new MicroBatcher<{ id: string; userId: string }, SubmitRow | null>(
    (qs) => this.readForSubmitMany(qs),
    200,
    4,
  );

  /** readForSubmit for several submits in one statement: a row (or null) for each, in their order. */
  async readForSubmitMany(qs: { id: string; userId: string }[]): Promise<(SubmitRow | null)[]> {
    // One statement: the organization, its flags and the submitter come from identity's fragments.
    const rows = await queryPrepared<SubmitDbRow>(
      this.ds,
      `SELECT q.ord, a.id, a.call_id, a.organization_id, a.program_code, a.track, a.title, a.payload, a.status, a.number,
              a.first_submitted_at, a.submitted_at, a.award_id, a.created_by, a.created_at, a.updated_at, a.version, a.files_rev,
              c.year, c.opens_at, c.closes_at, c.request_share_percent,
              o.name AS org_name, o.credit_code, o.business_types, o.submit_seq, u.email AS user_email, u.name AS user_name,
              ${eligibilityFactsColumns('a.organization_id', 'a.id', 'a.program_code')}
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS q(id, user_id, ord)
         JOIN application a ON a.id = q.id
         JOIN call c ON c.id = a.call_id
         JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
         LEFT JOIN ${usersRelation('u')} ON u.id = q.user_id`,
      [qs.map((q) => q.id), qs.map((q) => q.userId)],
    );
    const out: (SubmitRow | null)[] = qs.map(() => null);
    for (const r of rows) out[Number(r.ord) - 1] = submitRow(r);
    return out;
  }

  /**
   * Whether the application's version or files changed since `guard` was read, after waiting for any transaction
   * that has it locked (an edit or an attachment in flight) to finish: FOR KEY SHARE waits for FOR UPDATE holders,
   * and the lock ends with this statement.
   */
  async changedSince(id: string, guard: { version: number; filesRev: number }): Promise<boolean> {
    const [r]: { version: number; files_rev: number }[] = await this.ds.query(
      `SELECT version, files_rev FROM application WHERE id = $1 FOR KEY SHARE`,
      [id],
    );
    return !r || r.version !== guard.version || r.files_rev !== guard.filesRev;
  }

  /** The row, locked for the rest of the transaction. */
  lockById(m: EntityManager, id: string): Promise<Application | null> {
    return m
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  async list(
    filter: ApplicationListFilter,
    pageNo: number,
    pageSize: number,
  ): Promise<{ items: ApplicationListRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.organizationId) add('a.organization_id = ?', filter.organizationId);
    if (filter.callId) add('a.call_id = ?', filter.callId);
    if (filter.status) add('a.status = ?', filter.status);
    if (filter.province) add('o.province_code = ?', filter.province);
    if (filter.officer)
      where.push(
        officerApplicationsCondition(
          filter.officer,
          { program: 'a.program_code', province: 'o.province_code', level: 'a.level' },
          params,
        ),
      );
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM application a JOIN ${organizationsRelation('o')} ON o.id = a.organization_id ${cond}`,
      params,
    );
    const rows: ListDbRow[] = await this.ds.query(
      `SELECT a.id, a.call_id, c.title AS call_title, c.year, a.organization_id, o.name AS organization_name,
              o.province_code, a.program_code,
              a.track, a.title, a.status, a.number, a.version, a.first_submitted_at, a.submitted_at, a.created_at, a.updated_at,
              a.award_id, a.level, a.recommendation_rank
         FROM application a JOIN call c ON c.id = a.call_id JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
         ${cond}
        ORDER BY a.updated_at DESC, a.id
        LIMIT ${pageSize} OFFSET ${(pageNo - 1) * pageSize}`,
      params,
    );
    const items = rows.map((r): ApplicationListRow => ({
      id: r.id,
      callId: r.call_id,
      callTitle: r.call_title,
      year: r.year,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      provinceCode: r.province_code,
      provinceName: provinceName(r.province_code),
      programCode: r.program_code,
      track: r.track,
      title: r.title,
      status: r.status,
      number: r.number,
      version: r.version,
      firstSubmittedAt: iso(r.first_submitted_at),
      submittedAt: iso(r.submitted_at),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      awardId: r.award_id,
      level: r.level,
      recommendationRank: r.recommendation_rank,
    }));
    return { items, total: n };
  }

  attachments(applicationId: string, m: EntityManager = this.ds.manager): Promise<Attachment[]> {
    return m
      .getRepository(Attachment)
      .createQueryBuilder('t')
      .where('t.applicationId = :applicationId AND t.deletedAt IS NULL', { applicationId })
      .orderBy('t.createdAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  async attachmentKinds(m: EntityManager, applicationId: string): Promise<string[]> {
    const rows: { kind: string }[] = await m.query(
      `SELECT DISTINCT kind FROM attachment WHERE application_id = $1 AND deleted_at IS NULL`,
      [applicationId],
    );
    return rows.map((r) => r.kind);
  }

  async history(applicationId: string): Promise<HistoryRow[]> {
    const rows: {
      at: Date;
      actor_id: string | null;
      actor_name: string | null;
      from_status: ApplicationStatus | null;
      to_status: ApplicationStatus;
      comment: string | null;
    }[] = await this.ds.query(
      `SELECT h.at, h.actor_id, u.name AS actor_name, h.from_status, h.to_status, h.comment
         FROM application_history h ${userNameJoin('u', 'h.actor_id', true)}
        WHERE h.application_id = $1 ORDER BY h.id`,
      [applicationId],
    );
    return rows.map((r) => ({
      at: iso(r.at)!,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name! } : null,
      from: r.from_status,
      to: r.to_status,
      comment: r.comment,
    }));
  }

  /** The officer's comment of the latest return or rejection, shown on the application. */
  async lastScreeningComment(applicationId: string): Promise<string | null> {
    const rows: { comment: string | null }[] = await this.ds.query(
      `SELECT comment FROM application_history
        WHERE application_id = $1 AND from_status = 'submitted' AND to_status IN ('returned', 'rejected')
        ORDER BY id DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0]?.comment ?? null;
  }

  /**
   * Where the application stands for officer-visibility: its program and the applying organization's province (the
   * organization's `province_code`, from its credit code or an admin's correction). Read fresh, never cached: a
   * corrected province moves the application to the other province's officers at once.
   */
  async place(
    app: Pick<Application, 'programCode' | 'organizationId' | 'level'>,
    m: EntityManager = this.ds.manager,
  ): Promise<ApplicationPlace> {
    const rows: { province_code: string | null }[] = await m.query(
      `SELECT o.province_code FROM ${organizationsRelation('o')} WHERE o.id = $1`,
      [app.organizationId],
    );
    return { programCode: app.programCode, provinceCode: rows[0]?.province_code ?? null, level: app.level };
  }

  /** The organization's name and province, for the application's view (identity's relation). */
  async organization(organizationId: string): Promise<{ name: string; provinceCode: string | null } | null> {
    const rows: { name: string; province_code: string | null }[] = await this.ds.query(
      `SELECT o.name, o.province_code FROM ${organizationsRelation('o')} WHERE o.id = $1`,
      [organizationId],
    );
    return rows[0] ? { name: rows[0].name, provinceCode: rows[0].province_code } : null;
  }

  /** A user's e-mail address and name (identity's reader). */
  async userContact(
    userId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{ email: string; name: string } | null> {
    const u = await userContact(m, userId);
    return u ? { email: u.email, name: u.name } : null;
  }
}

function submitRow(r: SubmitDbRow): SubmitRow {
  const app = Object.assign(new Application(), {
    id: r.id,
    callId: r.call_id,
    organizationId: r.organization_id,
    programCode: r.program_code,
    track: r.track,
    title: r.title,
    payload: r.payload,
    status: r.status,
    number: r.number,
    firstSubmittedAt: r.first_submitted_at,
    submittedAt: r.submitted_at,
    awardId: r.award_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  });
  return {
    app,
    call: {
      id: r.call_id,
      year: r.year,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      requestSharePercent: r.request_share_percent,
    },
    organization: {
      id: r.organization_id,
      name: r.org_name,
      creditCode: r.credit_code,
      businessTypes: r.business_types ?? [],
    },
    contact: r.user_email ? { email: r.user_email, name: r.user_name ?? '' } : null,
    facts: { flags: r.flags, kinds: r.kinds, history: r.history, awards: r.awards },
    guard: { version: r.version, filesRev: r.files_rev, submitSeq: r.submit_seq },
  };
}
