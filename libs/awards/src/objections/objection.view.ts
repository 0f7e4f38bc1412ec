import { SqlRow } from '@portal/platform';
import { SCOPE_COLUMNS, scopeJoin } from '../shared/officer-scope';
export interface ObjectionView {
  id: string;
  noticeId: string;
  callId: string;
  entryApplicationId: string;
  entry: { number: string | null; title: string; organization: string; removed: boolean; province: string | null };
  name: string;
  contact: string;
  reason: string;
  evidence: string | null;
  evidenceFile: { fileName: string; size: number; mimeType: string; sha256: string } | null;
  createdAt: string;
  status: 'open' | 'answered';
  upheld: boolean | null;
  response: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

/** An objection with its entry, and the entry's program and province for the officer's scope (issue 12). */
export const OBJECTION_SQL = `SELECT ob.*, e.number, e.title, e.organization_name, e.removed_at, ${SCOPE_COLUMNS}
  FROM objection ob JOIN notice_entry e ON e.notice_id = ob.notice_id AND e.application_id = ob.entry_application_id
       ${scopeJoin('ob.entry_application_id')}`;

export function objectionView(r: SqlRow): ObjectionView {
  return {
    id: r.id,
    noticeId: r.notice_id,
    callId: r.call_id,
    entryApplicationId: r.entry_application_id,
    entry: {
      number: r.number,
      title: r.title,
      organization: r.organization_name,
      removed: !!r.removed_at,
      province: r.scope_province ?? null,
    },
    name: r.name,
    contact: r.contact,
    reason: r.reason,
    evidence: r.evidence,
    evidenceFile: r.evidence_storage_key
      ? {
          fileName: r.evidence_file_name,
          size: Number(r.evidence_size),
          mimeType: r.evidence_mime_type,
          sha256: r.evidence_sha256,
        }
      : null,
    createdAt: new Date(r.created_at).toISOString(),
    status: r.resolved_at ? 'answered' : 'open',
    upheld: r.upheld,
    response: r.response,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    resolvedBy: r.resolved_by,
  };
}
