/**
 * The life of an instalment (API.md, "Payments") and who moves it. The one table of allowed transitions: every
 * change goes through `assertTransition`, and each is written to the append-only payment ledger.
 *
 *   planned ──batch──▶ batched ──approve──▶ approved ──worker──▶ sending ──rail──▶ paid ──revoke──▶ recovering ──▶ recovered
 *      │                  │                    │  ▲                 │   │
 *      └──── revoke ──────┴──── cancelled ◀────┘  └── not paid, ────┘   └──▶ failed ──retry──▶ approved
 *                                                     retry later              (waits for a person)
 *
 * planned ──milestone accepted──▶ planned: the instalment stays planned and becomes due (ledger kind `due`).
 * planned ──hold──▶ held ──last reason released──▶ planned (issue 13: waiting for the countersigned agreement, or for
 * an overdue report); a held instalment is never batched, and revocation cancels it like a planned one.
 */
export const INSTALMENT_STATUSES = [
  'planned',
  'held',
  'batched',
  'approved',
  'sending',
  'paid',
  'failed',
  'cancelled',
  'recovering',
  'recovered',
] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

/** finance = finance staff, officer = program officer, system = the payment worker and reconciler. */
export type PaymentActor = 'finance' | 'officer' | 'system';

export interface InstalmentTransition {
  from: InstalmentStatus;
  to: InstalmentStatus;
  by: readonly PaymentActor[];
  /** The ledger kind written for it. */
  kind: string;
  /** The action of the audit event written with it (the machine writes it in the transition's statement). */
  audit?: string;
}

export const INSTALMENT_TRANSITIONS: readonly InstalmentTransition[] = [
  { from: 'planned', to: 'planned', by: ['officer'], kind: 'due', audit: 'instalment.milestone-accepted' }, // becomes due
  { from: 'planned', to: 'held', by: ['officer', 'system'], kind: 'held', audit: 'instalment.held' },
  { from: 'held', to: 'planned', by: ['officer', 'system'], kind: 'released', audit: 'instalment.released' },
  { from: 'planned', to: 'batched', by: ['finance'], kind: 'batched' },
  { from: 'batched', to: 'approved', by: ['finance'], kind: 'approved' },
  { from: 'approved', to: 'sending', by: ['system', 'finance'], kind: 'sending' }, // finance: the bank file export
  { from: 'approved', to: 'failed', by: ['system', 'finance'], kind: 'failed' }, // excluded just before sending
  { from: 'sending', to: 'paid', by: ['system', 'finance'], kind: 'paid' }, // finance: the bank's return file
  { from: 'sending', to: 'failed', by: ['system', 'finance'], kind: 'failed' },
  { from: 'sending', to: 'approved', by: ['system'], kind: 'requeued' }, // the rail confirmed nothing was paid: send again later
  { from: 'failed', to: 'approved', by: ['finance'], kind: 'retry', audit: 'instalment.retried' },
  { from: 'planned', to: 'cancelled', by: ['officer'], kind: 'cancelled' },
  { from: 'held', to: 'cancelled', by: ['officer'], kind: 'cancelled' },
  { from: 'batched', to: 'cancelled', by: ['officer'], kind: 'cancelled' },
  { from: 'approved', to: 'cancelled', by: ['officer', 'system'], kind: 'cancelled' },
  { from: 'failed', to: 'cancelled', by: ['officer'], kind: 'cancelled' },
  { from: 'paid', to: 'recovering', by: ['officer', 'system'], kind: 'recovery-opened' },
  { from: 'recovering', to: 'recovered', by: ['finance'], kind: 'recovered', audit: 'instalment.recovered' },
];

export class InstalmentTransitionError extends Error {
  constructor(
    readonly from: InstalmentStatus,
    readonly to: InstalmentStatus,
    readonly actor: PaymentActor,
  ) {
    super(`an instalment cannot go from ${from} to ${to} (by ${actor})`);
    this.name = 'InstalmentTransitionError';
  }
}

export function findInstalmentTransition(
  from: InstalmentStatus,
  to: InstalmentStatus,
): InstalmentTransition | undefined {
  return INSTALMENT_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function assertTransition(
  from: InstalmentStatus,
  to: InstalmentStatus,
  actor: PaymentActor,
): InstalmentTransition {
  const t = findInstalmentTransition(from, to);
  if (!t || !t.by.includes(actor)) throw new InstalmentTransitionError(from, to, actor);
  return t;
}

/** Statuses from which `to` may be reached by `actor` (for guarded set-based UPDATEs). */
export function sourcesOf(to: InstalmentStatus, actor: PaymentActor): InstalmentStatus[] {
  return INSTALMENT_TRANSITIONS.filter((t) => t.to === to && t.by.includes(actor)).map((t) => t.from);
}

/** Nothing more will happen to an instalment in these statuses without a person. */
export const SETTLED_STATUSES: readonly InstalmentStatus[] = ['paid', 'failed', 'cancelled', 'recovering', 'recovered'];
