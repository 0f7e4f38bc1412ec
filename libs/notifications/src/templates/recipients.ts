import { EntityManager } from 'typeorm';

/** The active member accounts (applicants) of an organization: who gets its mail. */
export async function organizationMailboxes(m: EntityManager, organizationId: string): Promise<string[]> {
  const rows: { email: string }[] = await m.query(
    `SELECT email FROM app_user WHERE organization_id = $1 AND disabled_at IS NULL AND 'applicant' = ANY(roles) ORDER BY created_at`,
    [organizationId],
  );
  return rows.map((r) => r.email);
}

/** A contact given as an e-mail address (objections may give a phone number instead). */
export function emailOf(contact: string): string | null {
  const c = contact.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c) ? c : null;
}
