import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, ClockService, CurrentUser, Roles, shanghaiDay } from '@portal/platform';
import { applicantApplicationWork, officerFormalChecks, openCallDeadlines } from '@portal/applications';
import { expertPendingReviews, openReviewRounds } from '@portal/review';
import { decisionsToMake, openObjections } from '@portal/awards';
import { financeWork } from '@portal/payments';
import { agreementsToAccept, reportsDue } from '@portal/followup';

/** How many rows of each list the home page shows (the count says how many there are). */
export const WORKLIST_TOP = 5;

/** One item of a work list: a label the page shows and the portal path it opens. */
export class WorkItemResponse {
  @ApiProperty({ description: 'the thing’s id (application, review, call, batch, instalment, report, objection)' })
  id: string;
  @ApiProperty({ description: 'what the page shows: a number, a title or a call' }) label: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'a second line: the call, a status, who' })
  detail?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'a deadline or a date (ISO instant or day)' })
  at?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'a count or an amount (fen) the item carries' })
  amount?: number | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'a state the page marks: applied (an open call the organization applied to), ready (a round every expert answered), ' +
      'preparedByMe (a batch this user may not approve), retryProposed (a retry waiting for a second user), ' +
      'draft / returned (a report)',
  })
  flag?: string | null;
  @ApiProperty({ description: 'portal path to open' }) link: string;
}

/** One work list: how many there are in all, the first few and the page listing all of them. */
export class WorkListResponse {
  @ApiProperty({ example: 'returned' }) key: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [WorkItemResponse] }) items: WorkItemResponse[];
  @ApiProperty({ description: 'the page with the whole list' }) link: string;
}

export class RoleWorkResponse {
  @ApiProperty({ enum: ['applicant', 'expert', 'officer', 'finance'] }) role: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'applicant: the organization’s applications by status',
  })
  byStatus?: Record<string, number>;
  @ApiProperty({ type: [WorkListResponse] }) lists: WorkListResponse[];
}

export class WorklistResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [RoleWorkResponse], description: 'one entry per role of the user that has work lists' })
  roles: RoleWorkResponse[];
}

const list = (key: string, count: number, link: string, items: WorkItemResponse[]): WorkListResponse => ({
  key,
  count,
  items,
  link,
});

/**
 * The home page's work lists (issue 14, item 6), one entry per role of the signed-in user: composed here, in the app
 * layer, from each lib's exported worklist readers (each lib reads only its own tables). Everything is the caller's:
 * an applicant's own organization, an expert's own assignments, an officer's scope; finance sees the whole queue.
 */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/worklist')
export class WorklistController {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
  ) {}

  @Roles('any')
  @Get()
  @ApiOkResponse({ type: WorklistResponse })
  async get(@CurrentUser() user: AuthUser): Promise<WorklistResponse> {
    const now = this.clock.now();
    const m = this.ds.manager;
    const roles: RoleWorkResponse[] = [];
    const n = WORKLIST_TOP;
    if (user.roles.includes('applicant') && user.organizationId) {
      const org = user.organizationId;
      const [apps, calls, reports, agreements] = await Promise.all([
        applicantApplicationWork(m, org, now, n),
        openCallDeadlines(m, org, now, n),
        reportsDue(m, org, n),
        agreementsToAccept(m, org, n),
      ]);
      roles.push({
        role: 'applicant',
        byStatus: apps.byStatus,
        lists: [
          list(
            'returned',
            apps.returned.count,
            '/applications',
            apps.returned.items.map((a) => ({
              id: a.id,
              label: a.number ?? a.title,
              detail: a.number ? `${a.title} · ${a.callTitle}` : a.callTitle,
              at: a.updatedAt,
              link: `/applications/${a.id}/edit`,
            })),
          ),
          list(
            'drafts',
            apps.drafts.count,
            '/applications',
            apps.drafts.items.map((a) => ({
              id: a.id,
              label: a.title,
              detail: a.callTitle,
              at: a.closesAt,
              link: `/applications/${a.id}/edit`,
            })),
          ),
          list(
            'openCalls',
            calls.count,
            '/calls',
            calls.items.map((c) => ({
              id: c.id,
              label: c.title,
              flag: c.hasApplication ? 'applied' : null,
              at: c.closesAt,
              link: c.hasApplication ? '/applications' : `/calls/${c.id}/apply`,
            })),
          ),
          list(
            'reportsDue',
            reports.count,
            '/my/awards',
            reports.items.map((r) => ({
              id: r.id,
              label: r.kind,
              detail: r.title,
              flag: r.status,
              at: r.dueOn,
              link: `/my/awards/${r.awardId}`,
            })),
          ),
          list(
            'agreementsToAccept',
            agreements.count,
            '/my/awards',
            agreements.items.map((g) => ({
              id: g.id,
              label: g.title,
              at: g.issuedAt,
              link: `/my/awards/${g.awardId}`,
            })),
          ),
        ],
      });
    }
    if (user.roles.includes('expert')) {
      const reviews = await expertPendingReviews(m, user.id, n);
      roles.push({
        role: 'expert',
        lists: [
          list(
            'pendingReviews',
            reviews.count,
            '/reviews',
            reviews.items.map((r) => ({
              id: r.id,
              label: r.applicationNumber ?? r.id.slice(0, 8),
              detail: r.callTitle,
              at: r.dueAt,
              link: `/reviews/${r.id}`,
            })),
          ),
        ],
      });
    }
    if (user.roles.includes('officer')) {
      const [checks, objections, rounds, decisions] = await Promise.all([
        officerFormalChecks(m, user, n),
        openObjections(m, user, n),
        openReviewRounds(m, user, n),
        decisionsToMake(m, user, n),
      ]);
      roles.push({
        role: 'officer',
        lists: [
          list(
            'formalChecks',
            checks.count,
            '/officer/applications?status=submitted',
            checks.items.map((a) => ({
              id: a.id,
              label: a.number ?? a.title,
              detail: a.number ? `${a.title} · ${a.callTitle}` : a.callTitle,
              at: a.submittedAt || null,
              link: `/officer/applications/${a.id}`,
            })),
          ),
          list(
            'objections',
            objections.count,
            '/officer/objections',
            objections.items.map((o) => ({
              id: o.id,
              label: o.applicationNumber ?? o.callTitle,
              detail: o.callTitle,
              at: o.createdAt,
              link: `/officer/objections?callId=${o.callId}`,
            })),
          ),
          list(
            'roundsToClose',
            rounds.count,
            '/officer/calls',
            rounds.items.map((r) => ({
              id: r.callId,
              label: r.callTitle,
              detail: `${r.submitted}`,
              flag: r.pending === 0 ? 'ready' : null,
              at: r.nextDueAt,
              amount: r.pending,
              link: r.provinceCode ? `/officer/calls/${r.callId}/province` : `/officer/calls/${r.callId}/review`,
            })),
          ),
          list(
            'decisions',
            decisions.count,
            '/officer/calls',
            decisions.items.map((d) => ({
              id: d.callId,
              label: d.callTitle,
              amount: d.undecided,
              link: `/officer/calls/${d.callId}/decisions`,
            })),
          ),
        ],
      });
    }
    if (user.roles.includes('finance')) {
      const f = await financeWork(m, user.id, shanghaiDay(now), n);
      roles.push({
        role: 'finance',
        lists: [
          list(
            'instalmentsDue',
            f.due.count,
            '/finance/payments?status=planned',
            f.due.items.map((d) => ({
              id: `${d.callId}:${d.instalmentNo}`,
              label: d.callTitle,
              detail: `#${d.instalmentNo} × ${d.count}`,
              at: d.dueOn,
              amount: d.totalFen,
              link: '/finance/batches',
            })),
          ),
          list(
            'batchesAwaitingApproval',
            f.awaitingApproval.count,
            '/finance/batches',
            f.awaitingApproval.items.map((b) => ({
              id: b.id,
              label: `${b.callTitle} #${b.instalmentNo}`,
              detail: b.preparedBy,
              flag: b.preparedByMe ? 'preparedByMe' : null,
              at: b.createdAt,
              amount: b.totalFen,
              link: `/finance/batches?id=${b.id}`,
            })),
          ),
          list(
            'failedPayments',
            f.failed.count,
            '/finance/payments?status=failed',
            f.failed.items.map((i) => ({
              id: i.id,
              label: i.applicationNumber ?? i.id.slice(0, 8),
              detail: i.failure,
              flag: i.retryProposed ? 'retryProposed' : null,
              amount: i.amountFen,
              link: `/finance/payments?status=failed`,
            })),
          ),
        ],
      });
    }
    return { at: now.toISOString(), roles };
  }
}
