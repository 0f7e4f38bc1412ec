import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PortalConfig } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { User } from '../users/user.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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
  ) {}

  async issue(
    manager: EntityManager,
    user: Pick<User, 'id' | 'roles' | 'organizationId'>,
    familyId: string = randomUUID(),
  ): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, roles: user.roles, org: user.organizationId },
      { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, secret: this.config.JWT_SECRET },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO refresh_token (family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + ($4 || ' seconds')::interval)`,
      [familyId, user.id, sha256(refreshToken), String(this.config.REFRESH_TOKEN_TTL_SECONDS)],
    );
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }

  /** Rotates: the presented token is spent atomically; a second use revokes the family. */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const hash = sha256(refreshToken);
    const outcome = await this.ds.transaction(async (m) => {
      const spent = await m.query(
        `UPDATE refresh_token SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING family_id, user_id`,
        [hash],
      );
      if (spent[0].length === 0 && spent[1] === 0) {
        const known = await m.query(`SELECT family_id FROM refresh_token WHERE token_hash = $1`, [hash]);
        if (known.length)
          await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
            known[0].family_id,
          ]);
        return null;
      }
      const row = spent[0][0];
      const users = await m.query(
        `SELECT id, roles, organization_id FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
        [row.user_id],
      );
      if (!users.length) return null;
      const u = users[0];
      return this.issue(m, { id: u.id, roles: u.roles, organizationId: u.organization_id }, row.family_id);
    });
    if (!outcome) throw invalidRefresh();
    return outcome;
  }

  /** Revokes the family of a refresh token held by this user. */
  async revokeFamily(refreshToken: string, userId: string): Promise<void> {
    await this.ds.query(
      `UPDATE refresh_token SET revoked_at = now()
         WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1 AND user_id = $2)`,
      [sha256(refreshToken), userId],
    );
  }
}
