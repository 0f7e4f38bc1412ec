import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, pageOf, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { UploadedBytes } from './bank-file/uploaded-bytes';
import { PrepareBatchDto, BatchListQuery } from './batches/batch.dto';
import { BatchesService } from './batches/batches.service';
import { BankFileService } from './bank-file/bank-file.service';
import { PaymentPlans } from './instalments/payment-plans';
import { MilestoneDto, PaymentListQuery, RecoveredDto } from './instalments/payments.dto';
import { PaymentsService } from './instalments/payments.service';
import { PAYMENT_ERRORS } from './errors';
import { LedgerSummaryQuery, LedgerSummaryResponse, LedgerSummaryService } from './ledger/ledger-summary';
import {
  AwardLedgerResponse,
  BankReturnProposalResponse,
  BankReturnResponse,
  BatchResponse,
  InstalmentResponse,
  InstalmentWithHistoryResponse,
  PreparedBatchResponse,
} from './payments.responses';

@ApiTags('payments')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** Page of instalments; an organization sees only its own. `?callId=&status=&awardId=&batchId=&instalmentNo=&due=true&province=` */
  @Roles('finance', 'officer', 'applicant')
  @Get()
  @ApiOkResponse({ type: pageOf(InstalmentResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: PaymentListQuery) {
    return this.payments.list(user, q);
  }

  @Roles('finance', 'officer', 'applicant')
  @Get(':id')
  @ApiOkResponse({ type: InstalmentWithHistoryResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.payments.get(user, id);
  }

  /**
   * A failed instalment back to sending (API.md); on a call with `paymentDualControl` the maker's proposal: it stays
   * `failed` until another finance user approves.
   */
  @Roles('finance')
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: InstalmentResponse })
  retry(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.payments.retry(user, id);
  }

  /** Checker: the proposed retry goes ahead (→ approved → sending); 403 for the proposer, an admin, the paid organization. */
  @Roles('finance')
  @Post(':id/retry/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: InstalmentResponse })
  approveRetry(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.payments.approveRetry(user, id);
  }

  /** The money of a recovering instalment came back (→ recovered), with the bank's reference of the repayment. */
  @Roles('finance')
  @Post(':id/recovered')
  @HttpCode(200)
  @ApiOkResponse({ type: InstalmentResponse })
  recovered(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: RecoveredDto) {
    return this.payments.recovered(user, id, dto.note, dto.bankReference);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payment-batches')
export class PaymentBatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly bankFile: BankFileService,
  ) {}

  @Roles('finance')
  @Post()
  @ApiCreatedResponse({ type: PreparedBatchResponse })
  prepare(@CurrentUser() user: AuthUser, @Body() dto: PrepareBatchDto) {
    return this.batches.prepare(user, dto);
  }

  @Roles('finance')
  @Get()
  @ApiOkResponse({ type: pageOf(BatchResponse) })
  list(@Query() q: BatchListQuery) {
    return this.batches.list(q);
  }

  @Roles('finance')
  @Get(':id')
  @ApiOkResponse({ type: BatchResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.batches.get(id);
  }

  /** Maker–checker: 403 for the person who prepared the batch. */
  @Roles('finance')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: BatchResponse })
  approve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.batches.approve(user, id);
  }

  /** PAYMENT_RAIL=bank-file: the payment file for online banking (CSV, UTF-8 with BOM). */
  @Roles('finance')
  @Get(':id/bank-file')
  @ApiOkResponse(fileResponse('the payment file for online banking (CSV, UTF-8 with BOM)', 'text/csv'))
  async file(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    const { fileName, text } = await this.bankFile.export(user, id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.send(text);
  }

  /**
   * PAYMENT_RAIL=bank-file: the bank's return file (multipart `file`, CSV: instalmentId,status,reference,reason). Paid lines
   * are recorded; lines marked failed too, or, on a call with `paymentDualControl`, wait for a second finance user
   * (`proposalId`).
   */
  @Roles('finance')
  @Post(':id/bank-return')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  @ApiOkResponse({ type: BankReturnResponse })
  bankReturn(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @UploadedFile() file?: UploadedBytes) {
    if (!file) throw PAYMENT_ERRORS['BANK_RETURN.NO_FILE']({ details: [{ path: 'file', message: 'required' }] });
    return this.bankFile.importReturn(user, id, file.buffer.toString('utf8'));
  }

  /** The batch's bank return proposals (the failed lines of imported returns), newest first: what waits for a checker. */
  @Roles('finance')
  @Get(':id/bank-return-proposals')
  @ApiOkResponse({ type: [BankReturnProposalResponse] })
  returnProposals(@Param('id', UuidPipe) id: string) {
    return this.bankFile.proposals(id);
  }

  /** Checker: applies the lines a return marked failed (held by the import); 403 for the importer, an admin, a paid organization. */
  @Roles('finance')
  @Post(':id/bank-return/:proposalId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: BankReturnResponse })
  approveReturn(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
  ) {
    return this.bankFile.approveReturn(user, id, proposalId);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('awards')
export class AwardMoneyController {
  constructor(
    private readonly plans: PaymentPlans,
    private readonly payments: PaymentsService,
  ) {}

  /** The milestone of an instalment is accepted: it becomes due today. 409 if already due or the award is revoked. */
  @Roles('officer')
  @Post(':id/milestones/:instalmentNo/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: InstalmentResponse })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param(
      'instalmentNo',
      new ParseIntPipe({
        exceptionFactory: () => PAYMENT_ERRORS['INSTALMENT.NOT_FOUND'](),
      }),
    )
    no: number,
    @Body() dto: MilestoneDto,
  ) {
    return this.plans.acceptMilestone(user, id, no, dto.note);
  }

  /** paid − recovered for one award, with its money lines. */
  @Roles('finance', 'officer', 'applicant')
  @Get(':id/ledger')
  @ApiOkResponse({ type: AwardLedgerResponse })
  ledger(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.payments.ledger(user, id);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(private readonly ledgers: LedgerSummaryService) {}

  /**
   * Ledgers with totals (finance): `?callId=` a row per award, `?program=` a row per call, neither a row per program;
   * `year` narrows to the calls of a year. Planned (instalments, cancelled left out), paid, recovered, in fen.
   */
  @Roles('finance')
  @Get()
  @ApiOkResponse({ type: LedgerSummaryResponse })
  summary(@Query() q: LedgerSummaryQuery) {
    return this.ledgers.summary(q);
  }
}
