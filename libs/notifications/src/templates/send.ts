import { MailService, SqlPart, Tx } from '@portal/platform';
import { organizationMailboxesPart } from '@portal/identity';
import { MailText } from './format';
import { organizationMailboxes } from './recipients';

/**
 * Queues one mail to every member of the organization, in the caller's transaction. `link`: the portal path the mail
 * is about (the inbox item's link, e.g. `/applications/<id>`).
 */
export async function mailOrganization(
  mail: MailService,
  tx: Tx,
  organizationId: string,
  m: MailText,
  link: string | null = null,
): Promise<number> {
  const to = await organizationMailboxes(tx.manager, organizationId);
  for (const address of to)
    await mail.queueMail(tx, { to: address, subject: m.subject, text: m.text, template: m.template, link });
  return to.length;
}

/**
 * The same as parts of the caller's statement, for many organizations at once: one mail to every member of the
 * organization of each row of the part named `from` (columns organization_id, subject, body_text, template, and link:
 * the inbox item's portal path or NULL). The part named `ids` returns the ids of the mail rows written (dispatch them
 * once the statement has committed).
 */
export function organizationMailParts(
  mail: MailService,
  from: string,
  prefix: string,
): { parts: SqlPart[]; ids: string } {
  const boxes = organizationMailboxesPart(`${prefix}_mailboxes`, from);
  const rows: SqlPart = {
    name: `${prefix}_mail_out`,
    sql: `SELECT gen_random_uuid() AS id, b.email AS to_address, f.subject, f.body_text, f.template, f.link
            FROM ${from} f JOIN ${boxes.name} b ON b.organization_id = f.organization_id`,
    params: [],
  };
  const insert = mail.outboxPart(rows.name, `${prefix}_mail_rows`, true);
  return { parts: [boxes, rows, insert], ids: insert.name };
}
