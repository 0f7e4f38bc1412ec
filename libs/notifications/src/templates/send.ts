import { MailService, Tx } from '@portal/platform';
import { MailText } from './format';
import { organizationMailboxes } from './recipients';

/** Queues one mail to every member of the organization, in the caller's transaction. */
export async function mailOrganization(
  mail: MailService,
  tx: Tx,
  organizationId: string,
  m: MailText,
): Promise<number> {
  const to = await organizationMailboxes(tx.manager, organizationId);
  for (const address of to)
    await mail.queueMail(tx, { to: address, subject: m.subject, text: m.text, template: m.template });
  return to.length;
}
