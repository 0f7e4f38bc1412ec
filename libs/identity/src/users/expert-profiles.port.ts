import { Tx } from '@portal/platform';

/**
 * A port: an administrator creates an expert's account here (POST /api/users with an `expert` block), but the expert
 * profile and declared conflicts are the review feature's tables. Identity checks the block; review binds
 * `EXPERT_PROFILES` to the writer of its tables (identity never imports review).
 */
export const EXPERT_PROFILES = Symbol('identity.ExpertProfiles');

export interface NewExpertProfile {
  fields: string[];
  /** Already checked (GB 32100 or an accepted exception). */
  employerCreditCode: string;
  regionCode: string;
  provinceCode: string;
  /** Already checked and normalised. */
  conflicts: { creditCode: string; note: string }[];
}

export interface ExpertProfiles {
  /** Writes the profile and its conflicts in the caller's transaction. */
  create(tx: Tx, userId: string, profile: NewExpertProfile): Promise<void>;
}
