/** Where a call stands, read from the portal clock: upcoming before opensAt, open until closesAt (exclusive), then closed. */
export type CallStatus = 'upcoming' | 'open' | 'closed';
export const CALL_STATUSES: readonly CallStatus[] = ['open', 'upcoming', 'closed'];

export function callStatus(call: { opensAt: Date; closesAt: Date }, now: Date): CallStatus {
  const t = now.getTime();
  if (t < call.opensAt.getTime()) return 'upcoming';
  if (t < call.closesAt.getTime()) return 'open';
  return 'closed';
}

/** The SQL condition for a status, with `$n` the current instant. */
export function callStatusCondition(status: CallStatus, nowParam: string): string {
  switch (status) {
    case 'upcoming':
      return `c.opens_at > ${nowParam}`;
    case 'open':
      return `c.opens_at <= ${nowParam} AND c.closes_at > ${nowParam}`;
    case 'closed':
      return `c.closes_at <= ${nowParam}`;
  }
}
