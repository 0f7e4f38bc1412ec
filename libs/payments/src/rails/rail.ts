/**
 * A payment rail moves money for one instalment. Every call carries the instalment id as idempotency key: the rail
 * (bank, treasury API, the sandbox) must never pay one key twice, and can be asked what became of a key.
 */
export interface PaymentOrder {
  /** The instalment id: idempotency key of the payment. */
  key: string;
  amountFen: number;
  payeeName: string;
  payeeCreditCode: string;
  /** What the payee sees on the statement, e.g. `JP-2026-000012 第1期`. */
  memo: string;
}

/**
 * What the rail said.
 * - paid: the money moved (reference = the bank's id of the transfer);
 * - failed: the rail refused it and moved nothing (reason from the rail);
 * - pending: the rail has it and will decide later;
 * - unknown: (status only) the rail has never seen this key, so nothing was paid;
 * - not-sent: the request provably never reached the rail (connection refused);
 * - ambiguous: no usable answer (timeout, connection reset, 5xx): the money may or may not have moved.
 */
export type RailAnswer =
  | { outcome: 'paid'; reference: string | null; detail?: Record<string, unknown> }
  | { outcome: 'failed'; reason: string; detail?: Record<string, unknown> }
  | { outcome: 'pending'; detail?: Record<string, unknown> }
  | { outcome: 'unknown'; detail?: Record<string, unknown> }
  | { outcome: 'not-sent'; reason: string; detail?: Record<string, unknown> }
  | { outcome: 'ambiguous'; reason: string; detail?: Record<string, unknown> };

export type RailName = 'sandbox' | 'http' | 'bank-file';

export interface PaymentRail {
  readonly name: RailName;
  /** false for the bank file: payments leave with the exported file, not one by one. */
  readonly sendsOnline: boolean;
  send(order: PaymentOrder): Promise<RailAnswer>;
  status(key: string): Promise<RailAnswer>;
}

/** Token under which the configured rail is provided. */
export const PAYMENT_RAIL = Symbol('PAYMENT_RAIL');
