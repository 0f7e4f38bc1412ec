import { FOLLOWUP_ERRORS } from '../errors';

/**
 * The life of a change request (变更), the one table of its moves:
 *
 *   pending ──officer approves──▶ approved (the agreement's version + 1; a schedule change moves the plan's end)
 *   pending ──officer rejects──▶ rejected
 *   pending ──grantee withdraws──▶ withdrawn
 */
export const CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const CHANGE_KINDS = ['title', 'schedule', 'content', 'team', 'budget'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_TRANSITIONS: readonly { from: ChangeStatus; to: ChangeStatus; by: 'grantee' | 'officer' }[] = [
  { from: 'pending', to: 'approved', by: 'officer' },
  { from: 'pending', to: 'rejected', by: 'officer' },
  { from: 'pending', to: 'withdrawn', by: 'grantee' },
];

export function assertChangeTransition(from: ChangeStatus, to: ChangeStatus): void {
  if (!CHANGE_TRANSITIONS.some((t) => t.from === from && t.to === to))
    throw FOLLOWUP_ERRORS['CHANGE.NOT_PENDING']({ status: from });
}

export const CHANGE_KIND_NAMES: Record<ChangeKind, { zh: string; en: string }> = {
  title: { zh: '项目名称变更', en: 'Title' },
  schedule: { zh: '进度（计划完成日期）变更', en: 'Schedule (plan end)' },
  content: { zh: '内容变更', en: 'Content' },
  team: { zh: '团队变更', en: 'Team' },
  budget: { zh: '预算调整', en: 'Budget lines' },
};
