import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EligibilityContext, HistoryEntry, OrganizationFacts, OrganizationFlagFacts } from '@portal/programs';
import { Call } from '../calls/call.entity';
import { Application } from './application.entity';

const HISTORY_JSON = `json_build_object('applicationId', x.id, 'callId', x.call_id, 'programCode', x.program_code, 'track', x.track,
  'status', x.status, 'workTitle', x.payload->>'workTitle', 'organizationId', x.organization_id)`;

/** Everything but the organization row, in one round trip: its flags, the uploaded kinds, its other applications, the program's awards. */
const FACTS_SQL = `SELECT
  (SELECT coalesce(json_agg(json_build_object('kind', f.kind, 'from', to_char(f.from_date, 'YYYY-MM-DD'), 'until', to_char(f.until_date, 'YYYY-MM-DD'))), '[]')
     FROM organization_flag f WHERE f.organization_id = $1) AS flags,
  (SELECT coalesce(array_agg(DISTINCT t.kind), '{}') FROM attachment t WHERE t.application_id = $2 AND t.deleted_at IS NULL) AS kinds,
  (SELECT coalesce(json_agg(${HISTORY_JSON}), '[]') FROM application x WHERE x.organization_id = $1 AND x.id <> $2) AS history,
  (SELECT coalesce(json_agg(${HISTORY_JSON}), '[]') FROM application x WHERE x.program_code = $3 AND x.status IN ('awarded', 'revoked') AND x.id <> $2) AS awards`;

export type OrganizationRow = Omit<OrganizationFacts, 'flags'>;

/** Gathers what the eligibility rules look at: the organization and its flags, its other applications, the program's awards. */
@Injectable()
export class EligibilityContextBuilder {
  async build(m: EntityManager, app: Application, call: Pick<Call, 'id' | 'year' | 'closesAt' | 'requestSharePercent'>, today: string, org?: OrganizationRow): Promise<EligibilityContext> {
    if (!org) {
      const [row] = await m.query(`SELECT id, name, credit_code, business_types FROM organization WHERE id = $1`, [app.organizationId]);
      org = { id: row.id, name: row.name, creditCode: row.credit_code, businessTypes: row.business_types ?? [] };
    }
    const [facts] = await m.query(FACTS_SQL, [app.organizationId, app.id, app.programCode]);
    return {
      organization: { ...org, flags: facts.flags as OrganizationFlagFacts[] },
      application: { id: app.id, callId: app.callId, track: app.track, payload: app.payload ?? {}, attachmentKinds: facts.kinds },
      call: { id: call.id, year: call.year, closesAt: call.closesAt, requestSharePercent: call.requestSharePercent },
      today,
      organizationHistory: facts.history as HistoryEntry[],
      programAwards: facts.awards as HistoryEntry[],
    };
  }
}
