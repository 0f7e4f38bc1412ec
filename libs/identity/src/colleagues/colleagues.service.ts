import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, inTransaction } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { TokenService } from '../auth/token.service';
import { AccountStatusCache } from '../users/account-status';
import { OWNER_OF_SQL } from './owner';

export interface MemberView {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  emailVerified: boolean;
  disabled: boolean;
  owner: boolean;
  joinedAt: Date;
}

export interface InvitationListItem {
  id: string;
  email: string;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  invitedBy: string;
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * An organization's colleagues (issue 14): the members, the invitations (listed and withdrawn), the removal of a member
 * and the hand-over of the owner role. Only members see any of it (everyone else: 404); only the owner removes and
 * hands over (403), and the owner is never removed (422: hand the role over first). A removed member leaves the
 * organization and loses the applicant role at once: their sessions end (TokenService.endAllSessions) and
 * AccountStatusCache forgets them, so their next request is judged on the account as it is now.
 */
@Injectable()
export class ColleaguesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly accounts: AccountStatusCache,
  ) {}

  async members(caller: AuthUser, organizationId: string): Promise<MemberView[]> {
    this.assertMember(caller, organizationId);
    return this.readMembers(this.ds.manager, organizationId);
  }

  /** Invitations of the organization, newest first (at most 200), with their state now. */
  async invitations(caller: AuthUser, organizationId: string): Promise<InvitationListItem[]> {
    this.assertMember(caller, organizationId);
    const rows: {
      id: string;
      email: string;
      invited_by: string;
      invited_by_name: string | null;
      created_at: Date;
      expires_at: Date;
      accepted_at: Date | null;
      revoked_at: Date | null;
      expired: boolean;
    }[] = await this.ds.query(
      `SELECT i.id, i.email, i.invited_by, u.name AS invited_by_name, i.created_at, i.expires_at, i.accepted_at,
              i.revoked_at, i.expires_at <= now() AS expired
         FROM invitation i LEFT JOIN app_user u ON u.id = i.invited_by
        WHERE i.organization_id = $1 ORDER BY i.created_at DESC, i.id LIMIT 200`,
      [organizationId],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      status: r.accepted_at ? 'accepted' : r.revoked_at ? 'revoked' : r.expired ? 'expired' : 'pending',
      invitedBy: r.invited_by,
      invitedByName: r.invited_by_name,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      acceptedAt: r.accepted_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** The owner or the member who sent it withdraws a pending invitation; its link then answers 404. */
  async revokeInvitation(caller: AuthUser, organizationId: string, invitationId: string): Promise<void> {
    this.assertMember(caller, organizationId);
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const owner = await this.lockOwner(m, organizationId);
      const inv: { invited_by: string; accepted_at: Date | null; revoked_at: Date | null }[] = await m.query(
        `SELECT invited_by, accepted_at, revoked_at FROM invitation WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
        [invitationId, organizationId],
      );
      if (!inv.length) throw IDENTITY_ERRORS['COLLEAGUE.INVITATION_NOT_FOUND']();
      if (caller.id !== owner && caller.id !== inv[0].invited_by) throw IDENTITY_ERRORS['COLLEAGUE.OWNER_ONLY']();
      if (inv[0].accepted_at || inv[0].revoked_at) throw IDENTITY_ERRORS['COLLEAGUE.INVITATION_CLOSED']();
      await m.query(`UPDATE invitation SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [
        invitationId,
        caller.id,
      ]);
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'organization.invitation-revoked',
        entityType: 'organization',
        entityId: organizationId,
        data: { invitationId },
      });
    });
  }

  /** The owner removes a colleague (never themselves: 422). The account stays, outside any organization. */
  async removeMember(caller: AuthUser, organizationId: string, userId: string): Promise<void> {
    this.assertMember(caller, organizationId);
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const owner = await this.lockOwner(m, organizationId);
      if (caller.id !== owner) throw IDENTITY_ERRORS['COLLEAGUE.OWNER_ONLY']();
      const target: { id: string; email: string; roles: string[] }[] = await m.query(
        `SELECT id, email, roles FROM app_user WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
        [userId, organizationId],
      );
      if (!target.length) throw IDENTITY_ERRORS['COLLEAGUE.NOT_FOUND']();
      if (userId === owner) throw IDENTITY_ERRORS['COLLEAGUE.LAST_OWNER']();
      await m.query(
        `UPDATE app_user SET organization_id = NULL, roles = array_remove(roles, 'applicant'), updated_at = now(),
                version = version + 1 WHERE id = $1`,
        [userId],
      );
      const revoked = await this.tokens.endAllSessions(m, userId);
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'organization.member-removed',
        entityType: 'organization',
        entityId: organizationId,
        data: { userId, email: target[0].email, rolesBefore: target[0].roles, revokedTokens: revoked },
      });
    });
    this.accounts.invalidate(userId);
  }

  /** The owner hands the role to another active member whose e-mail is verified. */
  async handOver(caller: AuthUser, organizationId: string, userId: string): Promise<MemberView[]> {
    this.assertMember(caller, organizationId);
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const owner = await this.lockOwner(m, organizationId);
      if (caller.id !== owner) throw IDENTITY_ERRORS['COLLEAGUE.OWNER_ONLY']();
      const target: { id: string; disabled_at: Date | null; email_verified_at: Date | null; roles: string[] }[] =
        await m.query(
          `SELECT id, disabled_at, email_verified_at, roles FROM app_user WHERE id = $1 AND organization_id = $2`,
          [userId, organizationId],
        );
      if (!target.length) throw IDENTITY_ERRORS['COLLEAGUE.NOT_FOUND']();
      const t = target[0];
      if (t.id === owner || t.disabled_at || !t.email_verified_at || !t.roles.includes('applicant'))
        throw IDENTITY_ERRORS['COLLEAGUE.OWNER_TARGET_INVALID']();
      await m.query(`UPDATE organization SET owner_user_id = $2, updated_at = now() WHERE id = $1`, [
        organizationId,
        userId,
      ]);
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'organization.owner-changed',
        entityType: 'organization',
        entityId: organizationId,
        data: { from: owner, to: userId },
      });
      return this.readMembers(m, organizationId);
    });
  }

  /** Only the organization's own members; anyone else learns nothing (404). */
  private assertMember(caller: AuthUser, organizationId: string): void {
    if (caller.organizationId !== organizationId) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
  }

  /** Locks the organization (owner changes and removals of one organization happen one at a time) and reads its owner. */
  private async lockOwner(m: EntityManager, organizationId: string): Promise<string | null> {
    const rows: { owner: string | null }[] = await m.query(
      `SELECT ${OWNER_OF_SQL} AS owner FROM organization o WHERE o.id = $1 FOR UPDATE OF o`,
      [organizationId],
    );
    if (!rows.length) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    return rows[0].owner;
  }

  private async readMembers(m: EntityManager, organizationId: string): Promise<MemberView[]> {
    const rows: {
      id: string;
      name: string;
      email: string;
      phone: string | null;
      email_verified_at: Date | null;
      disabled_at: Date | null;
      created_at: Date;
      owner: boolean;
    }[] = await m.query(
      `SELECT u.id, u.name, u.email, u.phone, u.email_verified_at, u.disabled_at, u.created_at,
              u.id = (SELECT ${OWNER_OF_SQL} FROM organization o WHERE o.id = $1) AS owner
         FROM app_user u WHERE u.organization_id = $1 ORDER BY u.created_at, u.id`,
      [organizationId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      emailVerified: !!r.email_verified_at,
      disabled: !!r.disabled_at,
      owner: !!r.owner,
      joinedAt: r.created_at,
    }));
  }
}
