import { FOLLOWUP_ERRORS } from '../errors';

/**
 * The life of a task agreement (任务书), the one table of its moves:
 *
 *   issued ──grantee accepts (name, time, address, sha256 of the PDF)──▶ accepted ──officer countersigns──▶ countersigned
 *
 * Countersigning releases the `agreement` hold on the award's instalments in the same transaction. An approved change
 * raises the agreement's version without moving its status (the accepted PDF's sha256 stays the one accepted).
 */
export const AGREEMENT_STATUSES = ['issued', 'accepted', 'countersigned'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_TRANSITIONS: readonly {
  from: AgreementStatus;
  to: AgreementStatus;
  by: 'grantee' | 'officer';
}[] = [
  { from: 'issued', to: 'accepted', by: 'grantee' },
  { from: 'accepted', to: 'countersigned', by: 'officer' },
];

/** Throws the 409 that names why `from → to` is not allowed. */
export function assertAgreementTransition(from: AgreementStatus, to: AgreementStatus): void {
  if (AGREEMENT_TRANSITIONS.some((t) => t.from === from && t.to === to)) return;
  if (to === 'accepted') throw FOLLOWUP_ERRORS['AGREEMENT.ALREADY_ACCEPTED']();
  if (from === 'issued') throw FOLLOWUP_ERRORS['AGREEMENT.NOT_ACCEPTED']();
  throw FOLLOWUP_ERRORS['AGREEMENT.ALREADY_COUNTERSIGNED']();
}
