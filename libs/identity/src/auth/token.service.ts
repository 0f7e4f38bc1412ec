import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, inTransaction, PortalConfig } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { User } from '../users/user.entity';
import { AccountStatusCache } from '../users/account-status';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Where a session is used from: the request's User-Agent and address. */
export interface SessionClient {
  userAgent?: string | null;
  address?: string | null;
}

const invalidRefresh = () => IDENTITY_ERRORS['AUTH.REFRESH_INVALID']();

/**
 * Access tokens are short JWTs; refresh tokens are random, stored hashed, rotate on every use, and belong to a family.
 * Presenting a refresh token that was already used revokes its whole family (theft detection).
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: PortalConfig,
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly accounts: AccountStatusCache,
  ) {}

  /**
   * A new access token and refresh token (of `familyId`: a new session unless given). The access token carries the
   * account's token generation (`gen`, which JwtStrategy compares with the account's current one) and its session
   * (`sid`, the refresh-token family). `client` is where the session is used from (the sessions list shows it).
   */
  async issue(
    manager: EntityManager,
    user: Pick<User, 'id' | 'roles' | 'organizationId'>,
    familyId: string = randomUUID(),
    client: SessionClient = {},
  ): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const rows: { gen: number }[] = await manager.query(
      `INSERT INTO refresh_token (family_id, user_id, token_hash, expires_at, user_agent, address)
       VALUES ($1, $2, $3, now() + ($4 || ' seconds')::interval, $5, $6)
       RETURNING (SELECT token_generation FROM app_user WHERE id = $2) AS gen`,
      [
        familyId,
        user.id,
        sha256(refreshToken),
        String(this.config.REFRESH_TOKEN_TTL_SECONDS),
        client.userAgent ? client.userAgent.slice(0, 300) : null,
        client.address ?? null,
      ],
    );
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, roles: user.roles, org: user.organizationId, gen: rows[0]?.gen ?? 0, sid: familyId },
      { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, secret: this.config.JWT_SECRET },
    );
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }

  /**
   * Rotates: the presented token is spent atomically; a second use revokes the family and records the theft in the
   * audit chain (`refresh-token.reused`, with the number of live tokens it revoked).
   */
  async rotate(refreshToken: string, client: SessionClient = {}): Promise<TokenPair> {
    const hash = sha256(refreshToken);
    // inTransaction: a connection lost under it answers 503 (see there), not 500
    const outcome = await inTransaction(this.ds, async ({ manager: m }) => {
      const spent = await m.query(
        `UPDATE refresh_token SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING family_id, user_id`,
        [hash],
      );
      if (spent[0].length === 0 && spent[1] === 0) {
        const known: { family_id: string; user_id: string; used_at: Date | null }[] = await m.query(
          `SELECT family_id, user_id, used_at FROM refresh_token WHERE token_hash = $1`,
          [hash],
        );
        if (known.length) {
          const revoked = await m.query(
            `UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
            [known[0].family_id],
          );
          // a spent token presented again: someone holds a copy (an expired or logged-out one is no theft)
          if (known[0].used_at)
            await this.audit.record(m, {
              actorId: null,
              action: 'refresh-token.reused',
              entityType: 'user',
              entityId: known[0].user_id,
              data: { familyId: known[0].family_id, revokedTokens: Number(revoked[1] ?? 0) },
            });
        }
        return null;
      }
      const row = spent[0][0];
      const users = await m.query(
        `SELECT id, roles, organization_id FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
        [row.user_id],
      );
      if (!users.length) return null;
      const u = users[0];
      return this.issue(m, { id: u.id, roles: u.roles, organizationId: u.organization_id }, row.family_id, client);
    });
    if (!outcome) throw invalidRefresh();
    return outcome;
  }

  /**
   * Revokes the family of a refresh token held by this user (logout); its access tokens are refused from now on too
   * (endSession). The caller's AccountStatusCache entry is invalidated.
   */
  async revokeFamily(refreshToken: string, userId: string): Promise<void> {
    await inTransaction(this.ds, async ({ manager: m }) => {
      const rows: { family_id: string }[] = await m.query(
        `SELECT family_id FROM refresh_token WHERE token_hash = $1 AND user_id = $2`,
        [sha256(refreshToken), userId],
      );
      if (rows.length) await this.endSession(m, userId, rows[0].family_id);
    });
    this.accounts.invalidate(userId);
  }

  /**
   * Ends one session: its refresh tokens are revoked and the family joins the account's `ended_sessions` (the latest
   * 20), which JwtStrategy checks against the access token's `sid`. Answers how many refresh tokens it revoked. In the
   * caller's transaction; the caller invalidates AccountStatusCache after the commit.
   */
  async endSession(m: EntityManager, userId: string, familyId: string): Promise<number> {
    const revoked = await m.query(
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND family_id = $2 AND revoked_at IS NULL`,
      [userId, familyId],
    );
    const n = Number(revoked[1] ?? 0);
    if (n)
      await m.query(
        `UPDATE app_user SET ended_sessions = (ARRAY[$2::uuid] || array_remove(ended_sessions, $2::uuid))[1:20]
          WHERE id = $1`,
        [userId, familyId],
      );
    return n;
  }

  /**
   * Ends every session of the account: all its refresh tokens are revoked and its token generation raised, so every
   * access token issued before stops working too (JwtStrategy compares `gen`). In the caller's transaction; the caller
   * invalidates AccountStatusCache after the commit.
   */
  async endAllSessions(m: EntityManager, userId: string): Promise<number> {
    const revoked = await m.query(
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    // the new generation refuses every older access token: the single ended sessions need no list any more
    await m.query(`UPDATE app_user SET token_generation = token_generation + 1, ended_sessions = '{}' WHERE id = $1`, [
      userId,
    ]);
    return Number(revoked[1] ?? 0);
  }
}
