export { organizationMailboxes } from '@portal/identity';

/** A contact given as an e-mail address (objections may give a phone number instead). */
export function emailOf(contact: string): string | null {
  const c = contact.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c) ? c : null;
}
