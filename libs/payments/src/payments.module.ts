import { Global, Module } from '@nestjs/common';
import { AWARD_PAYMENTS } from '@portal/awards';
import { InstalmentMachine } from './instalments/instalment-mover';
import { BankFileService } from './bank-file/bank-file.service';
import { BatchesService } from './batches/batches.service';
import { PaymentPlans } from './instalments/payment-plans';
import { PaymentsService } from './instalments/payments.service';
import { AwardMoneyController, PaymentBatchesController, PaymentsController } from './payments.controller';
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
  controllers: [PaymentsController, PaymentBatchesController, AwardMoneyController],
  providers: [...SERVICES, { provide: AWARD_PAYMENTS, useExisting: PaymentPlans }],
  exports: [InstalmentMachine, PaymentPlans, PaymentSettlement, PaymentOutbox, AWARD_PAYMENTS],
})
export class PaymentsModule {}

/** Payments in the worker: the payment processor with its relay and reconciler, and the rail. */
@Module({
  providers: [InstalmentMachine, PaymentOutbox, PaymentSettlement, PaymentSender, railProvider, PaymentProcessor],
})
export class PaymentsWorkerModule {}
