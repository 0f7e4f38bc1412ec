import { Injectable } from '@nestjs/common';
import { officeProvince, ProgramRegistry } from '@portal/programs';
import type { PublicNoticeIndexItem } from './notice.view';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  AuthUser,
  CalendarService,
  ClockService,
  inTransaction,
  MailService,
  PortalConfig,
  Page,
  SqlRow,
  WorkingDayCalendar,
} from '@portal/platform';
import { mailOrganization, noticePublished } from '@portal/notifications';
import { applicationsFrom, callTitleJoin } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
import { assertNotFinalized, loadCall } from '../shared/call-facts';
import { RankingReader } from '../shared/ranking.reader';
import { noticeView, NoticeView } from './notice.view';
import { AWARD_ERRORS } from '../errors';
import { assertCallProgramInScope, assertProgramOfficeAct } from '../shared/officer-scope';

const NOTICE_SQL = `SELECT n.*, c.call_title, c.program_code, c.year FROM public_notice n ${callTitleJoin('c', 'n.call_id')}`;

/** Publishing the proposed list for public notice (公示), its end counted in working days. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly calendar: CalendarService,
    private readonly ranking: RankingReader,
    private readonly config: PortalConfig,
    private readonly programs: ProgramRegistry,
  ) {}

  /**
   * The notice starts now and ends at 24:00 (Asia/Shanghai) of the Nth working day after today. Counting into a year
   * whose holidays the State Council has not published yet does not fail (issue 14): that year is counted
   * provisionally (weekends and the fixed-date statutory holidays off), the notice keeps the years it guessed, and
   * publishing such a year recounts it (`recountProvisional`: its end only moves later).
   */
  async publish(user: AuthUser, callId: string, workingDays?: number): Promise<NoticeView> {
    const now = this.clock.now();
    const view = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const call = await loadCall(m, callId, true);
      assertProgramOfficeAct(user, call, officeProvince(this.programs.get(call.programCode)));
      assertNotFinalized(call);
      const existing = await m.query(`SELECT id FROM public_notice WHERE call_id = $1`, [callId]);
      if (existing.length)
        throw AWARD_ERRORS['NOTICE.ALREADY_PUBLISHED']({ details: [{ path: 'noticeId', message: existing[0].id }] });
      const n = workingDays ?? call.noticeWorkingDays;
      const { endsAt, provisionalYears } = await this.noticeEnd(now, n);
      const proposed: SqlRow[] = await m.query(
        `SELECT a.id, a.number, a.title, a.track, a.organization_id, o.organization_name, d.tier, d.amount_fen
           FROM ${applicationsFrom('a')} ${organizationPayeeJoin('o', 'a.organization_id')}
           JOIN award_decision d ON d.application_id = a.id AND d.outcome = 'award'
          WHERE a.call_id = $1 AND a.status = 'proposed'`,
        [callId],
      );
      if (!proposed.length) throw AWARD_ERRORS['NOTICE.NOTHING_PROPOSED']();
      const rank = new Map((await this.ranking.read(m, call)).map((r) => [r.applicationId, r.rank ?? Infinity]));
      proposed.sort(
        (a, b) =>
          (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) ||
          String(a.number).localeCompare(String(b.number)),
      );
      const [notice] = await m.query(
        `INSERT INTO public_notice (call_id, working_days, starts_at, ends_at, published_by, provisional_years)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [callId, n, now, endsAt, user.id, provisionalYears],
      );
      await m.query(
        `INSERT INTO notice_entry (notice_id, application_id, position, number, organization_id, organization_name, title, track, tier, amount_fen)
         SELECT $1::uuid, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])`,
        [
          notice.id,
          proposed.map((p) => p.id),
          proposed.map((_, i) => i + 1),
          proposed.map((p) => p.number),
          proposed.map((p) => p.organization_id),
          proposed.map((p) => p.organization_name),
          proposed.map((p) => p.title),
          proposed.map((p) => p.track),
          proposed.map((p) => p.tier),
          proposed.map((p) => String(p.amount_fen)),
        ],
      );
      const url = `${this.config.PUBLIC_URL}/public/notices/${notice.id}`;
      for (const p of proposed) {
        await mailOrganization(
          this.mail,
          tx,
          p.organization_id,
          noticePublished({
            organization: p.organization_name,
            number: p.number,
            title: p.title,
            callTitle: call.title,
            endsAt,
            url,
            tier: p.tier,
            amountFen: Number(p.amount_fen),
          }),
          `/public/notices/${notice.id}`,
        );
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: 'notice.published',
        entityType: 'public_notice',
        entityId: notice.id,
        data: {
          callId,
          workingDays: n,
          startsAt: now.toISOString(),
          endsAt: endsAt.toISOString(),
          entries: proposed.map((p) => p.id),
          ...(provisionalYears.length ? { provisionalYears } : {}),
        },
      });
      return this.view(m, notice.id, now, true);
    });
    return view!;
  }

  async publicView(id: string): Promise<NoticeView> {
    const v = await this.view(this.ds.manager, id, this.clock.now(), false);
    if (!v) throw AWARD_ERRORS['NOTICE.NOT_FOUND']();
    return v;
  }

  /**
   * The public index of notices (no login): `open` — running now (startsAt ≤ now < endsAt), ending soonest first —
   * or `past` — ended, latest first; each with its call and the number of entries still on it. Paged.
   */
  async publicIndex(state: 'open' | 'past', pageNo: number, pageSize: number): Promise<Page<PublicNoticeIndexItem>> {
    const now = this.clock.now();
    const where = state === 'open' ? `n.starts_at <= $1 AND n.ends_at > $1` : `n.ends_at <= $1`;
    const order = state === 'open' ? `n.ends_at ASC, n.id` : `n.ends_at DESC, n.id`;
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM public_notice n WHERE ${where}`,
      [now],
    );
    const rows: SqlRow[] = await this.ds.query(
      `SELECT n.id, n.call_id, c.call_title, c.program_code, c.year, n.starts_at, n.ends_at, n.working_days,
              (SELECT count(*)::int FROM notice_entry e WHERE e.notice_id = n.id AND e.removed_at IS NULL) AS entries
         FROM public_notice n ${callTitleJoin('c', 'n.call_id')}
        WHERE ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`,
      [now, pageSize, (pageNo - 1) * pageSize],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        callId: r.call_id,
        callTitle: r.call_title,
        program: r.program_code,
        year: Number(r.year),
        startsAt: new Date(r.starts_at).toISOString(),
        endsAt: new Date(r.ends_at).toISOString(),
        workingDays: Number(r.working_days),
        open: state === 'open',
        entries: Number(r.entries),
      })),
      total,
      page: pageNo,
      pageSize,
    };
  }

  async listForCall(user: AuthUser, callId: string): Promise<NoticeView[]> {
    assertCallProgramInScope(user, await loadCall(this.ds.manager, callId));
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM public_notice WHERE call_id = $1 ORDER BY starts_at`,
      [callId],
    );
    const now = this.clock.now();
    const out: NoticeView[] = [];
    for (const r of rows) out.push((await this.view(this.ds.manager, r.id, now, true))!);
    return out;
  }

  private async noticeEnd(now: Date, n: number): Promise<{ endsAt: Date; provisionalYears: number[] }> {
    const cal = new WorkingDayCalendar(await this.calendar.load(), { unpublished: 'provisional' });
    return cal.countNoticeEnd(now, n);
  }

  /**
   * After `year` was published (in the caller's transaction, with the calendar as it now is): every notice still
   * running that counted `year` provisionally is counted again from its start; its end moves only later (a running
   * notice is never shortened), and the years it still guesses are kept. Returns the notices counted again.
   */
  async recountProvisional(
    m: EntityManager,
    year: number,
    calendar: WorkingDayCalendar,
    actorId: string,
  ): Promise<{ id: string; endsAt: string }[]> {
    const now = this.clock.now();
    const rows: SqlRow[] = await m.query(
      `SELECT id, starts_at, ends_at, working_days FROM public_notice
        WHERE $1 = ANY(provisional_years) AND ends_at > $2 FOR UPDATE`,
      [year, now],
    );
    const moved: { id: string; endsAt: string }[] = [];
    for (const r of rows) {
      const counted = calendar.countNoticeEnd(new Date(r.starts_at), Number(r.working_days));
      const old = new Date(r.ends_at);
      const endsAt = counted.endsAt > old ? counted.endsAt : old;
      await m.query(`UPDATE public_notice SET ends_at = $2, provisional_years = $3 WHERE id = $1`, [
        r.id,
        endsAt,
        counted.provisionalYears,
      ]);
      await this.audit.record(m, {
        actorId,
        action: 'notice.recounted',
        entityType: 'public_notice',
        entityId: r.id,
        data: {
          year,
          endsAt: endsAt.toISOString(),
          previousEndsAt: old.toISOString(),
          provisionalYears: counted.provisionalYears,
        },
      });
      moved.push({ id: r.id, endsAt: endsAt.toISOString() });
    }
    return moved;
  }

  private async view(m: EntityManager, id: string, now: Date, staff: boolean): Promise<NoticeView | null> {
    const rows = await m.query(`${NOTICE_SQL} WHERE n.id = $1`, [id]);
    if (!rows.length) return null;
    const entries = await m.query(`SELECT * FROM notice_entry WHERE notice_id = $1 ORDER BY position`, [id]);
    let objections: { total: number; open: number } | undefined;
    if (staff) {
      const [o] = await m.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE resolved_at IS NULL)::int AS open FROM objection WHERE notice_id = $1`,
        [id],
      );
      objections = { total: o.total, open: o.open };
    }
    return noticeView(rows[0], entries, now, objections);
  }
}
