import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators';
import { PageQuery } from '../http/paging';

/** The mail outbox as administrators see it: every message, newest first, with its delivery state. */
@Injectable()
export class MailOutboxService {
  constructor(private readonly ds: DataSource) {}

  async list(q: PageQuery) {
    const [items, count] = await Promise.all([
      this.ds.query(
        `SELECT id, to_address AS "to", subject, body_text AS "text", template, status, attempts, last_error AS "lastError",
                created_at AS "createdAt", sent_at AS "sentAt"
           FROM mail_message ORDER BY created_at DESC LIMIT $1 OFFSET $2`,
        [q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM mail_message`),
    ]);
    return { items, total: count[0].n, page: q.page, pageSize: q.pageSize };
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class MailOutboxController {
  constructor(private readonly outbox: MailOutboxService) {}

  @Roles('admin')
  @Get('outbox')
  list(@Query() q: PageQuery) {
    return this.outbox.list(q);
  }
}
