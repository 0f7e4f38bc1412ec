import { Inject, Injectable, Optional } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, ClockService, PortalConfig, RateLimiter, RateRule } from '@portal/platform';
import {
  applicationByNumber,
  ApplicationRepository,
  ApplicationsService,
  ApplicationView,
  AttachmentsService,
  CallsService,
  HistoryRow,
} from '@portal/applications';
import { ProgramDefinition, ProgramRegistry, statusName, COMMON_RULE_NAMES } from '@portal/programs';
import { applicationReviewLines, reviewScore, round2 } from '@portal/review';
import { applicationAwardRecord, ApplicationAwardRecord } from '@portal/awards';
import { awardInstalments, HOLD_AGREEMENT, holdForOverdueReport, InstalmentView } from '@portal/payments';
import { organizationsRelation } from '@portal/identity';
import { yuan } from '@portal/notifications';
import { DOSSIER_ERRORS } from './errors';
import { DOSSIER_SECTIONS, DossierLine, DossierSection, DossierViewer } from './dossier-section';
import { renderDocument, PrintedSection } from './dossier-pdf';
import { formLines } from './form-lines';
import { appendAttachments, MERGE_NOTES, MergeOutcome } from './pdf-merge';
import { verifyCode, verifyCodeMatches, verifyUrl } from './verify-code';
import { Gate } from './gate';

/** Dossiers built at once per process (see Gate). */
export const DOSSIER_CONCURRENCY = 2;

export interface PdfFile {
  fileName: string;
  bytes: Buffer;
}

/** What the public check of a printed 申报书 shows: nothing beyond what the paper already says. */
export interface ApplicationCheck {
  number: string;
  program: string;
  programName: { zh: string; en: string };
  title: string;
  status: string;
  statusName: { zh: string; en: string };
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function shanghaiTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

const REVIEW_STATUS_ZH: Record<string, string> = {
  pending: '待评审',
  submitted: '已提交',
  declined: '已回避/谢绝',
  expired: '已过期',
};
const INSTALMENT_STATUS_ZH: Record<string, string> = {
  planned: '计划中',
  held: '暂缓拨付',
  batched: '已编批',
  approved: '已审批',
  sending: '发送中',
  paid: '已拨付',
  failed: '失败',
  cancelled: '已取消',
  recovering: '追回中',
  recovered: '已追回',
};
/** Why an instalment is held (payments' hold reasons: `agreement`, `report-overdue:<report kind>`). */
function holdReasonZh(reason: string): string {
  const overdue = holdForOverdueReport('');
  if (reason === HOLD_AGREEMENT) return '待签约';
  if (reason.startsWith(overdue)) return `报告逾期（${reason.slice(overdue.length)}）`;
  return reason;
}
/** The applicant sees the review summary once the review is over. */
const REVIEW_OVER = ['reviewed', 'proposed', 'awarded', 'not_awarded', 'revoked'];
/** The applicant sees the decision once it is public (the notice) or final. */
const DECISION_FINAL = ['awarded', 'not_awarded', 'revoked'];

/** A member of the organization that owns the application (else: an officer in scope, as readable() said). */
function ownsIt(user: AuthUser, organizationId: string | null): boolean {
  return user.roles.includes('applicant') && !!user.organizationId && user.organizationId === organizationId;
}

interface OrganizationFacts {
  name: string;
  credit_code: string;
  legal_representative: string;
  address: string;
}

/**
 * The dossier (档案: the whole file of an application as one PDF) and the printable 申报书 with its public check. Every
 * part is read through its owner's service or reader; followup's parts come in through DOSSIER_SECTIONS.
 */
@Injectable()
export class DossierService {
  private readonly gate = new Gate(DOSSIER_CONCURRENCY);

  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly config: PortalConfig,
    private readonly limits: RateLimiter,
    private readonly programs: ProgramRegistry,
    private readonly applications: ApplicationsService,
    private readonly repo: ApplicationRepository,
    private readonly attachments: AttachmentsService,
    private readonly calls: CallsService,
    @Optional() @Inject(DOSSIER_SECTIONS) private readonly extra: DossierSection[] | null,
  ) {}

  private get secret(): string {
    return this.config.APPLICATION_CHECK_SECRET ?? this.config.JWT_SECRET;
  }

  /** The check code of a number (printed on the 申报书 and carried by its QR code). */
  checkCode(number: string): string {
    return verifyCode(this.secret, number);
  }

  /** The address the 申报书's QR code opens. */
  checkUrl(number: string): string {
    return verifyUrl(this.config.PUBLIC_URL, number, this.checkCode(number));
  }

  /** The application and who reads it: the owner organization (applicant's copy) or an officer in scope; else 404. */
  private async open(user: AuthUser, id: string) {
    const app = await this.applications.readable(user, await this.repo.findById(id));
    const viewer: DossierViewer = {
      audience: ownsIt(user, app.organizationId) ? 'applicant' : 'officer',
      userId: user.id,
    };
    const view = await this.applications.view(app);
    const def = this.applications.program(app.programCode);
    const call = await this.calls.load(this.ds.manager, app.callId);
    return { app, view, def, call, viewer };
  }

  private async organization(m: EntityManager, id: string | null): Promise<OrganizationFacts | null> {
    if (!id) return null;
    const rows: OrganizationFacts[] = await m.query(
      `SELECT o.name, o.credit_code, o.legal_representative, o.address FROM ${organizationsRelation('o')} WHERE o.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  private trackName(def: ProgramDefinition, track: string | null): string {
    return (track && def.tracks.find((t) => t.code === track)?.name.zh) || '—';
  }

  private kindName(def: ProgramDefinition, kind: string): string {
    return def.attachmentKinds.find((k) => k.kind === kind)?.name.zh ?? kind;
  }

  private formSection(def: ProgramDefinition, view: ApplicationView): PrintedSection {
    const form = this.programs.trackForms(def).find((f) => f.track === view.track) ?? this.programs.trackForms(def)[0];
    return {
      title: '申报表',
      lines: [
        { kind: 'field', label: '项目名称', value: view.title },
        ...formLines(view.payload, form?.layout ?? null, form?.schema ?? {}),
      ],
    };
  }

  private attachmentSection(
    def: ProgramDefinition,
    view: ApplicationView,
    outcomes: Map<string, MergeOutcome> | null,
  ): PrintedSection {
    const lines: DossierLine[] = [];
    if (outcomes)
      lines.push({
        kind: 'text',
        text: '以下附件中可解析的 PDF 文件按顺序并入本档案之后（单个超过 20 MB 的 PDF、视频与图片仅列出，不并入）。',
      });
    view.attachments.forEach((a, i) => {
      const o = outcomes?.get(a.id);
      const note = !o ? '' : o.merged ? `已并入（${o.pages} 页）` : MERGE_NOTES[o.reason];
      lines.push({
        kind: 'text',
        text: `${i + 1}. ${this.kindName(def, a.kind)}｜${a.fileName}｜${a.mimeType}｜${a.size.toLocaleString('en-US')} 字节${note ? `｜${note}` : ''}`,
      });
      lines.push({ kind: 'text', text: `SHA-256: ${a.sha256}` });
    });
    if (!view.attachments.length) lines.push({ kind: 'text', text: '（无附件）' });
    return { title: '附件清单', lines };
  }

  private ruleName(def: ProgramDefinition, key: string): string {
    return def.ruleNames[key]?.zh ?? (COMMON_RULE_NAMES as Record<string, { zh: string }>)[key]?.zh ?? key;
  }

  private async reviewSection(
    m: EntityManager,
    def: ProgramDefinition,
    view: ApplicationView,
    viewer: DossierViewer,
  ): Promise<PrintedSection> {
    const title = '专家评审';
    if (viewer.audience === 'applicant' && !REVIEW_OVER.includes(view.status))
      return { title, lines: [{ kind: 'text', text: '评审尚未结束。' }] };
    let all = await applicationReviewLines(m, view.id);
    // the applicant's copy: submitted reviews only, experts numbered, no name or anything else that identifies them
    if (viewer.audience === 'applicant') all = all.filter((r) => r.status === 'submitted');
    const rows = all.map((r, i) => {
      const score = r.scores ? round2(reviewScore(r.scores, def.rubric)).toFixed(2) : '—';
      return [
        viewer.audience === 'applicant' ? `专家${i + 1}` : r.expertName,
        r.roundProvince ? `省级（${r.roundProvince}）` : '全国',
        REVIEW_STATUS_ZH[r.status] ?? r.status,
        score,
        shanghaiTime(r.submittedAt),
      ];
    });
    const scored = all.filter((r) => r.status === 'submitted' && r.scores);
    const lines: DossierLine[] = [
      { kind: 'table', columns: ['专家', '轮次', '状态', '得分（百分制）', '提交时间'], rows, widths: [3, 2, 2, 2, 3] },
    ];
    if (scored.length) {
      const mean = scored.reduce((s, r) => s + reviewScore(r.scores!, def.rubric), 0) / scored.length;
      lines.push({ kind: 'field', label: '平均分', value: round2(mean).toFixed(2) });
    }
    all.forEach((r, i) => {
      if (r.comment)
        lines.push({
          kind: 'text',
          text: `${viewer.audience === 'applicant' ? `专家${i + 1}` : r.expertName}：${r.comment}`,
        });
    });
    return { title, lines };
  }

  private decisionSections(
    rec: ApplicationAwardRecord,
    view: ApplicationView,
    viewer: DossierViewer,
  ): PrintedSection[] {
    const d = rec.decision;
    const decisionVisible = viewer.audience === 'officer' || !!rec.notice || DECISION_FINAL.includes(view.status);
    const decision: DossierLine[] =
      d && decisionVisible
        ? [
            { kind: 'field', label: '决定', value: d.outcome === 'award' ? '拟立项' : '不予立项' },
            { kind: 'field', label: '等级', value: d.tier ?? '—' },
            { kind: 'field', label: '金额', value: yuan(d.amountFen) },
            { kind: 'field', label: '说明', value: d.note || '—' },
            { kind: 'field', label: '决定时间', value: shanghaiTime(d.decidedAt) },
          ]
        : [{ kind: 'text', text: '（尚无决定）' }];
    const notice: DossierLine[] = [];
    if (rec.notice) {
      notice.push(
        {
          kind: 'field',
          label: '公示期',
          value: `${shanghaiTime(rec.notice.startsAt)} 至 ${shanghaiTime(rec.notice.endsAt)}`,
        },
        { kind: 'field', label: '公示工作日', value: String(rec.notice.workingDays) },
      );
      if (rec.notice.removedAt)
        notice.push({
          kind: 'field',
          label: '撤出公示名单',
          value: `${shanghaiTime(rec.notice.removedAt)} ${rec.notice.removedReason ?? ''}`,
        });
    } else notice.push({ kind: 'text', text: '（未列入公示）' });
    rec.objections.forEach((o, i) => {
      notice.push({ kind: 'heading', text: `异议 ${i + 1}（${shanghaiTime(o.createdAt)}）` });
      if (viewer.audience === 'officer')
        notice.push({ kind: 'field', label: '异议人', value: `${o.name}（${o.contact}）` });
      notice.push({ kind: 'field', label: '理由', value: o.reason });
      if (o.evidenceFileName)
        notice.push({
          kind: 'field',
          label: '证据文件',
          value: `${o.evidenceFileName} SHA-256: ${o.evidenceSha256 ?? ''}`,
        });
      notice.push({
        kind: 'field',
        label: '处理',
        value:
          o.upheld === null
            ? '待处理'
            : `${o.upheld ? '异议成立' : '异议不成立'}（${shanghaiTime(o.resolvedAt)}）${o.response ? `：${o.response}` : ''}`,
      });
    });
    return [
      { title: '立项决定', lines: decision },
      { title: '公示与异议', lines: notice },
    ];
  }

  private awardSection(rec: ApplicationAwardRecord): PrintedSection {
    const a = rec.award;
    if (!a) return { title: '立项', lines: [{ kind: 'text', text: '（未立项）' }] };
    const lines: DossierLine[] = [
      { kind: 'field', label: '状态', value: a.status === 'active' ? '有效' : '已撤销' },
      { kind: 'field', label: '等级', value: a.tier ?? '—' },
      { kind: 'field', label: '金额', value: yuan(a.amountFen) },
      { kind: 'field', label: '证书编号', value: a.certificateNo ?? '—' },
      { kind: 'field', label: '立项时间', value: shanghaiTime(a.createdAt) },
    ];
    if (a.revokedAt)
      lines.push({ kind: 'field', label: '撤销', value: `${shanghaiTime(a.revokedAt)} ${a.revokedReason ?? ''}` });
    return { title: '立项', lines };
  }

  private paymentSection(def: ProgramDefinition, instalments: InstalmentView[], hasAward: boolean): PrintedSection {
    if (!hasAward || !instalments.length)
      return { title: '资金拨付', lines: [{ kind: 'text', text: '（无拨付计划）' }] };
    const condition = (i: InstalmentView) =>
      def.award.instalments.find((x) => x.instalmentNo === i.instalmentNo)?.name.zh ?? i.milestone;
    const rows = instalments.map((i) => [
      `第 ${i.instalmentNo} 期`,
      `${i.percent}%`,
      yuan(i.amountFen),
      condition(i),
      i.dueOn ?? '—',
      (INSTALMENT_STATUS_ZH[i.status] ?? i.status) +
        (i.holdReasons.length ? `（${i.holdReasons.map(holdReasonZh).join('、')}）` : ''),
      shanghaiTime(i.paidAt),
    ]);
    const paid = instalments.filter((i) => i.paidAt).reduce((s, i) => s + i.amountFen, 0);
    return {
      title: '资金拨付',
      lines: [
        {
          kind: 'table',
          columns: ['期次', '比例', '金额', '条件', '到期日', '状态', '支付时间'],
          rows,
          widths: [2, 1.5, 3, 4, 2.5, 3, 3],
        },
        { kind: 'field', label: '已拨付合计', value: yuan(paid) },
      ],
    };
  }

  private historySection(history: HistoryRow[]): PrintedSection {
    const rows = history.map((h) => [
      shanghaiTime(h.at),
      h.from ? statusName(h.from).zh : '—',
      statusName(h.to).zh,
      h.actor?.name ?? '系统',
      h.comment ?? '',
    ]);
    return {
      title: '办理记录',
      lines: [
        { kind: 'table', columns: ['时间', '原状态', '新状态', '办理人', '说明'], rows, widths: [3, 2, 2, 2, 5] },
      ],
    };
  }

  private facts(def: ProgramDefinition, view: ApplicationView, callTitle: string, org: OrganizationFacts | null) {
    return [
      { label: '申报编号', value: view.number ?? '（未提交）' },
      { label: '扶持项目', value: def.name.zh },
      { label: '申报批次', value: callTitle },
      { label: '申报方向', value: this.trackName(def, view.track) },
      { label: '项目名称', value: view.title },
      { label: '申报单位', value: org?.name ?? view.organizationName ?? '—' },
      { label: '统一社会信用代码', value: org?.credit_code ?? '—' },
      { label: '当前状态', value: statusName(view.status).zh },
      { label: '首次提交', value: shanghaiTime(view.firstSubmittedAt) },
    ];
  }

  /** The whole file as one PDF: generated pages first, then the PDF attachments' pages. */
  async dossier(user: AuthUser, id: string): Promise<PdfFile> {
    const opened = await this.open(user, id); // 404 before waiting in line
    return this.gate.run(() => this.build(user, id, opened));
  }

  private async build(
    user: AuthUser,
    id: string,
    { view, def, call, viewer }: Awaited<ReturnType<DossierService['open']>>,
  ): Promise<PdfFile> {
    const m = this.ds.manager;
    const [eligibility, history, rec, org] = await Promise.all([
      this.applications.eligibility(user, id),
      this.applications.history(user, id),
      applicationAwardRecord(m, id),
      this.organization(m, view.organizationId),
    ]);
    const instalments = rec.award ? await awardInstalments(m, rec.award.id) : [];

    // the attachments first, one at a time (their notes go into the list); a video is never opened
    const out = await PDFDocument.create();
    const outcomes = await appendAttachments(
      out,
      view.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        mimeType: a.mimeType,
        size: a.size,
        open: async () => this.attachments.download(await this.attachments.readable(user, id, a.id), undefined).open(),
      })),
    );

    const rules: DossierLine[] = [
      {
        kind: 'field',
        label: '结论',
        value: eligibility.eligible ? '全部通过' : `未通过 ${eligibility.checks.filter((c) => !c.passed).length} 项`,
      },
      ...eligibility.checks.map((c): DossierLine => ({
        kind: 'text',
        text: `[${c.passed ? '通过' : '未通过'}] ${c.rule} ${this.ruleName(def, c.rule)}：${c.detail.zh}`,
      })),
    ];
    const extra: PrintedSection[] = [];
    for (const s of this.extra ?? []) {
      const lines = await s.lines(m, id, viewer);
      if (lines.length) extra.push({ title: s.title.zh, lines });
    }
    const sections: PrintedSection[] = [
      this.formSection(def, view),
      { title: '资格条件检查', lines: rules },
      this.attachmentSection(def, view, outcomes),
      await this.reviewSection(m, def, view, viewer),
      ...this.decisionSections(rec, view, viewer),
      this.awardSection(rec),
      ...extra,
      this.paymentSection(def, instalments, !!rec.award),
      this.historySection(history),
    ];
    const generated = await renderDocument({
      heading: '申报档案',
      facts: [
        ...this.facts(def, view, call.title, org),
        { label: '档案副本', value: viewer.audience === 'applicant' ? '申报单位副本（评审专家已匿名）' : '管理副本' },
        { label: '生成时间', value: shanghaiTime(this.clock.now()) },
      ],
      sections,
      footer: `申报档案 ${view.number ?? view.id}`,
    });
    const gen = await PDFDocument.load(generated);
    const pages = await out.copyPages(gen, gen.getPageIndices());
    pages.forEach((p, i) => out.insertPage(i, p));
    out.setTitle(`申报档案 ${view.number ?? ''}`.trim());
    out.setProducer('动漫扶持申报平台');
    const bytes = Buffer.from(await out.save());
    return { fileName: `dossier-${view.number ?? view.id}.pdf`, bytes };
  }

  /** The printable 申报书: the form with its labels, the number, a QR code and the check code. 409 before submission. */
  async applicationForm(user: AuthUser, id: string): Promise<PdfFile> {
    const { view, def, call } = await this.open(user, id);
    if (!view.number) throw DOSSIER_ERRORS['DOSSIER.NOT_SUBMITTED']();
    const org = await this.organization(this.ds.manager, view.organizationId);
    const code = this.checkCode(view.number);
    const url = verifyUrl(this.config.PUBLIC_URL, view.number, code);
    const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 });
    const bytes = await renderDocument({
      heading: `${def.name.zh}申报书`,
      facts: [
        ...this.facts(def, view, call.title, org),
        { label: '法定代表人', value: org?.legal_representative ?? '—' },
        { label: '单位地址', value: org?.address ?? '—' },
      ],
      check: { png, url, code },
      sections: [this.formSection(def, view), this.attachmentSection(def, view, null)],
      closing: [
        '申报单位承诺：所填内容及所附材料真实、准确、完整，如有虚假，愿承担相应责任。',
        '申报单位（盖章）：',
        '法定代表人（签字）：',
        '日期：        年      月      日',
      ],
      footer: `申报书 ${view.number} · 核验码 ${code}`,
    });
    return { fileName: `application-${view.number}.pdf`, bytes };
  }

  private checkRule(clientIp: string): RateRule {
    return {
      rule: 'application-check:ip',
      subject: clientIp,
      limit: this.config.APPLICATION_CHECK_RATE_PER_HOUR,
      windowSeconds: 3600,
    };
  }

  /**
   * The public check: the number, program, title and status when `code` is the number's check code; 404 alike for an
   * unknown number and a wrong code. Every look-up counts against the address's hourly limit (429 beyond).
   */
  async check(number: string, code: string | undefined, clientIp: string | null): Promise<ApplicationCheck> {
    if (clientIp)
      await this.limits.take(this.checkRule(clientIp), (seconds) =>
        DOSSIER_ERRORS['DOSSIER.CHECK_RATE_LIMITED']({ headers: { 'Retry-After': String(seconds) } }),
      );
    const found = await applicationByNumber(this.ds.manager, number);
    if (!found || !verifyCodeMatches(this.secret, found.number, code))
      throw DOSSIER_ERRORS['DOSSIER.CHECK_NOT_FOUND']();
    const def = this.programs.get(found.programCode);
    const s = statusName(found.status);
    return {
      number: found.number,
      program: found.programCode,
      programName: def ? { zh: def.name.zh, en: def.name.en } : { zh: found.programCode, en: found.programCode },
      title: found.title,
      status: found.status,
      statusName: { zh: s.zh, en: s.en },
    };
  }
}
