import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, ClockService, DomainError, inTransaction, MailService, PortalConfig, shanghaiDay, Tx } from '@portal/platform';
import { evaluateEligibility } from '@portal/programs';
import { ScreeningDecision } from '../dto/application.dto';
import { receiptMail, rejectedMail, returnedMail } from '../mail/application-mails';
import { Application, ApplicationStatus } from './application.entity';
import { applicationNotFound, assertOwner } from './application-access';
import { ApplicationRepository } from './application.repository';
import { ApplicationStateMachine } from './application-state-machine';
import { ApplicationsService } from './applications.service';
import { ApplicationView } from './application.view';
import { EligibilityContextBuilder } from './eligibility-context.builder';
import { incomplete, submitProblems } from './payload-errors';

export interface SubmitResult {
  id: string;
  status: 'submitted';
  number: string;
  version: number;
  submittedAt: string;
}

const SCREENING_TARGET: Record<ScreeningDecision, ApplicationStatus> = { accept: 'under_review', return: 'returned', reject: 'rejected' };

/** `<prefix>-<year>-<6 digits>`, e.g. RD-2026-000001. */
export function formatNumber(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/** Submit, withdraw and the officers' formal check: the moves that change an application's status. */
@Injectable()
export class ApplicationLifecycleService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
    private readonly repo: ApplicationRepository,
    private readonly machine: ApplicationStateMachine,
    private readonly contexts: EligibilityContextBuilder,
    private readonly applications: ApplicationsService,
  ) {}

  /**
   * Refuses (422) while a required field is missing or a rule fails; after closesAt (to the millisecond, portal clock)
   * a draft gets 409, while a returned application may still be resubmitted and keeps its number. The number comes
   * from `submission_counter` in this transaction, so numbers are gapless per prefix and year.
   */
  async submit(user: AuthUser, id: string): Promise<SubmitResult> {
    const actor = { kind: 'owner' as const, userId: user.id };
    return inTransaction(this.ds, async (tx) => {
      const row = await this.repo.lockForSubmit(tx.manager, id, user.id);
      const app = row?.app ?? null;
      assertOwner(user, app);
      const { call, organization, contact } = row!;
      this.machine.assertAllowed(app.status, 'submitted', actor);
      const now = this.clock.now();
      if (app.status === 'draft') {
        if (now.getTime() >= call.closesAt.getTime())
          throw new DomainError('conflict', 'APPLICATION.WINDOW_CLOSED', {
            zh: `申报已于 ${call.closesAt.toISOString()} 截止`,
            en: `The call closed at ${call.closesAt.toISOString()}`,
          });
        if (now.getTime() < call.opensAt.getTime())
          throw new DomainError('conflict', 'APPLICATION.CALL_NOT_OPEN', { zh: '该申报批次尚未开始', en: 'The call is not open yet' });
      }
      const def = this.applications.program(app.programCode);
      const ctx = await this.contexts.build(tx.manager, app, call, shanghaiDay(now), organization);
      const problems = submitProblems(def, app.track, app.payload, evaluateEligibility(def, ctx));
      if (problems.length) throw incomplete(problems);

      // the numbering row stays locked until COMMIT: from here on, as few round trips as possible
      const resubmitted = app.status === 'returned';
      let number = app.number;
      if (!number) {
        const rows = await tx.manager.query(
          `INSERT INTO submission_counter (prefix, year, last) VALUES ($1, $2, 1)
           ON CONFLICT (prefix, year) DO UPDATE SET last = submission_counter.last + 1 RETURNING last`,
          [def.prefix, call.year],
        );
        number = formatNumber(def.prefix, call.year, rows[0].last);
      }
      if (contact) await this.mail.queueMail(tx, receiptMail({ ...this.mailFacts(app, contact, def.name, number), at: now, resubmitted }));
      const version = await this.machine.transition(tx, app, 'submitted', actor, {
        set: { number, submitted_at: now, first_submitted_at: app.firstSubmittedAt ?? now },
        data: { number },
      });
      return { id, status: 'submitted' as const, number, version, submittedAt: now.toISOString() };
    });
  }

  /** Before review: from draft, submitted or returned. */
  async withdraw(user: AuthUser, id: string): Promise<ApplicationView> {
    await inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, id);
      assertOwner(user, app);
      await this.machine.transition(tx, app, 'withdrawn', { kind: 'owner', userId: user.id });
    });
    return this.applications.view((await this.repo.findById(id))!);
  }

  /** The formal check (形式审查): accept → under_review, return → returned (with what to correct), reject → rejected. */
  async screen(user: AuthUser, id: string, decision: ScreeningDecision, comment?: string): Promise<ApplicationView> {
    const text = comment?.trim() || null;
    if (decision !== 'accept' && !text) {
      const message = { zh: '退回或不予受理时须填写审查意见', en: 'a comment is required to return or reject an application' };
      throw new DomainError('invalid', 'APPLICATION.COMMENT_REQUIRED', message, [{ path: 'comment', message }]);
    }
    await inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, id);
      if (!app) throw applicationNotFound();
      if (user.organizationId && user.organizationId === app.organizationId)
        throw new DomainError('forbidden', 'APPLICATION.OWN_ORGANIZATION', { zh: '不能审查本单位的申报', en: "You may not screen your own organization's application" });
      const to = SCREENING_TARGET[decision];
      await this.machine.transition(tx, app, to, { kind: 'officer', userId: user.id }, { comment: text });
      if (to !== 'under_review') await this.mailApplicant(tx, app, to, text!);
    });
    return this.applications.view((await this.repo.findById(id))!);
  }

  private async mailApplicant(tx: Tx, app: Application, to: ApplicationStatus, comment: string) {
    const contact = await this.repo.userContact(app.createdBy, tx.manager);
    if (!contact) return;
    const facts = { ...this.mailFacts(app, contact, this.applications.program(app.programCode).name, app.number), comment };
    await this.mail.queueMail(tx, to === 'returned' ? returnedMail(facts) : rejectedMail(facts));
  }

  private mailFacts(app: Application, contact: { email: string; name: string }, programName: { zh: string; en: string }, number: string | null) {
    return {
      to: contact.email,
      recipientName: contact.name,
      title: app.title,
      number,
      programName,
      link: `${this.config.PUBLIC_URL}/applications/${app.id}`,
    };
  }
}
