import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EligibilityContext, HistoryEntry, OrganizationFacts, OrganizationFlagFacts } from '@portal/programs';
import { organizationFacts, organizationFlagsJsonSql } from '@portal/identity';
import { Call } from '../calls/call.entity';
import { Application } from './application.entity';

const HISTORY_JSON = `json_build_object('applicationId', x.id, 'callId', x.call_id, 'programCode', x.program_code, 'track', x.track,
  'status', x.status, 'workTitle', x.payload->>'workTitle', 'organizationId', x.organization_id,
  'certificateLapsedOn', to_char(x.certificate_lapsed_on, 'YYYY-MM-DD'))`;

/**
 * The select-list columns (`flags`, `kinds`, `history`, `awards`) with everything but the organization row: its flags
 * (identity's fragment), the application's uploaded kinds, the organization's other applications, the program's awards.
 * The arguments are SQL expressions (placeholders or columns of the enclosing query), so the facts can ride on another
 * query.
 */
export function eligibilityFactsColumns(org: string, app: string, program: string): string {
  return `${organizationFlagsJsonSql(org)} AS flags,
  (SELECT coalesce(array_agg(DISTINCT t.kind), '{}') FROM attachment t WHERE t.application_id = ${app} AND t.deleted_at IS NULL) AS kinds,
  (SELECT coalesce(json_agg(${HISTORY_JSON}), '[]') FROM application x WHERE x.organization_id = ${org} AND x.id <> ${app}) AS history,
  (SELECT coalesce(json_agg(${HISTORY_JSON}), '[]') FROM application x
    WHERE x.program_code = ${program} AND x.status IN ('awarded', 'revoked') AND x.id <> ${app}) AS awards`;
}

/** The facts columns as read (see eligibilityFactsColumns). */
export interface EligibilityFactsRow {
  flags: OrganizationFlagFacts[];
  kinds: string[];
  history: HistoryEntry[];
  awards: HistoryEntry[];
}

export type OrganizationRow = Omit<OrganizationFacts, 'flags'>;
type CallFacts = Pick<Call, 'id' | 'year' | 'closesAt' | 'requestSharePercent'>;

/** Gathers what the eligibility rules look at: the organization and its flags, its other applications, the program's awards. */
@Injectable()
export class EligibilityContextBuilder {
  async build(
    m: EntityManager,
    app: Application,
    call: CallFacts,
    today: string,
    org?: OrganizationRow,
  ): Promise<EligibilityContext> {
    if (!org) {
      const row = await organizationFacts(m, app.organizationId);
      if (!row) throw new Error(`organization ${app.organizationId} of application ${app.id} does not exist`);
      org = row;
    }
    const [facts] = await m.query(`SELECT ${eligibilityFactsColumns('$1', '$2', '$3')}`, [
      app.organizationId,
      app.id,
      app.programCode,
    ]);
    return this.assemble(app, call, today, org, facts);
  }

  /** The context from facts already read (e.g. together with the application, see ApplicationRepository.readForSubmit). */
  assemble(
    app: Application,
    call: CallFacts,
    today: string,
    org: OrganizationRow,
    facts: EligibilityFactsRow,
  ): EligibilityContext {
    return {
      organization: { ...org, flags: facts.flags },
      application: {
        id: app.id,
        callId: app.callId,
        track: app.track,
        payload: app.payload ?? {},
        attachmentKinds: facts.kinds,
      },
      call: { id: call.id, year: call.year, closesAt: call.closesAt, requestSharePercent: call.requestSharePercent },
      today,
      organizationHistory: facts.history,
      programAwards: facts.awards,
    };
  }
}
