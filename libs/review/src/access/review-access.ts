import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationRepository, CallsService, ExpertAccess, ExpertFacingApplication } from '@portal/applications';
import { anonymiseApplication, anonymiseAttachments, IdentityFacts, textScrubber } from '../blind/anonymise';
import { ReviewRepository } from '../review.repository';
import { identityFacts } from '../reviews/reviews.service';

/**
 * The review module's answer to the applications' port (EXPERT_ACCESS, bound in ReviewModule): may this user, as an
 * expert, read this application (and its files), and what does a blind reviewer see of it.
 */
@Injectable()
export class ReviewAccess implements ExpertAccess {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly calls: CallsService,
    private readonly repo: ReviewRepository,
  ) {}

  /** The user's review of the application, unless declined (an expired one still lets the expert read it). */
  async assignment(userId: string, applicationId: string): Promise<{ blind: boolean } | null> {
    const rows: { call_id: string }[] = await this.ds.query(
      `SELECT call_id FROM review_assignment WHERE expert_id = $1 AND application_id = $2 AND status <> 'declined' LIMIT 1`,
      [userId, applicationId],
    );
    if (!rows.length) return null;
    const call = await this.calls.load(this.ds.manager, rows[0].call_id);
    return { blind: call.blindReview };
  }

  /** Who the applicant is, for the anonymiser: organization name and credit code, legal representative, members, contacts. */
  async identityFacts(applicationId: string): Promise<IdentityFacts> {
    return identityFacts((await this.repo.identities([applicationId])).get(applicationId));
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
    const rows = await this.applications.attachments(applicationId); // ordered by created_at, id
    const meta = rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      fileName: a.fileName,
      size: a.size,
      mimeType: a.mimeType,
      createdAt: a.createdAt,
    }));
    return anonymiseAttachments(meta).find((a) => a.id === attachmentId)?.fileName ?? null;
  }
}
