import { SqlRow } from '@portal/platform';
/** A public notice (公示) as the API shows it. */
export interface NoticeEntryView {
  applicationId: string;
  number: string | null;
  organization: string;
  title: string;
  track: string | null;
  tier: string | null;
  amountFen: number;
  /** An upheld objection took the entry off the list. */
  removed: boolean;
}

export interface NoticeView {
  id: string;
  callId: string;
  callTitle: string;
  program: string;
  year: number;
  workingDays: number;
  startsAt: string;
  endsAt: string;
  /** startsAt ≤ now < endsAt */
  open: boolean;
  /** Years whose holidays were not published when the end was counted (counted provisionally; recounted when published). */
  provisionalYears: number[];
  entries: NoticeEntryView[];
  /** Officers only: objections filed / still unanswered. */
  objections?: { total: number; open: number };
}

export function noticeView(
  n: SqlRow,
  entries: SqlRow[],
  now: Date,
  objections?: { total: number; open: number },
): NoticeView {
  const startsAt = new Date(n.starts_at);
  const endsAt = new Date(n.ends_at);
  return {
    id: n.id,
    callId: n.call_id,
    callTitle: n.call_title,
    program: n.program_code,
    year: Number(n.year),
    workingDays: Number(n.working_days),
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    open: startsAt.getTime() <= now.getTime() && now.getTime() < endsAt.getTime(),
    provisionalYears: (n.provisional_years ?? []).map(Number),
    entries: entries.map((e) => ({
      applicationId: e.application_id,
      number: e.number,
      organization: e.organization_name,
      title: e.title,
      track: e.track,
      tier: e.tier,
      amountFen: Number(e.amount_fen),
      removed: !!e.removed_at,
    })),
    ...(objections ? { objections } : {}),
  };
}

/** A line of the public index of notices (GET /api/public/notices). */
export interface PublicNoticeIndexItem {
  id: string;
  callId: string;
  callTitle: string;
  program: string;
  year: number;
  startsAt: string;
  endsAt: string;
  workingDays: number;
  open: boolean;
  /** Entries still on the notice (not removed). */
  entries: number;
}
