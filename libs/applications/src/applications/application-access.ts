import { AuthUser } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { Application, EDITABLE_STATUSES } from './application.entity';

export const applicationNotFound = () => APPLICATION_ERRORS['APPLICATION.NOT_FOUND']();

/** A member (applicant) of the organization that owns the application. */
export function isOwner(user: AuthUser, app: Pick<Application, 'organizationId'>): boolean {
  return user.roles.includes('applicant') && !!user.organizationId && user.organizationId === app.organizationId;
}

/**
 * The officer role only. Whether an officer may see a given application is officer-visibility's answer (its scope ×
 * the application's place): ApplicationsService.officerMaySee / readable.
 */
export function isOfficer(user: AuthUser): boolean {
  return user.roles.includes('officer');
}

/** Owner only; anyone else gets 404 (no probing other companies' records). */
export function assertOwner(user: AuthUser, app: Application | null): asserts app is Application {
  if (!app || !isOwner(user, app)) throw applicationNotFound();
}

export function assertEditable(app: Application): void {
  if (!EDITABLE_STATUSES.includes(app.status))
    throw APPLICATION_ERRORS['APPLICATION.NOT_EDITABLE']({ status: app.status });
}
