import { Injectable } from '@nestjs/common';
import { OmitType } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { page, Page, SqlRow } from '@portal/platform';
import { listOutcomes, ProgramRegistry } from '@portal/programs';
import { applicationsFrom, callTitleJoin } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
import { PublicAwardQuery } from './awards.service';

/** `?program=&year=&page=&pageSize=`: the public award list's filters without the province ones. */
export class PublicListQuery extends OmitType(PublicAwardQuery, ['province', 'withProvince'] as const) {}

/** One entry of a published list: an award without money (a place on the list). */
export interface PublicListEntry {
  awardId: string;
  number: string | null;
  organization: string;
  title: string;
  /** What the list calls the entry (the track's title: 季度优秀国产动画片推荐, “一带一路”国际合作重点企业). */
  listTitle: string | null;
  status: 'active' | 'revoked' | 'lapsed';
}

/** A published list: the entries without money of one finalized call. */
export interface PublicList {
  callId: string;
  program: string;
  year: number;
  callTitle: string;
  publishedAt: string;
  entries: PublicListEntry[];
}

/**
 * Lists without money as outcomes of their own (issue 15): 推优's quarterly recommendations, the 一带一路 list — the
 * awards of the (program, track) pairs the programs declare as lists (`listOutcomes`), grouped by call, newest first.
 * They are published when the call is finalized, as the public award list is; an entry revoked later stays, marked.
 */
@Injectable()
export class PublicListsService {
  constructor(
    private readonly ds: DataSource,
    private readonly programs: ProgramRegistry,
  ) {}

  async list(q: PublicListQuery): Promise<Page<PublicList>> {
    const outcomes = listOutcomes(this.programs.list());
    const whole = outcomes.filter((o) => o.track === null).map((o) => o.program);
    const tracks = outcomes.filter((o) => o.track !== null).map((o) => `${o.program}:${o.track}`);
    const params: unknown[] = [whole, tracks];
    const where = [
      `(aw.program_code = ANY($1::text[]) OR aw.program_code || ':' || coalesce(aw.track, '') = ANY($2::text[]))`,
    ];
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    if (q.year) where.push(`aw.year = $${params.push(q.year)}`);
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(
      `SELECT count(DISTINCT aw.call_id)::int AS total FROM award aw ${w}`,
      params,
    );
    const calls: SqlRow[] = await this.ds.query(
      `SELECT aw.call_id, aw.program_code, aw.year, min(aw.created_at) AS published_at
         FROM award aw ${w}
        GROUP BY aw.call_id, aw.program_code, aw.year
        ORDER BY min(aw.created_at) DESC, aw.call_id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    if (!calls.length) return page([], total, q);
    const rows: SqlRow[] = await this.ds.query(
      `SELECT aw.id, aw.call_id, aw.tier, aw.status, app.number, app.title, o.organization_name, c.call_title
         FROM award aw ${organizationPayeeJoin('o', 'aw.organization_id')}
         JOIN ${applicationsFrom('app')} ON app.id = aw.application_id ${callTitleJoin('c', 'aw.call_id')}
        ${w} AND aw.call_id = ANY($${params.length + 1}::uuid[])
        ORDER BY app.number NULLS LAST, aw.id`,
      [...params, calls.map((c) => c.call_id)],
    );
    return page(
      calls.map((c) => {
        const mine = rows.filter((r) => r.call_id === c.call_id);
        return {
          callId: c.call_id,
          program: c.program_code,
          year: Number(c.year),
          callTitle: mine[0]?.call_title ?? '',
          publishedAt: new Date(c.published_at).toISOString(),
          entries: mine.map((r) => ({
            awardId: r.id,
            number: r.number,
            organization: r.organization_name,
            title: r.title,
            listTitle: r.tier,
            status: r.status,
          })),
        };
      }),
      total,
      q,
    );
  }
}
