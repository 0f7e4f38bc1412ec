import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { OrganizationSubmitSeq } from '@portal/identity';
import { composeParts, MailService, MicroBatcher, OutgoingMail, queryPrepared, SqlPart } from '@portal/platform';
import { ApplicationStatus } from './application.entity';
import { ApplicationStateMachine, TransitionActor } from './application-state-machine';

/** Where the submission number goes in the rows a submit writes with it (its receipt mail, its audit event): a fresh
 * token (JSON-safe, unguessable) that the submit's statement replaces by the number it has just taken. */
export function numberToken(): string {
  return `@@number-${randomBytes(8).toString('hex')}@@`;
}

export interface SubmitWrite {
  app: { id: string; status: ApplicationStatus; organizationId: string; number: string | null };
  /** The values read with the facts; the statement writes only if they are unchanged. */
  guard: { version: number; filesRev: number; submitSeq: string };
  actor: TransitionActor;
  at: Date;
  /** For a first submit: the program's prefix and the call's year of the number to take. */
  prefix: string;
  year: number;
  /** Stands for the number in `mail` (see numberToken). */
  token: string;
  /** The receipt, written with the submit (its outbox row id is made by the caller, who dispatches it after). */
  mail: { id: string; mail: OutgoingMail } | null;
}

export interface SubmitWritten {
  version: number;
  number: string;
}

/** Submits that go in one statement: whatever arrived while the statement before ran, at most this many. */
const SUBMIT_BATCH = 200;

/** How many submits each submit statement wrote (group commit at work: above 1 only when submits arrive together). */
export const submitStatementSize = new Histogram({
  name: 'portal_submit_statement_submits',
  help: 'Submits sent in one submit statement',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200],
});

/** The submit's write (see ApplicationLifecycleService.submit for the read and the checks before it). */
@Injectable()
export class SubmitWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly machine: ApplicationStateMachine,
    private readonly mail: MailService,
  ) {}

  /**
   * Submit (draft → submitted, or returned → submitted keeping the number) with group commit: the submits that
   * arrive while the previous statement runs go together in the next one (see submitMany). Null when a guard failed
   * (nothing was written: the caller reads again). A statement that fails for a batch is tried again for each submit
   * alone, so one submit's error (or a deadlock between replicas' batches) is answered to that submit only.
   */
  submit(w: SubmitWrite): Promise<SubmitWritten | null> {
    return this.submits.submit(w).then((o) => {
      if ('error' in o) throw o.error;
      return o.written;
    });
  }

  private readonly submits = new MicroBatcher<SubmitWrite, { written: SubmitWritten | null } | { error: unknown }>(
    async (ws) => {
      try {
        return (await this.submitMany(ws)).map((written) => ({ written }));
      } catch (err) {
        if (ws.length === 1) return [{ error: err }];
        const outcomes = [];
        for (const w of ws)
          outcomes.push(
            await this.submitMany([w]).then(
              ([written]) => ({ written }),
              (error: unknown) => ({ error }),
            ),
          );
        return outcomes;
      }
    },
    SUBMIT_BATCH,
    2,
  );

  /**
   * Submits as ONE autocommit statement per round, set-based: lock each application that is still as read (status,
   * version, files_rev), bump its organization's submit_seq if no other submit of it committed since the read, take
   * the numbers (gapless: `submission_counter` moves by the count of first submits per prefix and year, and its row
   * stays locked only until the statement commits, with no round trip to the API in between), update the rows, and
   * write the history entries, the audit events (chained in the batch's order) and the receipts. A submit whose guard
   * failed writes nothing and gets null. An application or organization that appears twice waits for the next round,
   * so each statement holds at most one submit of each (the organization guard could not tell two apart).
   */
  async submitMany(writes: SubmitWrite[]): Promise<(SubmitWritten | null)[]> {
    const out: (SubmitWritten | null)[] = writes.map(() => null);
    let pending = writes.map((w, i) => ({ w, i }));
    while (pending.length) {
      const round: typeof pending = [];
      const later: typeof pending = [];
      const taken = new Set<string>();
      for (const p of pending) {
        const keys = [`a:${p.w.app.id}`, `o:${p.w.app.organizationId}`];
        if (keys.some((k) => taken.has(k))) later.push(p);
        else {
          keys.forEach((k) => taken.add(k));
          round.push(p);
        }
      }
      submitStatementSize.observe(round.length);
      const rows = await this.submitRound(round.map((p) => p.w));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const p of round) {
        const r = byId.get(p.w.app.id);
        out[p.i] = r ? { version: r.version, number: r.number } : null;
      }
      pending = later;
    }
    return out;
  }

  private async submitRound(ws: SubmitWrite[]): Promise<{ id: string; version: number; number: string }[]> {
    const events = ws.map((w) => {
      this.machine.assertAllowed(w.app.status, 'submitted', w.actor);
      return this.machine.event(w.app.id, w.app.status, 'submitted', w.actor, null, { number: w.token });
    });
    return queryPrepared(this.ds, composeSubmit(this.machine, this.mail), [
      ws.map((w) => w.app.id),
      ws.map((w) => w.app.status),
      ws.map((w) => w.guard.version),
      ws.map((w) => w.guard.filesRev),
      ws.map((w) => w.app.organizationId),
      ws.map((w) => w.guard.submitSeq),
      ws.map((w) => w.prefix),
      ws.map((w) => w.year),
      ws.map((w) => w.app.number),
      ws.map((w) => w.at),
      ws.map((w) => w.actor.userId),
      ws.map((w) => w.token),
      events.map((e) => e.text),
      events.map((e) => e.at),
      events.map((e) => e.action),
      events.map((e) => e.data),
      ws.map((w) => w.mail?.id ?? null),
      ws.map((w) => w.mail?.mail.to ?? null),
      ws.map((w) => w.mail?.mail.subject ?? null),
      ws.map((w) => w.mail?.mail.text ?? null),
      ws.map((w) => w.mail?.mail.template ?? null),
    ]);
  }
}

let submitStatement: string | null = null;

/**
 * The statement of submitMany: its text never changes, so it is prepared once per connection. Its 21 parameters are
 * arrays with one element per submit (see submitRound). The guards, the organization's sequence (identity's part) and
 * the numbers are the submit's own; the move itself (update, history, audit) is the state machine's `moveParts`.
 */
function composeSubmit(machine: ApplicationStateMachine, mail: MailService): string {
  if (submitStatement) return submitStatement;
  const parts: SqlPart[] = [
    {
      name: 'x',
      sql: `SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::uuid[], $6::bigint[], $7::text[], $8::int[],
                                 $9::text[], $10::timestamptz[], $11::uuid[], $12::text[], $13::text[], $14::timestamptz[],
                                 $15::text[], $16::text[], $17::uuid[], $18::text[], $19::text[], $20::text[], $21::text[])
                   WITH ORDINALITY
              AS x(id, from_status, version, files_rev, org_id, submit_seq, prefix, year, old_number, at, actor_id, token,
                   audit_text, audit_at, action, audit_data, mail_id, mail_to, mail_subject, mail_body, mail_template, ord)`,
      params: [],
    },
    // still as read: lock in id order (two batches never wait for each other's rows in opposite orders)
    {
      name: 'g',
      sql: `SELECT a.id FROM application a
              JOIN x ON a.id = x.id AND a.status = x.from_status AND a.version = x.version AND a.files_rev = x.files_rev
             ORDER BY a.id FOR UPDATE OF a`,
      params: [],
    },
    // no other submit of the organization since the read (each organization appears once per statement)
    OrganizationSubmitSeq.bumpPart('o', 'x JOIN g ON g.id = x.id', 'x.org_id', 'x.submit_seq'),
    { name: 'ok', sql: `SELECT x.* FROM x JOIN g ON g.id = x.id JOIN o ON o.id = x.org_id`, params: [] },
    {
      name: 'fresh',
      sql: `SELECT prefix, year, count(*)::int AS k FROM ok WHERE old_number IS NULL GROUP BY prefix, year`,
      params: [],
    },
    {
      name: 'n',
      sql: `INSERT INTO submission_counter (prefix, year, last) SELECT prefix, year, k FROM fresh ORDER BY prefix, year
            ON CONFLICT (prefix, year) DO UPDATE SET last = submission_counter.last + excluded.last RETURNING prefix, year, last`,
      params: [],
    },
    // a first submit's number: <prefix>-<year>-<at least 6 digits>, in the batch's order; a resubmit keeps its own
    {
      name: 'num',
      sql: `SELECT ok.*, NULL::text AS comment,
                   coalesce(ok.old_number, ok.prefix || '-' || ok.year || '-' || lpad(s.v::text, greatest(6, length(s.v::text)), '0')) AS number
              FROM ok LEFT JOIN (SELECT ok.id, n.last - fresh.k + row_number() OVER (PARTITION BY ok.prefix, ok.year ORDER BY ok.ord) AS v
                                   FROM ok JOIN n USING (prefix, year) JOIN fresh USING (prefix, year) WHERE ok.old_number IS NULL) s ON s.id = ok.id`,
      params: [],
    },
    // the move: update, history and the audit events (chained in the batch's order), the number in place of the token
    ...machine.moveParts('submitted', {
      rows: 'num',
      auditText: 'replace(r.audit_text, r.token, u.number)',
      auditData: 'replace(r.audit_data, r.token, u.number)',
    }),
    {
      name: 'mail_src',
      sql: `SELECT r.mail_id AS id, r.mail_to AS to_address, replace(r.mail_subject, r.token, u.number) AS subject,
                   replace(r.mail_body, r.token, u.number) AS body_text, r.mail_template AS template,
                   '/applications/' || r.id AS link
              FROM num r JOIN u USING (id) WHERE r.mail_id IS NOT NULL`,
      params: [],
    },
    mail.outboxPart('mail_src', 'mail_rows', true),
  ];
  submitStatement = composeParts(parts, 'SELECT id, version, number FROM u').sql;
  return submitStatement;
}
