import { Injectable, Module } from '@nestjs/common';
import { AuditService, ClockService, shanghaiDay, Tx } from '@portal/platform';
import { AWARD_ERRORS } from '../errors';
import { CertificateLapses } from './certificate-lapse';

/**
 * Reissuing (换发) a 认定证书 under the same certificate number: awards owns `award`, so this is the one writer of
 * `award.certificate_issued_on` (the day of the latest issue; NULL = first issued on the award's day). The certificate
 * PDF then shows 发证日期 = that day and a line 换发 naming the first issue.
 */
@Injectable()
export class CertificateReissue {
  constructor(
    private readonly clock: ClockService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Reissues the certificate of `awardId` today (Asia/Shanghai, the staging clock) inside the caller's transaction:
   * locks the award, stamps `certificate_issued_on`, bumps its version and records `award.certificate-reissued` (with
   * the number, the day and `reason`) in the audit chain. The number never changes. Callers: followup's change reports
   * (an accepted rename: the certificate shows the new name) and the annual review's exchange (换证 after 3 years).
   * 404 AWARD.NOT_FOUND for no such award; 409 CERTIFICATE.NOT_ACTIVE when it has no certificate number or is not
   * active (revoked, lapsed).
   */
  async reissueCertificate(
    tx: Tx,
    awardId: string,
    reason: string,
    actorId: string | null,
  ): Promise<{ issuedOn: string }> {
    const m = tx.manager;
    const [a]: { status: string; certificate_no: string | null }[] = await m.query(
      `SELECT status, certificate_no FROM award WHERE id = $1 FOR UPDATE`,
      [awardId],
    );
    if (!a) throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    if (!a.certificate_no || a.status !== 'active') throw AWARD_ERRORS['CERTIFICATE.NOT_ACTIVE']();
    const issuedOn = shanghaiDay(this.clock.now());
    await m.query(`UPDATE award SET certificate_issued_on = $2, version = version + 1 WHERE id = $1`, [
      awardId,
      issuedOn,
    ]);
    await this.audit.record(m, {
      actorId,
      action: 'award.certificate-reissued',
      entityType: 'award',
      entityId: awardId,
      data: { certificateNo: a.certificate_no, issuedOn, reason },
    });
    return { issuedOn };
  }
}

/** The certificate's writers for other rooms (followup in the API and the worker): reissue and lapse; no routes. */
@Module({ providers: [CertificateReissue, CertificateLapses], exports: [CertificateReissue, CertificateLapses] })
export class AwardCertificatesModule {}
