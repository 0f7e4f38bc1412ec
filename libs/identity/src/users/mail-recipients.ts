import { Global, Module } from '@nestjs/common';
import { MAIL_RECIPIENTS, MailRecipients } from '@portal/platform';

/**
 * Identity answers platform's MAIL_RECIPIENTS port: the account a mail goes to is the one whose e-mail equals the
 * address, case-insensitive (the unique index `app_user_email` on lower(email) answers it). Global, so the platform
 * module's MailService finds it without importing identity.
 */
export const mailRecipients: MailRecipients = {
  accountIdSql: (address) => `(SELECT ru.id FROM app_user ru WHERE lower(ru.email) = lower(${address}))`,
};

@Global()
@Module({ providers: [{ provide: MAIL_RECIPIENTS, useValue: mailRecipients }], exports: [MAIL_RECIPIENTS] })
export class MailRecipientsModule {}
