import { Foundation1763900000000 } from './1763900000000-Foundation';
import { CallsAndApplications1763900100000 } from './1763900100000-CallsAndApplications';

/** Every migration, in order. Listed explicitly so ts-jest, ts-node and dist/ all load the same set. One line per migration. */
export const MIGRATIONS = [
  Foundation1763900000000,
  CallsAndApplications1763900100000,
];
