import { SqlPart } from '@portal/platform';

/**
 * `organization.submit_seq` moves with every submit of one of the organization's applications. A submit reads it with
 * the facts its rules judge (the organization's other applications) and writes only if it is unchanged, so two
 * submits of one organization never both pass a rule that only one of them may (see SubmitWriter).
 */
export const OrganizationSubmitSeq = {
  /**
   * A part (named `name`) of the caller's statement that bumps the sequence of each organization of the rows of `from`
   * (a FROM list of the caller's parts) whose sequence is still `seen`, and returns the ids of those it moved. Each
   * organization must appear at most once in `from` (the guard could not tell two submits apart).
   */
  bumpPart(name: string, from: string, organizationId: string, seen: string): SqlPart {
    return {
      name,
      sql: `UPDATE organization SET submit_seq = organization.submit_seq + 1 FROM ${from}
             WHERE organization.id = ${organizationId} AND organization.submit_seq = ${seen} RETURNING organization.id`,
      params: [],
    };
  },
};
