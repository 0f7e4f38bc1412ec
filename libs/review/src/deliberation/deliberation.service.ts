import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction } from '@portal/platform';
import { APPLICATION_ERRORS, applicationsRelation, lockApplicationsInStatus } from '@portal/applications';
import { REVIEW_ERRORS } from '../errors';
import { officeProvince, ProgramRegistry } from '@portal/programs';
import { ReviewRepository } from '../review.repository';
import { assertRunsRound, assertSeesRound } from '../round/officer-scope';
import { RecordDeliberationDto } from './deliberation.dto';
import { elects, readElected } from './deliberation.reader';

export interface DeliberationVoteView {
  applicationId: string;
  number: string | null;
  title: string;
  yes: number;
  no: number;
  abstain: number;
  elected: boolean;
}

export interface DeliberationSessionView {
  id: string;
  heldAt: string;
  members: string[];
  note: string;
  recordedBy: string;
  recordedAt: string;
  votes: DeliberationVoteView[];
}

export interface DeliberationView {
  /** Whether the call has a deliberation vote (its `deliberation` setting). */
  enabled: boolean;
  /** The applications the latest tallies elected. */
  elected: string[];
  sessions: DeliberationSessionView[];
}

const MIN_MEMBERS = 3;

/**
 * 表决 (issue 15): the leading group's vote after the expert review, recorded by the national office — the members
 * present and each nominee's tally; a majority of the members present elects. Every session is kept and audited; a
 * revote is a new session whose tally replaces the nominee's earlier one. Nominees are the call's reviewed applications
 * not yet decided (a decided one must be set back first: the vote comes before the decisions).
 */
@Injectable()
export class DeliberationService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReviewRepository,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly programs: ProgramRegistry,
  ) {}

  async get(user: AuthUser, callId: string): Promise<DeliberationView> {
    const call = await this.repo.findCall(callId);
    if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    assertSeesRound(user, call);
    return this.view(this.ds.manager, callId);
  }

  async record(user: AuthUser, callId: string, dto: RecordDeliberationDto): Promise<DeliberationView> {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      await this.repo.lockRound(m, callId);
      const call = await this.repo.findCall(callId, m);
      if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      assertRunsRound(user, call, officeProvince(this.programs.get(call.programCode)));
      if (!(await readElected(m, callId))) throw REVIEW_ERRORS['DELIBERATION.NOT_ENABLED']();
      if (!call.reviewClosedAt) throw REVIEW_ERRORS['REVIEW.ROUND_OPEN']();
      const members = dto.members.map((x) => x.trim());
      if (members.length < MIN_MEMBERS) throw REVIEW_ERRORS['DELIBERATION.QUORUM']({ min: MIN_MEMBERS });
      const ids = dto.votes.map((v) => v.applicationId);
      if (new Set(ids).size !== ids.length) throw REVIEW_ERRORS['DELIBERATION.DUPLICATE_NOMINEE']();
      dto.votes.forEach((v, index) => {
        if (v.yes + v.no + v.abstain !== members.length)
          throw REVIEW_ERRORS['DELIBERATION.TALLY_INVALID'](
            { members: members.length },
            { details: [{ path: `votes.${index}`, message: tallyMessage(members.length) }] },
          );
      });
      // the nominees: reviewed, undecided applications of this call, locked against a decision meanwhile
      const open = await lockApplicationsInStatus(m, callId, ids, 'reviewed');
      const missing = ids.filter((id) => !open.some((a) => a.id === id));
      if (missing.length) {
        const message = {
          zh: '不是本批次已评审、尚未决定的申报',
          en: 'not a reviewed, undecided application of this call',
        };
        const details = missing.map((id) => ({ path: `votes.${ids.indexOf(id)}.applicationId`, message }));
        throw REVIEW_ERRORS['DELIBERATION.NOT_NOMINEE']({ details });
      }
      const now = this.clock.now();
      const [session] = await m.query(
        `INSERT INTO deliberation_session (call_id, held_at, members, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [callId, dto.heldAt ? new Date(dto.heldAt) : now, members, dto.note?.trim() ?? '', user.id, now],
      );
      const votes = dto.votes.map((v) => ({ ...v, elected: elects(v.yes, members.length) }));
      await m.query(
        `INSERT INTO deliberation_vote (session_id, application_id, yes, no, abstain, elected)
         SELECT $1, v.application_id, v.yes, v.no, v.abstain, v.elected
           FROM unnest($2::uuid[], $3::int[], $4::int[], $5::int[], $6::boolean[]) AS v(application_id, yes, no, abstain, elected)`,
        [
          session.id,
          votes.map((v) => v.applicationId),
          votes.map((v) => v.yes),
          votes.map((v) => v.no),
          votes.map((v) => v.abstain),
          votes.map((v) => v.elected),
        ],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'deliberation.recorded',
        entityType: 'call',
        entityId: callId,
        data: { sessionId: session.id, members, votes },
      });
      return this.view(m, callId);
    });
  }

  private async view(m: DataSource['manager'], callId: string): Promise<DeliberationView> {
    const elected = await readElected(m, callId);
    const sessions: {
      id: string;
      held_at: Date;
      members: string[];
      note: string;
      recorded_by: string;
      recorded_at: Date;
    }[] = await m.query(
      `SELECT id, held_at, members, note, recorded_by, recorded_at FROM deliberation_session
        WHERE call_id = $1 ORDER BY seq`,
      [callId],
    );
    const votes: (DeliberationVoteView & { sessionId: string })[] = await m.query(
      `SELECT v.session_id AS "sessionId", v.application_id AS "applicationId", a.number, a.title, v.yes, v.no, v.abstain, v.elected
         FROM deliberation_vote v JOIN ${applicationsRelation('a')} ON a.id = v.application_id
        WHERE v.session_id = ANY($1::uuid[]) ORDER BY a.number NULLS LAST, a.id`,
      [sessions.map((s) => s.id)],
    );
    return {
      enabled: elected !== null,
      elected: elected ? [...elected] : [],
      sessions: sessions.map((s) => ({
        id: s.id,
        heldAt: s.held_at.toISOString(),
        members: s.members,
        note: s.note,
        recordedBy: s.recorded_by,
        recordedAt: s.recorded_at.toISOString(),
        votes: votes.filter((v) => v.sessionId === s.id).map(({ sessionId: _s, ...v }) => v),
      })),
    };
  }
}

function tallyMessage(members: number) {
  return {
    zh: `赞成、反对、弃权票数之和须等于出席成员数 ${members}`,
    en: `for, against and abstentions must add up to the ${members} members present`,
  };
}
