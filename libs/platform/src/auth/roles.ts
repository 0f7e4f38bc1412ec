export const ROLES = ['applicant', 'expert', 'officer', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the permission guard puts on the request after verifying the bearer token. */
export interface AuthUser {
  id: string;
  roles: Role[];
  organizationId: string | null;
}
