import { EntityManager } from 'typeorm';
import { AuthUser, officerScope } from '@portal/platform';
import {
  APPLICATION_ERRORS,
  applicationsRelation,
  officerApplicationsCondition,
  officerMaySeeApplication,
} from '@portal/applications';
import { organizationsRelation } from '@portal/identity';
import { CallRow } from '../review.repository';

/**
 * Issue 12 in review: what an officer of a province (or of some programs) may see and do of a call's review round.
 * Which applications: applications' one answer (`officerApplicationsCondition` / `officerMaySeeApplication`) over the
 * application's program and its organization's province — 404 outside. Who runs a round: see `assertRunsRound`.
 */

/** The application `applicationId` (SQL expression) and its organization as `sa` / `so`, for `scopeSql`. */
export function reviewScopeJoin(applicationId: string): string {
  return `JOIN ${applicationsRelation('sa')} ON sa.id = ${applicationId} JOIN ${organizationsRelation('so')} ON so.id = sa.organization_id`;
}

/** The officer's scope over reviewScopeJoin's columns, as SQL (TRUE for a national, every-program officer). */
export function reviewScopeSql(user: AuthUser, params: unknown[]): string {
  return officerApplicationsCondition(user, { program: 'sa.program_code', province: 'so.province_code' }, params);
}

/** Whether the officer may see this application's reviews. */
export async function officerSeesApplication(
  m: EntityManager,
  user: AuthUser,
  applicationId: string,
): Promise<boolean> {
  const rows: { program_code: string; province_code: string | null }[] = await m.query(
    `SELECT sa.program_code, so.province_code FROM (SELECT $1::uuid AS id) x ${reviewScopeJoin('x.id')}`,
    [applicationId],
  );
  return (
    !!rows[0] &&
    officerMaySeeApplication(user, { programCode: rows[0].program_code, provinceCode: rows[0].province_code })
  );
}

/** The ids of a call's applications the officer may see (null: every one — a national, every-program officer). */
export async function applicationIdsInScope(
  m: EntityManager,
  user: AuthUser,
  callId: string,
): Promise<Set<string> | null> {
  const params: unknown[] = [callId];
  const cond = reviewScopeSql(user, params);
  if (cond === 'TRUE') return null;
  const rows: { id: string }[] = await m.query(
    `SELECT sa.id FROM (SELECT id FROM ${applicationsRelation('x')} WHERE x.call_id = $1) y ${reviewScopeJoin('y.id')} WHERE ${cond}`,
    params,
  );
  return new Set(rows.map((r) => r.id));
}

/** Reading a call's round (progress, ranking): 404 when the officer's programs leave out the call's program. */
export function assertSeesRound(user: AuthUser, call: CallRow): void {
  const programs = officerScope(user).programs;
  if (programs && !programs.includes(call.programCode)) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
}

/**
 * Running a call's main round (draw, close, the deliberation vote): the office's that runs the program — the national
 * office for a national program (a provincial officer gets 404, as for a round that is not theirs; a province runs its
 * own round on a `recommend` call through `assertProvincialRound`), and for a provincial program (issue 15,
 * `officeProvince`) that province's officers.
 */
export function assertRunsRound(user: AuthUser, call: CallRow, officeProvince: string | null): void {
  assertSeesRound(user, call);
  if (officerScope(user).provinceCode !== officeProvince) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
}

/**
 * A province's expert round (issue 12 item 4: draw, progress, close, ranking): only an officer of that province whose
 * programs cover the call — everyone else, the national office included (it sees what the provinces forward, not
 * their rounds), gets 404; a call without the `recommend` stage has no provincial round (409).
 */
export function assertProvincialRound(user: AuthUser, call: CallRow, province: string): void {
  assertSeesRound(user, call);
  if (officerScope(user).provinceCode !== province) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
  if (call.provincialStage !== 'recommend') throw APPLICATION_ERRORS['PROVINCIAL.NOT_RECOMMEND_STAGE']();
}
