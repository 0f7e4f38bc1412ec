import { bilingual, MailText, yuan } from './format';

/** Mails of the payments feature: an instalment paid, or failed and waiting for finance staff. */

export interface InstalmentFacts {
  organization: string;
  title: string;
  instalmentNo: number;
  amountFen: number;
}

export function paymentSent(i: InstalmentFacts & { reference: string | null }): MailText {
  return bilingual(
    'payments.sent',
    `第 ${i.instalmentNo} 期资金已拨付`,
    `Instalment ${i.instalmentNo} paid`,
    [
      `${i.organization}：`,
      `“${i.title}”第 ${i.instalmentNo} 期扶持资金 ${yuan(i.amountFen)} 已拨付${i.reference ? `（银行流水号 ${i.reference}）` : ''}，请注意查收。`,
    ],
    [
      `Dear ${i.organization},`,
      `Instalment ${i.instalmentNo} of "${i.title}", ${yuan(i.amountFen)}, has been paid${i.reference ? ` (bank reference ${i.reference})` : ''}.`,
    ],
  );
}

export function paymentFailed(i: InstalmentFacts & { failure: string }): MailText {
  return bilingual(
    'payments.failed',
    `第 ${i.instalmentNo} 期资金拨付未成功`,
    `Instalment ${i.instalmentNo} could not be paid`,
    [
      `${i.organization}：`,
      `“${i.title}”第 ${i.instalmentNo} 期扶持资金 ${yuan(i.amountFen)} 拨付未成功（${i.failure}）。财务人员将核实后处理，如收款账户有变化请及时联系。`,
    ],
    [
      `Dear ${i.organization},`,
      `Instalment ${i.instalmentNo} of "${i.title}", ${yuan(i.amountFen)}, could not be paid (${i.failure}). ` +
        `Finance staff will look into it; tell them if your bank account changed.`,
    ],
  );
}
