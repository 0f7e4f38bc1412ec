import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MicroBatcher, OfficerScope, queryPrepared, Role } from '@portal/platform';
import { TtlCache } from './ttl-cache';

/** How long one process may act on an account's roles and status after they changed in another process. */
export const ACCOUNT_STATUS_TTL_MS = 5_000;

/** Account reads that go in one statement: the ones that arrive while the statements before run, at most this many. */
const READ_BATCH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Prepared once per connection (see queryPrepared): the accounts of a batch of reads. */
const READ_ACCOUNTS = `SELECT u.id, u.roles, u.organization_id, u.disabled_at, u.token_generation, u.ended_sessions, u.agency_id, ag.province_code, ag.programs
  FROM app_user u LEFT JOIN agency ag ON ag.id = u.agency_id WHERE u.id = ANY($1::uuid[])`;

export interface AccountStatus {
  roles: Role[];
  organizationId: string | null;
  disabled: boolean;
  /** Access tokens signed with an older generation (`gen`) are refused: password reset or change, "sign out everywhere". */
  tokenGeneration: number;
  /** Sessions signed out one by one lately (at most 20): their access tokens (`sid`) are refused. */
  endedSessions: string[];
  /** Officers: their agency's province and programs; null without an agency (national, every program). */
  scope: OfficerScope | null;
}

/**
 * An account's current roles, organization and status, for every authenticated request: a token is only as good as
 * its account. Read from `app_user` at most once per ACCOUNT_STATUS_TTL_MS per user and process; a change made in this
 * process (disable, enable, roles) invalidates the entry at once, other processes see it within the TTL.
 *
 * The reads of requests that arrive together share one prepared statement (`id = ANY(…)`): at a deadline every
 * applicant is a different account, so the cache rarely hits, and a statement per request cost the submit rush
 * (P1) about a quarter of the API's CPU per submit, most of it in the socket writes of the separate round trips.
 */
@Injectable()
export class AccountStatusCache {
  private readonly cache: TtlCache<string, AccountStatus | null>;
  private readonly reads: MicroBatcher<string, AccountStatus | null>;

  constructor(private readonly ds: DataSource) {
    this.cache = new TtlCache((id) => this.read(id), ACCOUNT_STATUS_TTL_MS);
    this.reads = new MicroBatcher((ids) => this.readMany(ids), READ_BATCH);
  }

  /** null: no such account. */
  current(userId: string): Promise<AccountStatus | null> {
    return this.cache.get(userId);
  }

  invalidate(userId: string): void {
    this.cache.invalidate(userId);
  }

  private async read(id: string): Promise<AccountStatus | null> {
    if (!UUID.test(id)) return null;
    return this.reads.submit(id.toLowerCase());
  }

  private async readMany(ids: string[]): Promise<(AccountStatus | null)[]> {
    const rows = await queryPrepared<{
      id: string;
      roles: Role[];
      organization_id: string | null;
      disabled_at: Date | null;
      token_generation: number;
      ended_sessions: string[] | null;
      agency_id: string | null;
      province_code: string | null;
      programs: string[] | null;
    }>(this.ds, READ_ACCOUNTS, [[...new Set(ids)]]);
    const byId = new Map(
      rows.map((r): [string, AccountStatus] => [
        r.id,
        {
          roles: r.roles,
          organizationId: r.organization_id,
          disabled: !!r.disabled_at,
          tokenGeneration: r.token_generation ?? 0,
          endedSessions: r.ended_sessions ?? [],
          scope: r.agency_id
            ? { agencyId: r.agency_id, provinceCode: r.province_code, programs: r.programs?.length ? r.programs : null }
            : null,
        },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }
}
