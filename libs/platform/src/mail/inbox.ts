import { Controller, Get, HttpCode, Injectable, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../auth/decorators';
import { AuthUser } from '../auth/roles';
import { PLATFORM_ERRORS } from '../errors/platform-errors';
import { pageOf } from '../http/openapi';
import { Page, PageQuery } from '../http/paging';
import { UuidPipe } from '../http/uuid.pipe';

/**
 * The inbox (issue 14): every mail the portal writes to `mail_message` is also an item in its recipient's inbox —
 * the row's `recipient_id`, fixed when the mail was written (see MailService and the MAIL_RECIPIENTS port). It does
 * not wait for SMTP: a mail kept in the outbox (no SMTP_URL), queued or failed shows all the same. Read state is the
 * row's `read_at`; only the recipient sees or marks an item (anyone else: 404).
 */
export interface InboxItem {
  id: string;
  subject: string;
  text: string;
  template: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const ITEM_COLUMNS = `id, subject, body_text AS "text", template, link, created_at AS "createdAt", read_at AS "readAt"`;

@Injectable()
export class InboxService {
  constructor(private readonly ds: DataSource) {}

  /** The user's items, newest first; `unread` only the unread ones. */
  async list(userId: string, q: InboxQuery): Promise<Page<InboxItem>> {
    const unread = q.unread ? 'AND read_at IS NULL' : '';
    const [items, count] = await Promise.all([
      this.ds.query(
        `SELECT ${ITEM_COLUMNS} FROM mail_message
          WHERE recipient_id = $1 ${unread}
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM mail_message WHERE recipient_id = $1 ${unread}`, [userId]),
    ]);
    return { items, total: count[0].n, page: q.page, pageSize: q.pageSize };
  }

  /** The badge: read on every page load, answered from the partial index `mail_message_unread`. */
  async unreadCount(userId: string): Promise<number> {
    const rows = await this.ds.query(
      `SELECT count(*)::int AS n FROM mail_message WHERE recipient_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return rows[0].n;
  }

  /** Marks one item read (again: no change, the first moment stays); another user's or no item: 404. */
  async markRead(userId: string, id: string): Promise<InboxItem> {
    // an UPDATE … RETURNING answers [rows, count]
    const [rows]: [InboxItem[], number] = await this.ds.query(
      `UPDATE mail_message SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2
       RETURNING ${ITEM_COLUMNS}`,
      [id, userId],
    );
    if (!rows[0]) throw PLATFORM_ERRORS['RESOURCE.NOT_FOUND']();
    return rows[0];
  }

  /** Marks every unread item of the user read; answers how many changed. */
  async markAllRead(userId: string): Promise<number> {
    const [, n] = await this.ds.query(
      `UPDATE mail_message SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(n);
  }
}

/** `?unread=true&page=&pageSize=` */
export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread items' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}

/** One item of the user's inbox: a mail the portal wrote to them. */
export class InboxItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'the mail body (Chinese first, then English)' }) text: string;
  @ApiProperty({ description: "the mail's template, e.g. applications.returned" }) template: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the portal path the mail is about, e.g. /applications/<id>',
  })
  link: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class InboxCountResponse {
  @ApiProperty() unread: number;
}

export class InboxReadAllResponse {
  @ApiProperty({ description: 'how many items were marked read' }) marked: number;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  /** The signed-in user's inbox, newest first. `?unread=true` */
  @Roles('any')
  @Get()
  @ApiOkResponse({ type: pageOf(InboxItemResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: InboxQuery) {
    return this.inbox.list(user.id, q);
  }

  @Roles('any')
  @Get('unread-count')
  @ApiOkResponse({ type: InboxCountResponse })
  async unreadCount(@CurrentUser() user: AuthUser) {
    return { unread: await this.inbox.unreadCount(user.id) };
  }

  @Roles('any')
  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxReadAllResponse })
  async readAll(@CurrentUser() user: AuthUser) {
    return { marked: await this.inbox.markAllRead(user.id) };
  }

  @Roles('any')
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxItemResponse })
  read(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.inbox.markRead(user.id, id);
  }
}
