import { PaymentRail, RailAnswer } from './rail';

/**
 * PAYMENT_RAIL=bank-file: payments leave as a file for online banking (GET /api/payment-batches/:id/bank-file) and
 * come back with the bank's return file (POST /api/payment-batches/:id/bank-return). Nothing is sent one by one, and
 * the only status there is is the one the return file brings.
 */
export class BankFileRail implements PaymentRail {
  readonly name = 'bank-file' as const;
  readonly sendsOnline = false;

  async send(): Promise<RailAnswer> {
    return { outcome: 'pending', detail: { rail: 'bank-file', waiting: 'return file' } };
  }

  async status(): Promise<RailAnswer> {
    return { outcome: 'pending', detail: { rail: 'bank-file', waiting: 'return file' } };
  }
}
