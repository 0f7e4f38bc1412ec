import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, page, Page, shanghaiDay, Tx } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { evaluateEligibility, isEligible, ProgramDefinition, ProgramRegistry, RuleResult } from '@portal/programs';
import { attachmentView } from '../attachments/attachment.entity';
import { callStatus } from '../calls/call-status';
import { CallsService } from '../calls/calls.service';
import { ApplicationListQuery, CreateApplicationDto, UpdateApplicationDto } from '../dto/application.dto';
import { Application } from './application.entity';
import {
  applicationNotFound,
  assertEditable,
  assertOwner,
  assertOwnerOrOfficer,
  isOfficer,
  isOwner,
} from './application-access';
import { ApplicationListRow, ApplicationRepository, HistoryRow } from './application.repository';
import { ApplicationStateMachine } from './application-state-machine';
import { applicationView, ApplicationView } from './application.view';
import { EligibilityContextBuilder } from './eligibility-context.builder';
import { EXPERT_ACCESS, ExpertAccess } from './expert-access.port';
import { assertDraftPayload } from './payload-errors';

export interface EligibilityReport {
  eligible: boolean;
  checks: RuleResult[];
}

/** Drafts, reading, editing, the eligibility report and the history. The lifecycle moves are in ApplicationLifecycleService. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly calls: CallsService,
    private readonly repo: ApplicationRepository,
    private readonly machine: ApplicationStateMachine,
    private readonly contexts: EligibilityContextBuilder,
    @Optional() @Inject(EXPERT_ACCESS) private readonly experts: ExpertAccess | null,
  ) {}

  program(code: string): ProgramDefinition {
    const def = this.programs.get(code);
    if (!def) throw APPLICATION_ERRORS['PROGRAM.NOT_REGISTERED']({ code });
    return def;
  }

  async create(user: AuthUser, callId: string, dto: CreateApplicationDto): Promise<ApplicationView> {
    if (!user.organizationId) throw APPLICATION_ERRORS['APPLICATION.NO_ORGANIZATION']();
    const call = await this.calls.load(this.ds.manager, callId);
    const def = this.program(call.programCode);
    const track = dto.track ?? null;
    assertDraftPayload(def, track, dto.payload);
    const now = this.clock.now();
    if (callStatus(call, now) !== 'open') throw APPLICATION_ERRORS['APPLICATION.CALL_NOT_OPEN'](call);
    const id = await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(
        `INSERT INTO application (call_id, organization_id, program_code, track, title, payload, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8) RETURNING id`,
        [call.id, user.organizationId, def.code, track, dto.title.trim(), JSON.stringify(dto.payload), user.id, now],
      );
      await this.machine.created(
        tx,
        rows[0].id,
        { kind: 'owner', userId: user.id },
        { callId: call.id, track, title: dto.title.trim() },
      );
      return rows[0].id as string;
    });
    return this.view((await this.repo.findById(id))!);
  }

  async list(user: AuthUser, q: ApplicationListQuery): Promise<Page<ApplicationListRow>> {
    let organizationId: string | undefined;
    if (!isOfficer(user)) {
      if (!user.organizationId) return page([], 0, q);
      organizationId = user.organizationId;
    }
    const { items, total } = await this.repo.list(
      { organizationId, callId: q.callId, status: q.status },
      q.page,
      q.pageSize,
    );
    return page(items, total, q);
  }

  async get(user: AuthUser, id: string): Promise<ApplicationView> {
    const app = await this.repo.findById(id);
    if (!app) throw applicationNotFound();
    if (isOwner(user, app) || isOfficer(user)) return this.view(app);
    if (user.roles.includes('expert')) {
      const assignment = (await this.experts?.assignment(user.id, id)) ?? null; // null without the review feature
      if (assignment) {
        const view = await this.view(app);
        return assignment.blind ? this.experts!.anonymiseView(view) : view; // the review module's anonymiser (names, codes, people, file names)
      }
    }
    throw applicationNotFound();
  }

  async update(user: AuthUser, id: string, dto: UpdateApplicationDto): Promise<ApplicationView> {
    const found = await this.repo.findById(id);
    assertOwner(user, found);
    if (dto.payload !== undefined) assertDraftPayload(this.program(found.programCode), found.track, dto.payload);
    const now = this.clock.now();
    await inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, id);
      assertOwner(user, app);
      if (app.version !== dto.version) throw APPLICATION_ERRORS['APPLICATION.STALE_VERSION']();
      assertEditable(app);
      const sets = ['updated_at = $2', 'version = version + 1'];
      const params: unknown[] = [id, now];
      if (dto.title !== undefined) {
        params.push(dto.title.trim());
        sets.push(`title = $${params.length}`);
      }
      if (dto.payload !== undefined) {
        params.push(JSON.stringify(dto.payload));
        sets.push(`payload = $${params.length}`);
      }
      await tx.manager.query(`UPDATE application SET ${sets.join(', ')} WHERE id = $1`, params);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'application.saved',
        entityType: 'application',
        entityId: id,
        data: { version: app.version + 1, fields: Object.keys(dto).filter((k) => k !== 'version') },
      });
    });
    return this.view((await this.repo.findById(id))!);
  }

  /** Every rule of the program and track, judged now (or on the day of submission once submitted). */
  async eligibility(user: AuthUser, id: string): Promise<EligibilityReport> {
    const app = await this.repo.findById(id);
    assertOwnerOrOfficer(user, app);
    const call = await this.calls.load(this.ds.manager, app.callId);
    const def = this.program(app.programCode);
    const ctx = await this.contexts.build(this.ds.manager, app, call, this.ruleDay(app));
    const checks = evaluateEligibility(def, ctx);
    return { eligible: isEligible(checks), checks };
  }

  async history(user: AuthUser, id: string): Promise<HistoryRow[]> {
    const app = await this.repo.findById(id);
    assertOwnerOrOfficer(user, app);
    return this.repo.history(id);
  }

  /** Records the award made for the application (awards' finalize), in the caller's transaction. */
  async linkAward(tx: Tx, applicationId: string, awardId: string): Promise<void> {
    await tx.manager.query(`UPDATE application SET award_id = $2 WHERE id = $1`, [applicationId, awardId]);
  }

  /** "Today" for the rules: the day of submission once submitted, else today (Asia/Shanghai). */
  ruleDay(app: Application): string {
    const live = app.status === 'draft' || app.status === 'returned' || !app.submittedAt;
    return shanghaiDay(live ? this.clock.now() : app.submittedAt!);
  }

  async view(app: Application): Promise<ApplicationView> {
    const [organizationName, attachments, screeningComment] = await Promise.all([
      this.repo.organizationName(app.organizationId),
      this.repo.attachments(app.id),
      this.repo.lastScreeningComment(app.id),
    ]);
    return applicationView(app, { organizationName, attachments: attachments.map(attachmentView), screeningComment });
  }
}
