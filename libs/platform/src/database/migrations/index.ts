import { Foundation1763900000000 } from './1763900000000-Foundation';
import { CallsAndApplications1763900100000 } from './1763900100000-CallsAndApplications';
import { ApplicationsExtra1763900200000 } from './1763900200000-ApplicationsExtra';
import { Review1763900300000 } from './1763900300000-Review';
import { AwardsAndPayments1763900400000 } from './1763900400000-AwardsAndPayments';
import { OneStatementWrites1763900500000 } from './1763900500000-OneStatementWrites';
import { AuditChainFunction1763900600000 } from './1763900600000-AuditChainFunction';
import { CountersAndLocks1764000100000 } from './1764000100000-CountersAndLocks';
import { OneOutboxShape1764000300000 } from './1764000300000-OneOutboxShape';
import { ReviewSettingsFrozen1764000400000 } from './1764000400000-ReviewSettingsFrozen';
import { TusUploads1764000430000 } from './1764000430000-TusUploads';
import { PaymentMakerChecker1764000450000 } from './1764000450000-PaymentMakerChecker';
import { CallPaymentDualControl1764000490000 } from './1764000490000-CallPaymentDualControl';
import { Agencies1764000500000 } from './1764000500000-Agencies';
import { AgencyAdmin1764000500001 } from './1764000500001-AgencyAdmin';
import { ProvincialStage1764000530000 } from './1764000530000-ProvincialStage';
import { ProvincialReviewRound1764000540000 } from './1764000540000-ProvincialReviewRound';
import { FollowupFoundation1764000600000 } from './1764000600000-FollowupFoundation';
import { GrantAgreement1764000600001 } from './1764000600001-GrantAgreement';
import { AwardChange1764000610000 } from './1764000610000-AwardChange';
import { FollowupReports1764000620000 } from './1764000620000-FollowupReports';
import { ChangeReports1764000630000 } from './1764000630000-ChangeReports';
import { AnnualReview1764000640000 } from './1764000640000-AnnualReview';
import { AccountAndColleagues1764000700000 } from './1764000700000-AccountAndColleagues';
import { NoticeProvisionalYears1764000710000 } from './1764000710000-NoticeProvisionalYears';
import { Inbox1764000720000 } from './1764000720000-Inbox';
import { NationalProgramAgencies1764000800000 } from './1764000800000-NationalProgramAgencies';
import { Statistics1765300000000 } from './1765300000000-Statistics';
import { CallSeries1765400000000 } from './1765400000000-CallSeries';
import { SchemeAgencies1765400000001 } from './1765400000001-SchemeAgencies';
import { CallTracks1765400000002 } from './1765400000002-CallTracks';
import { Deliberation1765400000003 } from './1765400000003-Deliberation';
import { DongmanjiangAgency1765400000004 } from './1765400000004-DongmanjiangAgency';
/** Every migration, in order. Listed explicitly so ts-jest, ts-node and dist/ all load the same set. One line per migration. */
export const MIGRATIONS = [
  Foundation1763900000000,
  CallsAndApplications1763900100000,
  ApplicationsExtra1763900200000,
  Review1763900300000,
  AwardsAndPayments1763900400000,
  OneStatementWrites1763900500000,
  AuditChainFunction1763900600000,
  CountersAndLocks1764000100000,
  OneOutboxShape1764000300000,
  ReviewSettingsFrozen1764000400000,
  TusUploads1764000430000,
  PaymentMakerChecker1764000450000,
  CallPaymentDualControl1764000490000,
  Agencies1764000500000,
  AgencyAdmin1764000500001,
  ProvincialStage1764000530000,
  ProvincialReviewRound1764000540000,
  FollowupFoundation1764000600000,
  GrantAgreement1764000600001,
  AwardChange1764000610000,
  FollowupReports1764000620000,
  ChangeReports1764000630000,
  AnnualReview1764000640000,
  AccountAndColleagues1764000700000,
  NoticeProvisionalYears1764000710000,
  Inbox1764000720000,
  NationalProgramAgencies1764000800000,
  Statistics1765300000000,
  CallSeries1765400000000,
  SchemeAgencies1765400000001,
  CallTracks1765400000002,
  Deliberation1765400000003,
  DongmanjiangAgency1765400000004,
];
