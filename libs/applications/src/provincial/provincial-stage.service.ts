import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { organizationsRelation } from '@portal/identity';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  officerScope,
  scopeCondition,
  Tx,
} from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { Application, ApplicationStatus } from '../applications/application.entity';
import { applicationNotFound } from '../applications/application-access';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationStateMachine } from '../applications/application-state-machine';
import { ApplicationLifecycleService } from '../applications/application-lifecycle.service';
import { ApplicationsService } from '../applications/applications.service';
import { ApplicationView } from '../applications/application.view';
import { Call } from '../calls/call.entity';
import { overQuota, quotaFor } from '../calls/provincial-stage';
import { ProvincialCheckDto, RecommendationDto } from './provincial.dto';

export interface ProvinceCounts {
  provinceCode: string;
  received: number;
  passed: number;
  forwarded: number;
  notRecommended: number;
  quota: number | null;
}

export interface RecommendationResult {
  provinceCode: string;
  quota: number | null;
  count: number;
  forwarded: string[];
  notRecommended: string[];
}

/**
 * The provincial stage of a call (issue 12 item 4): the provincial office's formal check (初审) with its opinion, its
 * recommendations within the quota in a recorded order (推荐排序), and the per-province counts the national office
 * sees. Every status change goes through the ApplicationStateMachine (history and audit chain); the provinces act
 * only until the call's provincialClosesAt.
 */
@Injectable()
export class ProvincialStageService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly repo: ApplicationRepository,
    private readonly machine: ApplicationStateMachine,
    private readonly applications: ApplicationsService,
    private readonly lifecycle: ApplicationLifecycleService,
  ) {}

  /**
   * The province's check of one application it holds: pass → forwarded (a `check` call) or provincial_passed (a
   * `recommend` call, waiting for the recommendation), with the opinion recorded; return → returned; reject → rejected
   * (both mailed with the opinion as the reason).
   */
  async check(user: AuthUser, id: string, dto: ProvincialCheckDto): Promise<ApplicationView> {
    const text = dto.opinion.trim();
    if (!text) throw textRequired('opinion');
    await inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, id);
      if (!app || !(await this.applications.officerMaySee(user, app))) throw applicationNotFound();
      if (app.level !== 'provincial') throw APPLICATION_ERRORS['PROVINCIAL.NOT_AT_PROVINCE']();
      if (!officerScope(user).provinceCode) throw APPLICATION_ERRORS['PROVINCIAL.PROVINCIAL_OFFICER_ONLY']();
      if (user.organizationId && user.organizationId === app.organizationId)
        throw APPLICATION_ERRORS['APPLICATION.OWN_ORGANIZATION']();
      const call = await this.lockCall(tx, app.callId);
      this.assertProvincialOpen(call);
      const to: ApplicationStatus =
        dto.decision === 'pass'
          ? call.provincialStage === 'check'
            ? 'forwarded'
            : 'provincial_passed'
          : dto.decision === 'return'
            ? 'returned'
            : 'rejected';
      const actor = { kind: 'officer' as const, userId: user.id };
      await this.machine.transition(tx, app, to, actor, {
        comment: text,
        data: { level: 'provincial', decision: dto.decision },
      });
      if (dto.decision === 'pass')
        await tx.manager.query(`UPDATE application SET provincial_opinion = $2 WHERE id = $1`, [id, text]);
      else await this.lifecycle.mailOutcome(tx, app, to, text);
    });
    return this.applications.view((await this.repo.findById(id))!);
  }

  /**
   * The province forwards `items` in their order (after what it forwarded before) with a note each; every other
   * application of the province still waiting (provincial_passed) ends not_recommended with `reason`, mailed. 409 over
   * the quota (naming quota and count) or after provincialClosesAt; one statement order under the call's row lock, so
   * two officers of a province cannot pass the quota together.
   */
  async recommend(user: AuthUser, callId: string, dto: RecommendationDto): Promise<RecommendationResult> {
    const scope = officerScope(user);
    const ids = dto.items.map((i) => i.applicationId);
    if (new Set(ids).size !== ids.length)
      throw APPLICATION_ERRORS['PROVINCIAL.RECOMMENDATION_INVALID'](
        { zh: '推荐名单中有重复的申报', en: 'an application is listed twice' },
        { details: [{ path: 'items', message: 'duplicate applicationId' }] },
      );
    return inTransaction(this.ds, async (tx) => {
      const call = await this.lockCall(tx, callId);
      if (scope.programs && !scope.programs.includes(call.programCode)) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      const province = scope.provinceCode;
      if (!province) throw APPLICATION_ERRORS['PROVINCIAL.PROVINCIAL_OFFICER_ONLY']();
      if (call.provincialStage !== 'recommend') throw APPLICATION_ERRORS['PROVINCIAL.NOT_RECOMMEND_STAGE']();
      this.assertProvincialOpen(call);
      const rows: { id: string }[] = await tx.manager.query(
        `SELECT a.id FROM application a JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
          WHERE a.call_id = $1 AND o.province_code = $2 ORDER BY a.id FOR UPDATE OF a`,
        [call.id, province],
      );
      const apps = rows.length
        ? await tx.manager.getRepository(Application).findBy({ id: In(rows.map((r) => r.id)) })
        : [];
      const byId = new Map(apps.map((a) => [a.id, a]));
      for (const id of ids) if (!byId.has(id)) throw applicationNotFound(); // another province's, or no such one
      const already = apps.filter((a) => a.forwardedAt).length;
      const quota = quotaFor(call.provincialQuota, province);
      const count = already + ids.length;
      if (overQuota(quota, already, ids.length))
        throw APPLICATION_ERRORS['PROVINCIAL.QUOTA_EXCEEDED']({ quota: quota!, count });
      const rest = apps.filter((a) => a.status === 'provincial_passed' && !ids.includes(a.id));
      const reason = dto.reason?.trim();
      if (rest.length && !reason) throw textRequired('reason');
      const actor = { kind: 'officer' as const, userId: user.id };
      for (const [i, item] of dto.items.entries()) {
        const app = byId.get(item.applicationId)!;
        const rank = already + i + 1;
        const note = item.note.trim();
        await this.machine.transition(tx, app, 'forwarded', actor, {
          comment: note,
          data: { level: 'provincial', provinceCode: province, rank },
        });
        await tx.manager.query(
          `UPDATE application SET recommendation_rank = $2, recommendation_note = $3 WHERE id = $1`,
          [app.id, rank, note],
        );
      }
      for (const app of rest) {
        await this.machine.transition(tx, app, 'not_recommended', actor, {
          comment: reason!,
          data: { level: 'provincial', provinceCode: province },
        });
        await this.lifecycle.mailOutcome(tx, app, 'not_recommended', reason!);
      }
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'call.provincial-recommendation',
        entityType: 'call',
        entityId: call.id,
        data: { provinceCode: province, quota, order: ids, notRecommended: rest.map((a) => a.id) },
      });
      return { provinceCode: province, quota, count, forwarded: ids, notRecommended: rest.map((a) => a.id) };
    });
  }

  /**
   * Per province, for the officer's provinces (all of them for a national officer): applications received, passed
   * the provincial check, forwarded and not recommended, with the province's quota.
   */
  async provinces(user: AuthUser, callId: string): Promise<ProvinceCounts[]> {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    const scope = officerScope(user);
    if (!call || (scope.programs && !scope.programs.includes(call.programCode)))
      throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    const params: unknown[] = [callId];
    const cond = scopeCondition(scope, 'o.province_code', 'a.program_code', params);
    const rows: { province_code: string; received: number; passed: number; forwarded: number; nr: number }[] =
      await this.ds.query(
        `SELECT o.province_code,
                count(*) FILTER (WHERE a.first_submitted_at IS NOT NULL)::int AS received,
                count(*) FILTER (WHERE a.forwarded_at IS NOT NULL OR a.status IN ('provincial_passed', 'not_recommended'))::int AS passed,
                count(*) FILTER (WHERE a.forwarded_at IS NOT NULL)::int AS forwarded,
                count(*) FILTER (WHERE a.status = 'not_recommended')::int AS nr
           FROM application a JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
          WHERE a.call_id = $1 AND a.first_submitted_at IS NOT NULL AND ${cond}
          GROUP BY o.province_code ORDER BY o.province_code`,
        params,
      );
    return rows.map((r) => ({
      provinceCode: r.province_code,
      received: r.received,
      passed: r.passed,
      forwarded: r.forwarded,
      notRecommended: r.nr,
      quota: call.provincialStage === 'recommend' ? quotaFor(call.provincialQuota, r.province_code) : null,
    }));
  }

  private async lockCall(tx: Tx, callId: string): Promise<Call> {
    const call = await tx.manager
      .getRepository(Call)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id: callId })
      .getOne();
    if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    return call;
  }

  /** The provinces act until provincialClosesAt (portal clock, to the millisecond). */
  private assertProvincialOpen(call: Call): void {
    if (call.provincialClosesAt && this.clock.now().getTime() >= call.provincialClosesAt.getTime())
      throw APPLICATION_ERRORS['PROVINCIAL.CLOSED']({ provincialClosesAt: call.provincialClosesAt });
  }
}

function textRequired(path: string) {
  const e = APPLICATION_ERRORS['PROVINCIAL.TEXT_REQUIRED'];
  return e({ details: [{ path, message: e().text }] });
}
