import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators';
import { PageQuery } from '../http/paging';
import { pageOf } from '../http/openapi';

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
/** One mail of the outbox, as the admins' outbox page lists it. */
export class OutboxMailResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty() template: string;
  @ApiProperty({ description: 'queued, sent, kept (no SMTP), failed' }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

@Controller('admin')
export class MailOutboxController {
  constructor(private readonly outbox: MailOutboxService) {}

  @Roles('admin')
  @Get('outbox')
  @ApiOkResponse({ type: pageOf(OutboxMailResponse) })
  list(@Query() q: PageQuery) {
    return this.outbox.list(q);
  }
}
