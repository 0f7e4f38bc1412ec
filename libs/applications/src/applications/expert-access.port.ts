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
   * May this user, as an expert, read this application (and its files)? Null when the user holds no review of it
   * (declined ones do not count); else whether the call is blind (the expert then sees it anonymised).
   */
  assignment(userId: string, applicationId: string): Promise<{ blind: boolean } | null>;
  /** The application as a blind reviewer may see it, in the caller's own shape. */
  anonymiseView<T extends ExpertFacingApplication>(view: T): Promise<T>;
  /** The `<kind>-<n>.<ext>` name a blind reviewer sees for an attachment (for Content-Disposition), or null if unknown. */
  blindFileName(applicationId: string, attachmentId: string): Promise<string | null>;
}
