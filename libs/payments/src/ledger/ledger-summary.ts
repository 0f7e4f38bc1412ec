import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { SqlRow } from '@portal/platform';
import { applicationsFrom, callsRelation } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';

export class LedgerSummaryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'one call: a row per award' })
  @IsOptional()
  @IsUUID()
  callId?: string;
  @ApiPropertyOptional({ description: 'one program (code): a row per call' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/)
  program?: string;
  @ApiPropertyOptional({ description: "the calls' year" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class LedgerTotalsResponse {
  @ApiProperty({ description: 'awards with at least one instalment' }) awards: number;
  @ApiProperty({ description: 'the instalments planned, cancelled ones left out (fen)' }) plannedFen: number;
  @ApiProperty({ description: 'paid by the bank (ledger lines "paid")' }) paidFen: number;
  @ApiProperty({ description: 'recovered (ledger lines "recovered")' }) recoveredFen: number;
  @ApiProperty({ description: 'paid − recovered' }) balanceFen: number;
  @ApiProperty({ description: 'put up for recovery, not yet recovered' }) outstandingRecoveryFen: number;
  @ApiProperty({ description: 'planned − paid: still to pay (cancelled instalments left out)' }) unpaidFen: number;
}

export class LedgerRowResponse extends LedgerTotalsResponse {
  @ApiProperty({ description: 'the program code, call id or award id of the row' }) key: string;
  @ApiProperty({ description: "the call's title, the application number and title, or the program code" })
  label: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'award rows: the organization' })
  organizationName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) programCode?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) year?: number | null;
}

export class LedgerSummaryResponse {
  @ApiProperty({ enum: ['program', 'call', 'award'], description: 'what one row is' }) rowsBy: string;
  @ApiProperty({ type: LedgerTotalsResponse }) totals: LedgerTotalsResponse;
  @ApiProperty({ type: [LedgerRowResponse] }) rows: LedgerRowResponse[];
}

const num = (x: unknown) => Number(x ?? 0);

function totals(r: SqlRow): LedgerTotalsResponse {
  const paid = num(r.paid);
  const recovered = num(r.recovered);
  const planned = num(r.planned);
  return {
    awards: num(r.awards),
    plannedFen: planned,
    paidFen: paid,
    recoveredFen: recovered,
    balanceFen: paid - recovered,
    outstandingRecoveryFen: num(r.opened) - recovered,
    unpaidFen: planned - paid,
  };
}

/**
 * Ledgers with totals by program, call or award (finance): what was planned (instalments, cancelled left out), paid
 * and recovered (the append-only payment ledger), per award first, then summed by the row's key.
 */
@Injectable()
export class LedgerSummaryService {
  constructor(private readonly ds: DataSource) {}

  async summary(q: LedgerSummaryQuery): Promise<LedgerSummaryResponse> {
    const rowsBy = q.callId ? 'award' : q.program ? 'call' : 'program';
    const per = `per_award AS (
        SELECT i.award_id, min(i.call_id::text)::uuid AS call_id, min(i.application_id::text)::uuid AS application_id,
               min(i.organization_id::text)::uuid AS organization_id, min(c.program_code) AS program_code, min(c.year) AS year,
               min(c.title) AS call_title,
               coalesce(sum(i.amount_fen) FILTER (WHERE i.status <> 'cancelled'), 0) AS planned
          FROM instalment i JOIN ${callsRelation('c')} ON c.id = i.call_id
         WHERE ($1::uuid IS NULL OR i.call_id = $1) AND ($2::text IS NULL OR c.program_code = $2)
           AND ($3::int IS NULL OR c.year = $3)
         GROUP BY i.award_id),
      money AS (
        SELECT l.award_id,
               coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'paid'), 0) AS paid,
               coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'recovered'), 0) AS recovered,
               coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'recovery-opened'), 0) AS opened
          FROM payment_ledger l WHERE l.award_id IN (SELECT award_id FROM per_award)
           AND l.kind IN ('paid', 'recovered', 'recovery-opened')
         GROUP BY l.award_id),
      joined AS (
        SELECT p.*, coalesce(m.paid, 0) AS paid, coalesce(m.recovered, 0) AS recovered, coalesce(m.opened, 0) AS opened
          FROM per_award p LEFT JOIN money m ON m.award_id = p.award_id)`;
    const params = [q.callId ?? null, q.program ?? null, q.year ?? null];
    const sums = `count(*) AS awards, sum(planned) AS planned, sum(paid) AS paid, sum(recovered) AS recovered, sum(opened) AS opened`;
    const [all] = await this.ds.query(`WITH ${per} SELECT ${sums} FROM joined`, params);
    let rows: LedgerRowResponse[];
    if (rowsBy === 'award') {
      const r: SqlRow[] = await this.ds.query(
        `WITH ${per} SELECT j.award_id AS key, 1 AS awards, j.planned, j.paid, j.recovered, j.opened, j.program_code, j.year,
                a.number, a.title, o.organization_name
           FROM joined j JOIN ${applicationsFrom('a')} ON a.id = j.application_id
           ${organizationPayeeJoin('o', 'j.organization_id')}
          ORDER BY a.number`,
        params,
      );
      rows = r.map((x) => ({
        key: x.key,
        label: `${x.number ?? ''} ${x.title}`.trim(),
        organizationName: x.organization_name,
        programCode: x.program_code,
        year: x.year === null ? null : Number(x.year),
        ...totals(x),
      }));
    } else if (rowsBy === 'call') {
      const r: SqlRow[] = await this.ds.query(
        `WITH ${per} SELECT call_id::text AS key, min(call_title) AS label, min(program_code) AS program_code, min(year) AS year, ${sums}
           FROM joined GROUP BY call_id ORDER BY min(year) DESC, min(call_title)`,
        params,
      );
      rows = r.map((x) => ({
        key: x.key,
        label: x.label,
        programCode: x.program_code,
        year: Number(x.year),
        ...totals(x),
      }));
    } else {
      const r: SqlRow[] = await this.ds.query(
        `WITH ${per} SELECT program_code AS key, ${sums} FROM joined GROUP BY program_code ORDER BY program_code`,
        params,
      );
      rows = r.map((x) => ({ key: x.key, label: x.key, programCode: x.key, ...totals(x) }));
    }
    return { rowsBy, totals: totals(all), rows };
  }
}
