import { Foundation1763900000000 } from './1763900000000-Foundation';

/** Every migration, in order. Listed explicitly so ts-jest, ts-node and dist/ all load the same set. */
export const MIGRATIONS = [Foundation1763900000000];
