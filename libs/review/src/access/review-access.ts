import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationRepository, callsRelation, ExpertAccess, ExpertFacingApplication } from '@portal/applications';
import { isIdentityBearing, ProgramRegistry } from '@portal/programs';
import {
  anonymiseApplication,
  anonymiseAttachments,
  IdentityFacts,
  maskPersonalNumbers,
  textScrubber,
  withoutPersonalNumbers,
} from '../blind/anonymise';
import { ReviewRepository, roundClosedSql } from '../review.repository';
import { assignmentGivesAccess, ReviewStatus } from '../reviews/review-state';
import { identityFacts } from '../reviews/reviews.service';

/** The fields of GET /api/applications/:id a blind reviewer gets (texts masked); every other field is emptied. */
const BLIND_FIELDS = new Set([
  'id',
  'callId',
  'programCode',
  'track',
  'title',
  'payload',
  'status',
  'number',
  'version',
  'firstSubmittedAt',
  'submittedAt',
  'createdAt',
  'updatedAt',
  'awardId',
  'screeningComment',
  'attachments',
]);
/** The fields of an attachment a blind reviewer gets (`fileName` renamed, `sha256` emptied: a checksum can be looked up). */
const BLIND_ATTACHMENT_FIELDS = new Set(['id', 'kind', 'fileName', 'size', 'mimeType', 'createdAt']);

/**
 * The review module's answer to the applications' port (EXPERT_ACCESS, bound in ReviewModule): may this user, as an
 * expert, read this application (and its files), and what does an expert see of it.
 */
@Injectable()
export class ReviewAccess implements ExpertAccess {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly programs: ProgramRegistry,
    private readonly repo: ReviewRepository,
  ) {}

  /**
   * The user's live assignment to the application (assignmentGivesAccess: pending, or submitted while the round is
   * open), or null. No catch: a database error reaches the error filter as a 5xx, never as "not yours".
   */
  async assignment(userId: string, applicationId: string): Promise<{ blind: boolean } | null> {
    const rows: { status: ReviewStatus; blind: boolean; closed: boolean }[] = await this.ds.query(
      `SELECT r.status, c.blind_review AS blind, ${roundClosedSql('r', 'c')} AS closed
         FROM review_assignment r JOIN ${callsRelation('c')} ON c.id = r.call_id
        WHERE r.expert_id = $1 AND r.application_id = $2`,
      [userId, applicationId],
    );
    const live = rows.find((r) => assignmentGivesAccess(r.status, r.closed));
    return live ? { blind: live.blind } : null;
  }

  /** Who the applicant is, for the anonymiser: organization name and credit code, legal representative, members, contacts. */
  async identityFacts(applicationId: string): Promise<IdentityFacts> {
    return identityFacts((await this.repo.identities([applicationId])).get(applicationId));
  }

  /** Whether a blind reviewer may have files of this kind in this program (not identity-bearing). */
  blindVisibleKind(programCode: string, kind: string): boolean {
    return !isIdentityBearing(this.programs.get(programCode), kind);
  }

  /**
   * The application as an expert may see it, in the caller's own shape. Not blind: as it is, without persons' ID
   * numbers and phones. Blind: a whitelist of fields (every other one emptied), title, payload and comments masked by
   * the same anonymiser as the review views, identity-bearing files left out, the others renamed `<kind>-<n>.<ext>`
   * with checksums dropped.
   */
  async expertView<T extends ExpertFacingApplication>(view: T, blind: boolean): Promise<T> {
    if (!blind) {
      const out: Record<string, unknown> = {
        ...(view as unknown as Record<string, unknown>),
        title: maskPersonalNumbers(view.title ?? ''),
      };
      out.payload = withoutPersonalNumbers(view.payload ?? {});
      out.attachments = view.attachments.map((a) => ({ ...a, fileName: maskPersonalNumbers(a.fileName) }));
      for (const [k, x] of Object.entries(out))
        if (/comment$/i.test(k) && typeof x === 'string') out[k] = maskPersonalNumbers(x);
      return out as T;
    }
    const facts = await this.identityFacts(view.id);
    const v = view as unknown as Record<string, unknown>;
    const programCode = String(v.programCode ?? '');
    const attachments = view.attachments.filter((a) => this.blindVisibleKind(programCode, a.kind));
    const blindView = anonymiseApplication(
      {
        id: view.id,
        number: (v.number as string) ?? null,
        title: view.title,
        programCode,
        track: (v.track as string) ?? null,
        status: String(v.status ?? ''),
        payload: view.payload ?? {},
        attachments: attachments.map((a) => ({
          ...a,
          size: Number(a.size),
          createdAt: (a as { createdAt?: string }).createdAt,
        })),
        history: [],
      },
      facts,
    );
    const scrub = textScrubber({ ...facts, personNames: [...facts.personNames] });
    const nameOf = new Map(blindView.attachments.map((a) => [a.id, a.fileName]));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (!BLIND_FIELDS.has(k)) out[k] = null;
      else if (k === 'title') out[k] = blindView.title;
      else if (k === 'payload') out[k] = blindView.payload;
      else if (k === 'attachments')
        out[k] = attachments.map((a) => {
          const copy: Record<string, unknown> = {};
          for (const [ak, ax] of Object.entries(a)) if (BLIND_ATTACHMENT_FIELDS.has(ak)) copy[ak] = ax;
          copy.fileName = nameOf.get(a.id);
          if ('sha256' in a) copy.sha256 = '';
          return copy;
        });
      else if (/comment$/i.test(k) && typeof x === 'string') out[k] = scrub(x);
      else out[k] = x;
    }
    return out as T;
  }

  /**
   * The name an expert sees for an attachment, as in expertView and the review view (for Content-Disposition and the
   * signed link). Not blind: the uploaded name with ID-number and phone-shaped numbers masked. Blind: `<kind>-<n>.<ext>`,
   * or null when the blind reviewer may not have it: an identity-bearing kind, or an attachment this application does
   * not have.
   */
  async expertFileName(
    attachment: { id: string; applicationId: string; kind: string; fileName: string },
    blind: boolean,
  ): Promise<string | null> {
    if (!blind) return maskPersonalNumbers(attachment.fileName);
    const app = await this.applications.findById(attachment.applicationId);
    if (!app) return null;
    const rows = await this.applications.attachments(attachment.applicationId); // ordered by created_at, id
    const meta = rows
      .filter((a) => this.blindVisibleKind(app.programCode, a.kind))
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        fileName: a.fileName,
        size: a.size,
        mimeType: a.mimeType,
        createdAt: a.createdAt,
      }));
    return anonymiseAttachments(meta).find((a) => a.id === attachment.id)?.fileName ?? null;
  }
}
