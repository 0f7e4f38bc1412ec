import { DataSource } from 'typeorm';
import { PaymentOrder, PaymentRail, RailAnswer } from './rail';

/**
 * PAYMENT_RAIL=sandbox (the default): a simulated bank inside the portal that confirms every payment, so a demo
 * reaches `paid`. It keeps its books in Postgres (`sandbox_bank_payment`), idempotent by key: a repeated key gets the
 * first answer and is never paid twice, even across restarts.
 */
export class SandboxRail implements PaymentRail {
  readonly name = 'sandbox' as const;
  readonly sendsOnline = true;

  constructor(private readonly ds: DataSource) {}

  async send(order: PaymentOrder): Promise<RailAnswer> {
    const reference = `SBX-${order.key.slice(0, 8).toUpperCase()}`;
    const rows: { status: string; reference: string; calls: number }[] = await this.ds.query(
      `INSERT INTO sandbox_bank_payment (idempotency_key, amount_fen, payee, status, reference)
       VALUES ($1, $2, $3, 'paid', $4)
       ON CONFLICT (idempotency_key) DO UPDATE SET calls = sandbox_bank_payment.calls + 1
       RETURNING status, reference, calls`,
      [order.key, order.amountFen, `${order.payeeName} ${order.payeeCreditCode}`, reference],
    );
    const r = rows[0];
    return { outcome: 'paid', reference: r.reference, detail: { rail: 'sandbox', calls: r.calls } };
  }

  async status(key: string): Promise<RailAnswer> {
    const rows: { status: string; reference: string }[] = await this.ds.query(
      `SELECT status, reference FROM sandbox_bank_payment WHERE idempotency_key = $1`,
      [key],
    );
    if (!rows.length) return { outcome: 'unknown', detail: { rail: 'sandbox' } };
    return { outcome: 'paid', reference: rows[0].reference, detail: { rail: 'sandbox' } };
  }
}
