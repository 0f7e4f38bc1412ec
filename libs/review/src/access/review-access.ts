import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { anonymiseApplication, anonymiseAttachments, IdentityFacts, textScrubber } from '../blind/anonymise';

/** The shape the applications feature serves (GET /api/applications/:id); only these fields are touched. */
export interface ExpertFacingApplication {
  id: string;
  title: string;
  payload: Record<string, unknown>;
  attachments: { id: string; kind: string; fileName: string; mimeType: string; size: number | string }[];
}

/**
 * What other features ask the review module: may this user, as an expert, read this application (and its files), and
 * what does a blind reviewer see of it. Kept in a module of its own whose only dependency is the DataSource, so the
 * applications module can import it without a cycle.
 */
@Injectable()
export class ReviewAccess {
  constructor(private readonly ds: DataSource) {}

  /** True when the user holds a pending or submitted review of the application (declined or expired ones do not count). */
  async isAssignedExpert(userId: string, applicationId: string): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT 1 FROM review_assignment WHERE expert_id = $1 AND application_id = $2 AND status IN ('pending','submitted') LIMIT 1`,
      [userId, applicationId],
    );
    return rows.length > 0;
  }

  /** Whether the application's call is blind (an assigned expert then sees it anonymised). */
  async isBlind(applicationId: string): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT c.blind_review AS blind FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1`,
      [applicationId],
    );
    return !!rows[0]?.blind;
  }

  /** Who the applicant is, for the anonymiser: organization name and credit code, legal representative, members, contacts. */
  async identityFacts(applicationId: string): Promise<IdentityFacts> {
    const rows = await this.ds.query(
      `SELECT o.name, o.credit_code AS "creditCode", o.legal_representative AS "legalRepresentative", o.address,
              COALESCE((SELECT array_agg(u.name) FROM app_user u WHERE u.organization_id = o.id OR u.id = a.created_by), '{}') AS names,
              COALESCE((SELECT array_agg(x) FROM app_user u, LATERAL unnest(ARRAY[u.email, u.phone]) x
                         WHERE (u.organization_id = o.id OR u.id = a.created_by) AND x IS NOT NULL), '{}') AS contacts
         FROM application a JOIN organization o ON o.id = a.organization_id WHERE a.id = $1`,
      [applicationId],
    );
    const r = rows[0];
    if (!r) return { organizationName: '', creditCode: '', personNames: [] };
    return {
      organizationName: r.name,
      creditCode: r.creditCode,
      personNames: [r.legalRepresentative, ...r.names],
      otherTerms: [r.address, ...r.contacts],
    };
  }

  /**
   * The application as a blind reviewer may see it, in the caller's own shape: organization fields emptied, title,
   * payload and comments masked, attachments renamed `<kind>-<n>.<ext>` with checksums dropped. Uses the same
   * anonymiser as the review views.
   */
  async anonymiseView<T extends ExpertFacingApplication>(view: T): Promise<T> {
    const facts = await this.identityFacts(view.id);
    const v = view as unknown as Record<string, unknown>;
    const blind = anonymiseApplication(
      {
        id: view.id,
        number: (v.number as string) ?? null,
        title: view.title,
        programCode: String(v.programCode ?? ''),
        track: (v.track as string) ?? null,
        status: String(v.status ?? ''),
        payload: view.payload ?? {},
        attachments: view.attachments.map((a) => ({
          ...a,
          size: Number(a.size),
          createdAt: (a as { createdAt?: string }).createdAt,
        })),
        history: [],
      },
      facts,
    );
    const scrub = textScrubber({ ...facts, personNames: [...facts.personNames] });
    const nameOf = new Map(blind.attachments.map((a) => [a.id, a.fileName]));
    const out: Record<string, unknown> = { ...v, title: blind.title, payload: blind.payload };
    for (const k of Object.keys(out)) {
      if (/^organization/i.test(k) || /^(createdBy|creditCode|legalRepresentative)$/.test(k)) out[k] = null;
      else if (typeof out[k] === 'string' && /comment$/i.test(k)) out[k] = scrub(out[k] as string);
    }
    out.attachments = view.attachments.map((a) => {
      const copy: Record<string, unknown> = { ...a, fileName: nameOf.get(a.id) };
      if ('sha256' in copy) copy.sha256 = '';
      if ('createdBy' in copy) copy.createdBy = null;
      return copy;
    });
    return out as T;
  }

  /** The `<kind>-<n>.<ext>` name a blind reviewer sees for an attachment (for Content-Disposition), or null if unknown. */
  async blindFileName(applicationId: string, attachmentId: string): Promise<string | null> {
    const rows = await this.ds.query(
      `SELECT id, kind, file_name AS "fileName", size, mime_type AS "mimeType", created_at AS "createdAt"
         FROM attachment WHERE application_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [applicationId],
    );
    return anonymiseAttachments(rows).find((a) => a.id === attachmentId)?.fileName ?? null;
  }
}

@Module({ providers: [ReviewAccess], exports: [ReviewAccess] })
export class ReviewAccessModule {}
