import { Foundation1763900000000 } from './1763900000000-Foundation';
import { CallsAndApplications1763900100000 } from './1763900100000-CallsAndApplications';
import { ApplicationsExtra1763900200000 } from './1763900200000-ApplicationsExtra';
import { Review1763900300000 } from './1763900300000-Review';
import { AwardsAndPayments1763900400000 } from './1763900400000-AwardsAndPayments';
import { OneStatementWrites1763900500000 } from './1763900500000-OneStatementWrites';
import { AuditChainFunction1763900600000 } from './1763900600000-AuditChainFunction';
import { CountersAndLocks1764000100000 } from './1764000100000-CountersAndLocks';
import { OneOutboxShape1764000300000 } from './1764000300000-OneOutboxShape';

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
];
