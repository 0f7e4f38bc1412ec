import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, page, Page, shanghaiDay, Tx } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { evaluateEligibility, isEligible, ProgramDefinition, ProgramRegistry, RuleResult } from '@portal/programs';
import { attachmentView } from '../attachments/attachment.entity';
import { callStatus } from '../calls/call-status';
import { CallsService } from '../calls/calls.service';
import { ApplicationListQuery, CreateApplicationDto, UpdateApplicationDto } from '../dto/application.dto';
import { Application } from './application.entity';
import { applicationNotFound, assertEditable, assertOwner, isOfficer, isOwner } from './application-access';
import { ApplicationListRow, ApplicationRepository, HistoryRow } from './application.repository';
import { ApplicationStateMachine } from './application-state-machine';
import { applicationView, ApplicationView } from './application.view';
import { EligibilityContextBuilder } from './eligibility-context.builder';
import { ApplicationPersonalData } from './personal-data';
import { EXPERT_ACCESS, ExpertAccess } from './expert-access.port';
import { assertDraftPayload } from './payload-errors';
import { officerMaySeeApplication } from './officer-visibility';

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
    private readonly personal: ApplicationPersonalData,
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
    if (call.tracks && !(track && call.tracks.includes(track))) {
      const tracks = call.tracks.map((code) => {
        const name = def.tracks.find((t) => t.code === code)?.name;
        return { code, zh: name?.zh ?? code, en: name?.en ?? code };
      });
      const message = { zh: `可选：${call.tracks.join('、')}`, en: `one of: ${call.tracks.join(', ')}` };
      throw APPLICATION_ERRORS['APPLICATION.TRACK_NOT_IN_CALL']({ tracks }, { details: [{ path: 'track', message }] });
    }
    assertDraftPayload(def, track, dto.payload);
    const now = this.clock.now();
    if (callStatus(call, now) !== 'open') throw APPLICATION_ERRORS['APPLICATION.CALL_NOT_OPEN'](call);
    const id = await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(
        `INSERT INTO application (call_id, organization_id, program_code, track, title, payload, status, created_by, created_at, updated_at, level)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8, $9) RETURNING id`,
        [
          call.id,
          user.organizationId,
          def.code,
          track,
          dto.title.trim(),
          JSON.stringify(this.personal.seal(def, track, dto.payload)), // ID numbers and phones encrypted at rest
          user.id,
          now,
          // on a call with a provincial stage the province has it until it forwards it
          call.provincialStage === 'none' ? 'national' : 'provincial',
        ],
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

  /**
   * Applicants: their organization's. Officers: what officer-visibility lets them see (their agency's province ×
   * programs); a call of a program outside their scope is 404, like another organization's records for applicants.
   */
  async list(user: AuthUser, q: ApplicationListQuery): Promise<Page<ApplicationListRow>> {
    let organizationId: string | undefined;
    const officer = isOfficer(user) ? user : undefined;
    if (!officer) {
      if (!user.organizationId) return page([], 0, q);
      organizationId = user.organizationId;
    } else if (q.callId) {
      await this.calls.assertOfficerMaySee(user, q.callId);
    }
    const { items, total } = await this.repo.list(
      { organizationId, callId: q.callId, status: q.status, province: q.province, officer },
      q.page,
      q.pageSize,
    );
    return page(items, total, q);
  }

  /** Whether `user` is an officer whose scope covers the application (officer-visibility's one answer). */
  async officerMaySee(user: AuthUser, app: Application, m?: EntityManager): Promise<boolean> {
    return isOfficer(user) && officerMaySeeApplication(user, await this.repo.place(app, m));
  }

  /** The application, if the caller owns it or is an officer who may see it; anyone else 404. */
  async readable(user: AuthUser, app: Application | null): Promise<Application> {
    if (app && (isOwner(user, app) || (await this.officerMaySee(user, app)))) return app;
    throw applicationNotFound();
  }

  async get(user: AuthUser, id: string): Promise<ApplicationView> {
    const app = await this.repo.findById(id);
    if (!app) throw applicationNotFound();
    if (isOwner(user, app) || (await this.officerMaySee(user, app))) return this.view(app);
    if (user.roles.includes('expert') && this.experts) {
      // the review feature's one answer (a live assignment only); without that feature no expert reads anything
      const assignment = await this.experts.assignment(user.id, id);
      if (assignment) return this.experts.expertView(await this.view(app), assignment.blind);
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
        params.push(JSON.stringify(this.personal.seal(this.program(app.programCode), app.track, dto.payload)));
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
    const app = await this.readable(user, await this.repo.findById(id));
    const call = await this.calls.load(this.ds.manager, app.callId);
    const def = this.program(app.programCode);
    const ctx = await this.contexts.build(this.ds.manager, app, call, this.ruleDay(app));
    const checks = evaluateEligibility(def, ctx);
    return { eligible: isEligible(checks), checks };
  }

  async history(user: AuthUser, id: string): Promise<HistoryRow[]> {
    await this.readable(user, await this.repo.findById(id));
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

  /** The payload's personal data opened (the owner, officers and the submit checks read it) or masked. */
  personalData(app: Pick<Application, 'programCode' | 'track' | 'payload'>, mode: 'open' | 'masked') {
    const def = this.program(app.programCode);
    return mode === 'open'
      ? this.personal.open(def, app.track, app.payload)
      : this.personal.mask(def, app.track, app.payload);
  }

  /** `open` for the owner and the officers; `masked` for anyone else (an assigned expert). */
  async view(app: Application, personalData: 'open' | 'masked' = 'open'): Promise<ApplicationView> {
    const [organization, attachments, screeningComment] = await Promise.all([
      this.repo.organization(app.organizationId),
      this.repo.attachments(app.id),
      this.repo.lastScreeningComment(app.id),
    ]);
    return applicationView({ ...app, payload: this.personalData(app, personalData) } as Application, {
      organizationName: organization?.name ?? null,
      provinceCode: organization?.provinceCode ?? null,
      attachments: attachments.map(attachmentView),
      screeningComment,
    });
  }
}
