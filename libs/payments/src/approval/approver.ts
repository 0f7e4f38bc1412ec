import { AuthUser } from '@portal/platform';
import { PAYMENT_ERRORS } from '../errors';

/**
 * The checker's side of maker–checker (batches always; retries and the failed lines of a bank return when the call's
 * `paymentDualControl` is on): nobody moves money alone. The approver is not the maker, and may release the money
 * (assertMayRelease). `sameMaker` is the maker's error (each kind names its own).
 */
export function assertMayApprove(
  user: AuthUser,
  makerId: string,
  paidOrganizationIds: readonly string[],
  sameMaker: () => Error,
): void {
  if (user.id === makerId) throw sameMaker();
  assertMayRelease(user, paidOrganizationIds);
}

/**
 * Whoever lets money go — the checker, or the one finance user who retries a failed instalment of a call without dual
 * control — holds no admin role (an admin can make users, so could make a second finance account: the two roles are
 * never granted together, and an admin is refused here besides) and belongs to none of the organizations paid.
 */
export function assertMayRelease(user: AuthUser, paidOrganizationIds: readonly string[]): void {
  if (user.roles.includes('admin')) throw PAYMENT_ERRORS['PAYMENT.APPROVER_IS_ADMIN']();
  if (user.organizationId && paidOrganizationIds.includes(user.organizationId))
    throw PAYMENT_ERRORS['PAYMENT.OWN_ORGANIZATION']();
}
