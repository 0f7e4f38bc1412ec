import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import {
  AuthUser,
  ClockService,
  inTransaction,
  MailService,
  officerScope,
  PortalConfig,
  shanghaiDay,
  Tx,
} from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { evaluateEligibility, officeProvince } from '@portal/programs';
import { assertManagesCalls } from '../calls/call-visibility';
import { ScreeningDecision } from '../dto/application.dto';
import { notRecommendedMail, receiptMail, rejectedMail, returnedMail } from '../mail/application-mails';
import { Application, ApplicationStatus } from './application.entity';
import { applicationNotFound, assertOwner } from './application-access';
import { ApplicationRepository } from './application.repository';
import { ApplicationStateMachine } from './application-state-machine';
import { numberToken, SubmitWriter } from './submit-writer';
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

/** Reads and writes a submit tries before answering 409 (each retry means a concurrent change committed). */
const SUBMIT_ATTEMPTS = 5;

const SCREENING_TARGET: Record<ScreeningDecision, ApplicationStatus> = {
  accept: 'under_review',
  return: 'returned',
  reject: 'rejected',
};

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
    private readonly writer: SubmitWriter,
    private readonly contexts: EligibilityContextBuilder,
    private readonly applications: ApplicationsService,
  ) {}

  /**
   * Refuses (422) while a required field is missing or a rule fails; after closesAt (to the millisecond, portal clock)
   * a draft gets 409, while a returned application may still be resubmitted and keeps its number.
   *
   * Two round trips: one read of everything the checks need, then one autocommit statement that writes only if what
   * was read still holds and takes the number from `submission_counter` (see SubmitWriter.submit: the
   * submits that arrive together share that statement), so numbers are gapless per prefix and year and the counter
   * row is locked only while Postgres runs that statement.
   * When something changed in between (an edit, an attachment, another submit of the same organization), the submit
   * starts again from the read.
   */
  async submit(user: AuthUser, id: string): Promise<SubmitResult> {
    const actor = { kind: 'owner' as const, userId: user.id };
    for (let attempt = 1; ; attempt++) {
      const row = await this.repo.readForSubmit(id, user.id);
      const app = row?.app ?? null;
      assertOwner(user, app);
      const { call, organization, contact, facts, guard } = row!;
      this.machine.assertAllowed(app.status, 'submitted', actor);
      const now = this.clock.now();
      if (app.status === 'draft') {
        if (now.getTime() >= call.closesAt.getTime()) throw APPLICATION_ERRORS['APPLICATION.WINDOW_CLOSED'](call);
        if (now.getTime() < call.opensAt.getTime()) throw APPLICATION_ERRORS['APPLICATION.CALL_NOT_OPEN'](call);
      }
      const def = this.applications.program(app.programCode);
      const ctx = this.contexts.assemble(app, call, shanghaiDay(now), organization, facts);
      const payload = this.applications.personalData(app, 'open'); // the checks see the ID numbers, not ciphertext
      const problems = submitProblems(def, app.track, payload, evaluateEligibility(def, ctx));
      if (problems.length) {
        // the read took no lock: an edit or upload still in flight when it ran (e.g. the page's last autosave) may
        // fix what failed — wait for it, and judge the fresh application instead of the stale one
        if (attempt < SUBMIT_ATTEMPTS && (await this.repo.changedSince(id, guard))) continue;
        throw incomplete(problems);
      }

      const token = numberToken();
      const receipt = contact
        ? {
            id: randomUUID(),
            mail: receiptMail({
              ...this.mailFacts(app, contact, def.name, token),
              at: now,
              resubmitted: app.status === 'returned',
            }),
          }
        : null;
      const written = await this.writer.submit({
        app,
        guard,
        actor,
        at: now,
        prefix: def.prefix,
        year: call.year,
        token,
        mail: receipt,
      });
      if (written) {
        if (receipt) await this.mail.dispatch(receipt.id).catch(() => undefined); // the relay sends it otherwise
        return {
          id,
          status: 'submitted' as const,
          number: written.number,
          version: written.version,
          submittedAt: now.toISOString(),
        };
      }
      if (attempt >= SUBMIT_ATTEMPTS) throw APPLICATION_ERRORS['APPLICATION.BUSY']();
    }
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
      const e = APPLICATION_ERRORS['APPLICATION.COMMENT_REQUIRED'];
      throw e({ details: [{ path: 'comment', message: e().text }] });
    }
    await inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, id);
      // outside the officer's scope (another province, a program their agency does not handle): 404, as if absent
      if (!app || !(await this.applications.officerMaySee(user, app, tx.manager))) throw applicationNotFound();
      if (user.organizationId && user.organizationId === app.organizationId)
        throw APPLICATION_ERRORS['APPLICATION.OWN_ORGANIZATION']();
      // on a call with a provincial stage the province checks first (ProvincialStageService), the national office
      // then screens what it forwarded
      if (app.level === 'provincial') throw APPLICATION_ERRORS['PROVINCIAL.HELD_BY_PROVINCE']();
      if (app.forwardedAt && officerScope(user).provinceCode)
        throw APPLICATION_ERRORS['PROVINCIAL.NATIONAL_OFFICER_ONLY']();
      // a provincial program's formal check is its province's (issue 15); the national office only reads it
      const office = officeProvince(this.applications.program(app.programCode));
      if (office !== null) assertManagesCalls(user, office);
      const to = SCREENING_TARGET[decision];
      await this.machine.transition(tx, app, to, { kind: 'officer', userId: user.id }, { comment: text });
      if (to !== 'under_review') await this.mailOutcome(tx, app, to, text!);
    });
    return this.applications.view((await this.repo.findById(id))!);
  }

  /** Mails the applicant a return, a rejection or a non-recommendation with the officer's text, in the caller's tx. */
  async mailOutcome(
    tx: Tx,
    app: Application,
    to: 'returned' | 'rejected' | 'not_recommended' | ApplicationStatus,
    comment: string,
  ) {
    const contact = await this.repo.userContact(app.createdBy, tx.manager);
    if (!contact) return;
    const facts = {
      ...this.mailFacts(app, contact, this.applications.program(app.programCode).name, app.number),
      comment,
    };
    const mail =
      to === 'returned'
        ? returnedMail(facts)
        : to === 'not_recommended'
          ? notRecommendedMail(facts)
          : rejectedMail(facts);
    await this.mail.queueMail(tx, { ...mail, link: `/applications/${app.id}` });
  }

  private mailFacts(
    app: Application,
    contact: { email: string; name: string },
    programName: { zh: string; en: string },
    number: string | null,
  ) {
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
