import { EntityManager } from 'typeorm';

/**
 * Stamps the day an awarded application's certificate lapsed (年审 missed or failed, issue 13), in the caller's
 * transaction. Awards calls it when it lapses the award; the application's status stays `awarded` (API.md), and the
 * eligibility facts carry the day (`certificateLapsedOn`), so `rending.certified` no longer counts the certificate.
 * Returns whether the row changed (an already stamped application keeps its first day).
 */
export async function markCertificateLapsed(m: EntityManager, applicationId: string, onDay: string): Promise<boolean> {
  // an UPDATE answers [rows, count] through TypeORM
  const [rows]: [unknown[], number] = await m.query(
    `UPDATE application SET certificate_lapsed_on = $2 WHERE id = $1 AND certificate_lapsed_on IS NULL RETURNING id`,
    [applicationId, onDay],
  );
  return rows.length > 0;
}
