/**
 * A port: what the applications feature asks the review feature, without importing it (review depends on
 * applications, never the other way). Review binds `EXPERT_ACCESS` to its implementation; applications injects it.
 */
export const EXPERT_ACCESS = Symbol('applications.ExpertAccess');

/** The shape the applications feature serves (GET /api/applications/:id); only these fields are touched. */
export interface ExpertFacingApplication {
  id: string;
  title: string;
  payload: Record<string, unknown>;
  attachments: { id: string; kind: string; fileName: string; mimeType: string; size: number | string }[];
}

export interface ExpertAccess {
  /**
   * May this user, as an expert, read this application (and its files)? The one answer, given by review: only a live
   * assignment counts (pending, or submitted while the round is open; never declined or expired). Null when there is
   * none; else whether the call is blind (the expert then sees it anonymised). A database error propagates.
   */
  assignment(userId: string, applicationId: string): Promise<{ blind: boolean } | null>;
  /**
   * The application as an expert may see it, in the caller's own shape. Blind: anonymised (no organization field,
   * masked texts, renamed files, identity-bearing files left out). Either way no person's ID number or phone.
   */
  expertView<T extends ExpertFacingApplication>(view: T, blind: boolean): Promise<T>;
  /**
   * The name this expert sees for an attachment, the same as in their JSON views (for Content-Disposition and the
   * signed link): blind, `<kind>-<n>.<ext>`; not blind, the uploaded name with ID-number and phone-shaped numbers
   * masked. Null when a blind reviewer may not have the file (an identity-bearing kind, or not this application's):
   * the download then answers 404.
   */
  expertFileName(
    attachment: { id: string; applicationId: string; kind: string; fileName: string },
    blind: boolean,
  ): Promise<string | null>;
}
