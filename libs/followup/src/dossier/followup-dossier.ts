import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { awardsRelation } from '@portal/awards';

/**
 * followup's chapters of an application's dossier (issue 13, item 7). The dossier lib sits above followup, so these
 * types mirror its `DossierSection` structurally (followup imports nothing of it); `DossierModule` renders
 * `FollowupDossier.sections` in order after the award. Each chapter reads followup's own tables, reaches the award
 * through awards' `awardsRelation`, and returns [] when the application has nothing of the kind.
 */
export type FollowupDossierLine =
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] };

export interface FollowupDossierViewer {
  audience: 'applicant' | 'officer';
  userId: string;
}

export interface FollowupDossierSection {
  key: string;
  title: { zh: string; en: string };
  lines(m: EntityManager, applicationId: string, viewer: FollowupDossierViewer): Promise<FollowupDossierLine[]>;
}

const day = (v: unknown): string => (v ? String(v).slice(0, 10) : '—');
const time = (v: unknown): string =>
  v ? new Date(v as string).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** The award of an application, as the chapters need it: its id, or null. */
async function awardIdOf(m: EntityManager, applicationId: string): Promise<string | null> {
  const rows: { id: string }[] = await m.query(
    `SELECT aw.id FROM ${awardsRelation('aw')} WHERE aw.application_id = $1`,
    [applicationId],
  );
  return rows[0]?.id ?? null;
}

const AGREEMENT_STATUS: Record<string, string> = {
  issued: '待确认',
  accepted: '已确认（待会签）',
  countersigned: '已会签',
};

/** 任务书 (签约): who accepted it, when, from where, the sha256 of the accepted PDF, the countersignature. */
export const agreementSection: FollowupDossierSection = {
  key: 'agreement',
  title: { zh: '项目任务书（签约）', en: 'Task agreement' },
  async lines(m, applicationId) {
    const awardId = await awardIdOf(m, applicationId);
    if (!awardId) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT status, to_char(plan_ends_on, 'YYYY-MM-DD') AS plan_ends_on, version, accepted_version, pdf_sha256,
              accepted_by_name, accepted_at, accepted_ip, countersigned_at
         FROM grant_agreement WHERE award_id = $1`,
      [awardId],
    );
    const g = rows[0];
    if (!g) return [];
    return [
      { kind: 'field', label: '状态', value: AGREEMENT_STATUS[String(g.status)] ?? String(g.status) },
      { kind: 'field', label: '计划完成日期', value: day(g.plan_ends_on) },
      { kind: 'field', label: '任务书版本', value: String(g.version) },
      { kind: 'field', label: '确认人', value: g.accepted_by_name ? String(g.accepted_by_name) : '—' },
      { kind: 'field', label: '确认时间', value: time(g.accepted_at) },
      { kind: 'field', label: '确认地址', value: g.accepted_ip ? String(g.accepted_ip) : '—' },
      { kind: 'field', label: '确认版本', value: g.accepted_version ? String(g.accepted_version) : '—' },
      { kind: 'field', label: '确认文本 sha256', value: g.pdf_sha256 ? String(g.pdf_sha256) : '—' },
      { kind: 'field', label: '会签时间', value: time(g.countersigned_at) },
    ];
  },
};

const CHANGE_KIND: Record<string, string> = {
  title: '名称',
  schedule: '进度',
  content: '内容',
  team: '团队',
  budget: '预算',
};
const CHANGE_STATUS: Record<string, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
  withdrawn: '已撤回',
};

/** 变更 of the grant: every request with its reason, proposal and decision. */
export const changesSection: FollowupDossierSection = {
  key: 'changes',
  title: { zh: '项目变更', en: 'Changes' },
  async lines(m, applicationId) {
    const awardId = await awardIdOf(m, applicationId);
    if (!awardId) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT kind, reason, proposed, status, requested_at, decided_at, decision_note, agreement_version
         FROM award_change WHERE award_id = $1 ORDER BY seq`,
      [awardId],
    );
    if (!rows.length) return [];
    return [
      {
        kind: 'table',
        columns: ['事项', '理由', '变更内容', '申请时间', '状态', '审批时间', '意见', '任务书版本'],
        widths: [0.7, 1.6, 2, 1.3, 0.8, 1.3, 1.4, 0.7],
        rows: rows.map((r) => [
          CHANGE_KIND[String(r.kind)] ?? String(r.kind),
          String(r.reason),
          proposal(r.proposed),
          time(r.requested_at),
          CHANGE_STATUS[String(r.status)] ?? String(r.status),
          time(r.decided_at),
          r.decision_note ? String(r.decision_note) : '—',
          r.agreement_version ? String(r.agreement_version) : '—',
        ]),
      },
    ];
  },
};

function proposal(p: unknown): string {
  if (!p || typeof p !== 'object') return '—';
  const o = p as Record<string, unknown>;
  if (typeof o.title === 'string') return `新名称：${o.title}`;
  if (typeof o.planEndsOn === 'string') return `计划完成日期改为 ${o.planEndsOn}`;
  if (typeof o.text === 'string') return o.text;
  return JSON.stringify(o);
}

const REPORT_KIND: Record<string, string> = { midterm: '中期检查报告', closing: '结项报告' };
const REPORT_STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  accepted: '已通过',
};

/** Reports after the award: due day, status, decision, and each report's files with their sha256. */
export const reportsSection: FollowupDossierSection = {
  key: 'reports',
  title: { zh: '中期检查与结项报告', en: 'Reports' },
  async lines(m, applicationId) {
    const awardId = await awardIdOf(m, applicationId);
    if (!awardId) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT r.id, r.kind, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.status, r.submitted_at, r.decided_at, r.note
         FROM award_report r WHERE r.award_id = $1 ORDER BY r.due_on NULLS LAST, r.kind`,
      [awardId],
    );
    if (!rows.length) return [];
    const files: Record<string, unknown>[] = await m.query(
      `SELECT a.report_id, a.kind, a.filename, a.size_bytes, a.sha256 FROM report_attachment a
         JOIN award_report r ON r.id = a.report_id WHERE r.award_id = $1 ORDER BY a.created_at`,
      [awardId],
    );
    const lines: FollowupDossierLine[] = [
      {
        kind: 'table',
        columns: ['报告', '应交日期', '状态', '提交时间', '审核时间', '意见'],
        widths: [1.2, 1, 0.8, 1.5, 1.5, 2.4],
        rows: rows.map((r) => [
          REPORT_KIND[String(r.kind)] ?? String(r.kind),
          day(r.due_on),
          REPORT_STATUS[String(r.status)] ?? String(r.status),
          time(r.submitted_at),
          time(r.decided_at),
          r.note ? String(r.note) : '—',
        ]),
      },
    ];
    if (files.length)
      lines.push({
        kind: 'table',
        columns: ['报告', '文件', '大小（字节）', 'sha256'],
        widths: [1, 1.8, 0.9, 3.3],
        rows: files.map((f) => {
          const r = rows.find((x) => x.id === f.report_id);
          return [
            REPORT_KIND[String(r?.kind)] ?? String(r?.kind ?? ''),
            String(f.filename),
            String(f.size_bytes),
            String(f.sha256),
          ];
        }),
      });
    return lines;
  },
};

const GRADE: Record<string, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** 绩效评价: the grade, and what a 不合格 set off (the recovery and the bar). */
export const evaluationSection: FollowupDossierSection = {
  key: 'evaluation',
  title: { zh: '绩效评价', en: 'Evaluation' },
  async lines(m, applicationId) {
    const awardId = await awardIdOf(m, applicationId);
    if (!awardId) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT grade, note, decided_at, recovering_fen, to_char(barred_until, 'YYYY-MM-DD') AS barred_until
         FROM award_evaluation WHERE award_id = $1`,
      [awardId],
    );
    const e = rows[0];
    if (!e) return [];
    const lines: FollowupDossierLine[] = [
      { kind: 'field', label: '评价等级', value: GRADE[String(e.grade)] ?? String(e.grade) },
      { kind: 'field', label: '评价时间', value: time(e.decided_at) },
      { kind: 'field', label: '评价意见', value: String(e.note) },
    ];
    if (e.recovering_fen !== null && e.recovering_fen !== undefined)
      lines.push({ kind: 'field', label: '追回金额（分）', value: String(e.recovering_fen) });
    if (e.barred_until) lines.push({ kind: 'field', label: '限制申报至', value: day(e.barred_until) });
    return lines;
  },
};

const CHANGE_REPORT_KIND: Record<string, string> = {
  rename: '名称变更',
  structure: '股权结构变更',
  address: '地址变更',
  'legal-representative': '法定代表人变更',
};
const CHANGE_REPORT_STATUS: Record<string, string> = { submitted: '待审核', accepted: '已确认', returned: '已退回' };

/** 认定 change reports (名称、结构等变更报告) of the certified award. */
export const changeReportsSection: FollowupDossierSection = {
  key: 'change-reports',
  title: { zh: '认定变更报告', en: 'Certification change reports' },
  async lines(m, applicationId) {
    const awardId = await awardIdOf(m, applicationId);
    if (!awardId) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT kind, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, old_name, new_name,
              to_char(deadline, 'YYYY-MM-DD') AS deadline, late, status, licence_sha256, filed_at AS created_at
         FROM change_report WHERE award_id = $1 ORDER BY filed_at`,
      [awardId],
    );
    if (!rows.length) return [];
    return [
      {
        kind: 'table',
        columns: ['事项', '生效日', '报告时间', '期限', '是否逾期', '新名称', '状态', '营业执照 sha256'],
        widths: [1.2, 1, 1.4, 1, 0.8, 1.6, 0.8, 2.6],
        rows: rows.map((r) => [
          CHANGE_REPORT_KIND[String(r.kind)] ?? String(r.kind),
          day(r.effective_on),
          time(r.created_at),
          day(r.deadline),
          r.late ? '逾期' : '按期',
          r.new_name ? String(r.new_name) : '—',
          CHANGE_REPORT_STATUS[String(r.status)] ?? String(r.status),
          String(r.licence_sha256),
        ]),
      },
    ];
  },
};

const ANNUAL_STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已报送',
  passed: '通过',
  failed: '未通过',
  missed: '未报送（逾期）',
};

/** 年审 of the certificate, one row per year, with the rules' results. */
export const annualReviewsSection: FollowupDossierSection = {
  key: 'annual-reviews',
  title: { zh: '年审', en: 'Annual reviews' },
  async lines(m, applicationId) {
    const awardId = await awardIdOf(m, applicationId);
    if (!awardId) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT year, status, rule_results, exchange_due, submitted_at, decided_at, note
         FROM annual_review WHERE award_id = $1 ORDER BY year`,
      [awardId],
    );
    if (!rows.length) return [];
    const lines: FollowupDossierLine[] = [
      {
        kind: 'table',
        columns: ['年度', '状态', '报送时间', '审核时间', '换证', '意见'],
        widths: [0.7, 1.2, 1.6, 1.6, 0.7, 2.6],
        rows: rows.map((r) => [
          String(r.year),
          ANNUAL_STATUS[String(r.status)] ?? String(r.status),
          time(r.submitted_at),
          time(r.decided_at),
          r.exchange_due ? '是' : '否',
          r.note ? String(r.note) : '—',
        ]),
      },
    ];
    for (const r of rows) {
      const results = Array.isArray(r.rule_results)
        ? (r.rule_results as { rule: string; passed: boolean; detail?: { zh?: string } }[])
        : [];
      if (!results.length) continue;
      lines.push({ kind: 'heading', text: `${String(r.year)} 年度年审规则核查` });
      for (const x of results)
        lines.push({ kind: 'text', text: `[${x.passed ? '通过' : '未通过'}] ${x.rule}：${x.detail?.zh ?? ''}` });
    }
    return lines;
  },
};

/** Every chapter followup adds to a dossier, in order. */
@Injectable()
export class FollowupDossier {
  readonly sections: FollowupDossierSection[] = [
    agreementSection,
    changesSection,
    reportsSection,
    evaluationSection,
    changeReportsSection,
    annualReviewsSection,
  ];
}
