/**
 * The port by which the mail outbox learns whose inbox a mail goes to (declared here, provided by identity, which
 * owns the accounts): a SQL expression giving the id of the account whose e-mail equals the address expression
 * (case-insensitive), or NULL when no account has it. MailService puts it into the INSERT of every mail row, so the
 * recipient is fixed when the mail is written (see the Inbox migration).
 */
export const MAIL_RECIPIENTS = 'portal:mail-recipients';

export interface MailRecipients {
  /** e.g. `(SELECT id FROM app_user WHERE lower(email) = lower(<address>))`; `address` is a SQL expression. */
  accountIdSql(address: string): string;
}
