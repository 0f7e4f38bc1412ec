import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, DomainError, inTransaction, page, Page } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { ProgramRegistry } from '@portal/programs';
import { Call } from './call.entity';
import { callStatusCondition } from './call-status';
import { CallListQuery, CreateCallDto, UpdateCallDto } from './call.dto';
import { callView, CallView } from './call.view';

const COLUMNS: Record<string, string> = {
  year: 'year',
  title: 'title',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
  budgetFen: 'budget_fen',
  reviewersPerApplication: 'reviewers_per_application',
  blindReview: 'blind_review',
  regionRecusal: 'region_recusal',
  noticeWorkingDays: 'notice_working_days',
  aggregation: 'aggregation',
  spreadThreshold: 'spread_threshold',
  requestSharePercent: 'request_share_percent',
};

function windowInvalid(): DomainError {
  const message = { zh: '截止时间须晚于开始时间', en: 'closesAt must be later than opensAt' };
  return APPLICATION_ERRORS['CALL.WINDOW_INVALID']({ details: [{ path: 'closesAt', message }] });
}

@Injectable()
export class CallsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
  ) {}

  async create(actor: AuthUser, dto: CreateCallDto): Promise<CallView> {
    const def = this.programs.get(dto.programCode);
    if (!def) {
      const message = { zh: `未知的扶持项目：${dto.programCode}`, en: `unknown program: ${dto.programCode}` };
      throw APPLICATION_ERRORS['CALL.UNKNOWN_PROGRAM'](
        { code: dto.programCode },
        { details: [{ path: 'programCode', message }] },
      );
    }
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (closesAt.getTime() <= opensAt.getTime()) throw windowInvalid();
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(
        `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
                           notice_working_days, aggregation, spread_threshold, request_share_percent, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
        [
          def.code,
          dto.year,
          dto.title.trim(),
          opensAt,
          closesAt,
          dto.budgetFen,
          dto.reviewersPerApplication,
          dto.blindReview,
          dto.regionRecusal,
          dto.noticeWorkingDays,
          dto.aggregation,
          dto.spreadThreshold ?? 20,
          dto.requestSharePercent ?? null,
          actor.id,
          now,
        ],
      );
      const id: string = rows[0].id;
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'call.created',
        entityType: 'call',
        entityId: id,
        data: { ...dto },
      });
      return callView(await this.load(tx.manager, id), now);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateCallDto): Promise<CallView> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const current = await tx.manager
        .getRepository(Call)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne();
      if (!current) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      if (current.version !== dto.version) throw APPLICATION_ERRORS['CALL.STALE_VERSION']();
      const { version: _v, ...changes } = dto;
      const opensAt = changes.opensAt ? new Date(changes.opensAt) : current.opensAt;
      const closesAt = changes.closesAt ? new Date(changes.closesAt) : current.closesAt;
      if (closesAt.getTime() <= opensAt.getTime()) throw windowInvalid();
      if (changes.year !== undefined && changes.year !== current.year)
        await this.assertNothingSubmitted(tx.manager, id);
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined || !COLUMNS[field]) continue;
        params.push(
          field === 'opensAt'
            ? opensAt
            : field === 'closesAt'
              ? closesAt
              : field === 'title'
                ? String(value).trim()
                : value,
        );
        sets.push(`${COLUMNS[field]} = $${params.length}`);
      }
      params.push(now);
      await tx.manager.query(
        `UPDATE call SET ${[...sets, `updated_at = $${params.length}`, 'version = version + 1'].join(', ')} WHERE id = $1`,
        params,
      );
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'call.updated',
        entityType: 'call',
        entityId: id,
        data: { changes },
      });
      return callView(await this.load(tx.manager, id), now);
    });
  }

  async list(q: CallListQuery): Promise<Page<CallView>> {
    const now = this.clock.now();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status) {
      params.push(now);
      where.push(callStatusCondition(q.status, `$${params.length}`));
    }
    if (q.program) {
      params.push(q.program);
      where.push(`c.program_code = $${params.length}`);
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM call c ${cond}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT c.id FROM call c ${cond} ORDER BY c.closes_at DESC, c.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    const calls = ids.length
      ? await this.ds
          .getRepository(Call)
          .createQueryBuilder('c')
          .where('c.id IN (:...ids)', { ids: ids.map((r) => r.id) })
          .getMany()
      : [];
    const byId = new Map(calls.map((c) => [c.id, c]));
    return page(
      ids.map((r) => callView(byId.get(r.id)!, now)),
      n,
      q,
    );
  }

  async get(id: string): Promise<CallView> {
    const call = await this.load(this.ds.manager, id);
    const view = callView(call, this.clock.now());
    const def = this.programs.get(call.programCode);
    view.rubric = (def?.rubric ?? []).map((c) => ({ key: c.key, name: { ...c.name }, weight: c.weight, max: c.max }));
    return view;
  }

  async load(m: EntityManager, id: string): Promise<Call> {
    const call = await m.getRepository(Call).findOneBy({ id });
    if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    return call;
  }

  /** Marks the call's review round closed (review's close), in the caller's transaction; false if it already was. */
  async closeReview(m: EntityManager, callId: string, at: Date): Promise<boolean> {
    const [rows] = await m.query(
      `UPDATE call SET review_closed_at = $2, updated_at = $2, version = version + 1 WHERE id = $1 AND review_closed_at IS NULL RETURNING id`,
      [callId, at],
    );
    return rows.length > 0;
  }

  private async assertNothingSubmitted(m: EntityManager, callId: string) {
    const rows = await m.query(`SELECT 1 FROM application WHERE call_id = $1 AND number IS NOT NULL LIMIT 1`, [callId]);
    if (rows.length) throw APPLICATION_ERRORS['CALL.YEAR_LOCKED']();
  }
}
