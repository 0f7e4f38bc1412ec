import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkAuditChain, listAuditEvents, PageQuery, shanghaiMidnight } from '@portal/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface AuditLogParams {
  page: number;
  pageSize: number;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** The admins' audit log: the chain's events (platform's reader) with the names of the accounts that acted. */
@Injectable()
export class AuditLogService {
  constructor(private readonly ds: DataSource) {}

  async list(q: AuditLogParams) {
    let actorId: string | undefined;
    if (q.actor?.trim()) {
      const a = q.actor.trim();
      if (UUID.test(a)) actorId = a;
      else {
        const [u] = await this.ds.query(`SELECT id FROM app_user WHERE lower(email) = lower($1)`, [a]);
        if (!u) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        actorId = u.id;
      }
    }
    // a day is the Shanghai day: from its midnight, to the next day's midnight
    const from = q.from ? (DAY.test(q.from) ? shanghaiMidnight(q.from) : new Date(q.from)) : undefined;
    const to = q.to
      ? DAY.test(q.to)
        ? new Date(shanghaiMidnight(q.to).getTime() + 86_400_000)
        : new Date(q.to)
      : undefined;
    const page = await listAuditEvents(
      this.ds,
      {
        actorId,
        entityType: q.entityType?.trim() || undefined,
        entityId: q.entityId?.trim() || undefined,
        action: q.action?.trim() || undefined,
        from,
        to,
      },
      q as PageQuery,
    );
    const ids = [...new Set(page.items.map((e) => e.actorId).filter((x): x is string => !!x))];
    const users: { id: string; name: string; email: string }[] = ids.length
      ? await this.ds.query(`SELECT id, name, email FROM app_user WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return {
      ...page,
      items: page.items.map((e) => ({
        ...e,
        actorName: e.actorId ? (byId.get(e.actorId)?.name ?? null) : null,
        actorEmail: e.actorId ? (byId.get(e.actorId)?.email ?? null) : null,
      })),
    };
  }

  verify(fromSeq: number) {
    return checkAuditChain(this.ds, fromSeq);
  }
}
