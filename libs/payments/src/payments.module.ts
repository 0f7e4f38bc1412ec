import { Module } from '@nestjs/common';
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

const SERVICES = [PaymentOutbox, PaymentSettlement, PaymentPlans, PaymentsService, BatchesService, BankFileService];

/** Payments in the API: instalments, batches, the bank file, retries and recoveries. */
@Module({
  controllers: [PaymentsController, PaymentBatchesController, AwardMoneyController],
  providers: SERVICES,
  exports: [PaymentPlans, PaymentSettlement, PaymentOutbox],
})
export class PaymentsModule {}

/** Payments in the worker: the payment processor with its relay and reconciler, and the rail. */
@Module({
  providers: [PaymentOutbox, PaymentSettlement, PaymentSender, railProvider, PaymentProcessor],
})
export class PaymentsWorkerModule {}
