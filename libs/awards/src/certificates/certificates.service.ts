import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, shanghaiDay } from '@portal/platform';
import { awardCarriesMoney, ProgramRegistry } from '@portal/programs';
import { applicationsFrom, callTitleJoin } from '@portal/applications';
import { organizationPayeeJoin, provincialAgencyOf } from '@portal/identity';
import { AWARD_PAYMENTS, AwardPayments } from '../shared/award-payments.port';
import { isStaff } from '../shared/call-facts';
import { SCOPE_COLUMNS, scopeJoin, staffMaySee } from '../shared/officer-scope';
import { CertifiedProduct, renderAwardNotice, renderCertificate } from './certificate-pdf';
import { AWARD_ERRORS } from '../errors';

/** The products a rending certificate lists, from the application's payload. */
interface PayloadProduct {
  name?: unknown;
  category?: unknown;
  selfDeveloped?: unknown;
}

export function certifiedProducts(
  track: string | null,
  payload: { product?: PayloadProduct; products?: unknown } | null | undefined,
): CertifiedProduct[] {
  if (track === 'key-product' && payload?.product?.name)
    return [
      { name: String(payload.product.name), category: String(payload.product.category ?? ''), selfDeveloped: null },
    ];
  if (Array.isArray(payload?.products))
    return (payload.products as (PayloadProduct | null)[])
      .filter((p): p is PayloadProduct => !!p && !!p.name)
      .map((p) => ({
        name: String(p.name),
        category: String(p.category ?? ''),
        selfDeveloped: typeof p.selfDeveloped === 'boolean' ? p.selfDeveloped : null,
      }));
  return [];
}

/** 认定证书 for certifications, 立项通知 for grants, as PDF in Chinese. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly programs: ProgramRegistry,
    @Inject(AWARD_PAYMENTS) private readonly payments: AwardPayments,
  ) {}

  async pdf(user: AuthUser, awardId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const rows = await this.ds.query(
      `SELECT aw.*, to_char(aw.certificate_issued_on, 'YYYY-MM-DD') AS reissued_on, o.organization_name, o.credit_code,
              app.title, app.number, app.payload, c.call_title, ${SCOPE_COLUMNS}
         FROM award aw ${organizationPayeeJoin('o', 'aw.organization_id')} JOIN ${applicationsFrom('app')} ON app.id = aw.application_id
              ${callTitleJoin('c', 'aw.call_id')} ${scopeJoin('aw.application_id')}
        WHERE aw.id = $1`,
      [awardId],
    );
    const a = rows[0];
    if (!a) throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    if (isStaff(user.roles) ? !staffMaySee(user, a) : a.organization_id !== user.organizationId)
      throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    if (a.status === 'revoked') throw AWARD_ERRORS['AWARD.REVOKED']({ certificate: true });
    if (a.status === 'lapsed') throw AWARD_ERRORS['AWARD.LAPSED']();
    const def = this.programs.get(a.program_code);
    if (!def) throw AWARD_ERRORS['PROGRAM.NOT_FOUND']();
    // the award's day: the first issue (a reissue — a rename, 换证 after a passed 年审 — shows its own day beside it)
    const issuedOn: string = shanghaiDay(new Date(a.created_at));
    if (def.award.document === 'certificate') {
      const tier = a.tier ?? def.award.titles[a.track]?.zh ?? def.name.zh;
      // issue 12, item 5: the provincial agency of the organization's province issues it; the number is the national list's
      const issuer = await provincialAgencyOf(this.ds.manager, a.scope_province, a.program_code);
      const bytes = await renderCertificate({
        kind: 'certificate',
        heading: `${tier}认定证书`,
        certificateNo: a.certificate_no,
        organization: a.organization_name,
        creditCode: a.credit_code,
        tier,
        year: Number(a.year),
        products: certifiedProducts(a.track, a.payload),
        agency: def.agency.zh,
        issuer: issuer?.nameZh ?? null,
        // 发证日期: the latest issue (a reissue after a rename or the 3-year exchange keeps the number)
        issuedOn: a.reissued_on ?? issuedOn,
        firstIssuedOn: a.reissued_on ? issuedOn : null,
      });
      return { fileName: `${a.certificate_no}.pdf`, bytes };
    }
    // a list without money (a certification kind with a notice, issue 15): 入选通知书, no amount, no plan
    const money = awardCarriesMoney(def, a.track);
    const plan = money ? await this.payments.planOf(this.ds.manager, awardId) : [];
    const names = new Map(def.award.instalments.map((i) => [i.instalmentNo, i.name.zh]));
    const bytes = await renderAwardNotice({
      kind: 'notice',
      heading: money ? '立项通知书' : '入选通知书',
      number: a.number,
      organization: a.organization_name,
      creditCode: a.credit_code,
      programName: def.name.zh,
      callTitle: a.call_title,
      title: a.title,
      tier: a.tier,
      amountFen: money ? Number(a.amount_fen) : null,
      instalments: plan.map((p) => ({
        instalmentNo: p.instalmentNo,
        percent: p.percent,
        amountFen: p.amountFen,
        condition: names.get(p.instalmentNo) ?? p.milestone,
      })),
      agency: def.agency.zh,
      issuedOn,
    });
    return { fileName: `${a.number ?? a.id}-notice.pdf`, bytes };
  }
}
