import { Global, Module } from '@nestjs/common';
import { AWARD_PAYMENTS } from '@portal/awards';
import { InstalmentMachine } from './instalments/instalment-mover';
import { BankFileService } from './bank-file/bank-file.service';
import { BatchesService } from './batches/batches.service';
import { PaymentPlans } from './instalments/payment-plans';
import { InstalmentHolds } from './instalments/instalment-holds';
import { PaymentsService } from './instalments/payments.service';
import {
  AwardMoneyController,
  LedgersController,
  PaymentBatchesController,
  PaymentsController,
} from './payments.controller';
import { LedgerSummaryService } from './ledger/ledger-summary';
import { railProvider } from './rails/rail.provider';
import { PaymentOutbox } from './sending/payment-outbox';
import { PaymentSender } from './sending/payment-sender';
import { PaymentSettlement } from './sending/settlement';
import { PaymentProcessor } from './sending/payment.processor';

const SERVICES = [
  InstalmentMachine,
  PaymentOutbox,
  PaymentSettlement,
  PaymentPlans,
  InstalmentHolds,
  PaymentsService,
  BatchesService,
  BankFileService,
];

/**
 * Payments in the API: instalments, batches, the bank file, retries and recoveries. Global because it provides awards'
 * AWARD_PAYMENTS port (awards must not import payments: payments depends on awards).
 */
@Global()
@Module({
  controllers: [PaymentsController, PaymentBatchesController, AwardMoneyController, LedgersController],
  providers: [...SERVICES, LedgerSummaryService, { provide: AWARD_PAYMENTS, useExisting: PaymentPlans }],
  exports: [InstalmentMachine, PaymentPlans, InstalmentHolds, PaymentSettlement, PaymentOutbox, AWARD_PAYMENTS],
})
export class PaymentsModule {}

/** Payments in the worker: the payment processor with its relay and reconciler, and the rail. */
@Module({
  providers: [
    InstalmentMachine,
    InstalmentHolds,
    PaymentOutbox,
    PaymentSettlement,
    PaymentSender,
    railProvider,
    PaymentProcessor,
  ],
  // issue 13: followup's report sweep holds instalments of overdue reports in the worker
  exports: [InstalmentHolds],
})
export class PaymentsWorkerModule {}
