/*
 * The submit writer's batching edge cases, called directly with submitMany (one call = what the group commit hands
 * it): the same application twice in one batch, a status guard that no longer holds, and a batch where one submit is
 * refused while the others commit — each written exactly as the state machine's move writes it (row, history, audit).
 * The guards' races through the HTTP path are in applications-submit-guards.e2e-spec.ts.
 */
import { randomUUID } from 'crypto';
import { numberToken, SubmitWrite, SubmitWriter } from '../../libs/applications/src/applications/submit-writer';
import { verifyAuditChain } from '../../libs/platform/src';
import { startPortal, TestPortal } from '../support/portal';
import { draft, fakeAttachments, makeOfficer, openCall, seedApplicants } from './applications-fixtures';

jest.setTimeout(120_000);

describe('SubmitWriter.submitMany', () => {
  let p: TestPortal;
  let officer: string;
  let writer: SubmitWriter;

  beforeAll(async () => {
    p = await startPortal({ worker: false });
    officer = await makeOfficer(p, 'officer@writer.test');
    writer = p.app.get(SubmitWriter);
  });
  afterAll(async () => {
    await p.close();
  });

  async function counts() {
    const [row] = await p.ds.query(
      `SELECT (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM mail_message) AS mail,
              (SELECT coalesce(sum(last), 0)::int FROM submission_counter) AS numbers, (SELECT count(*)::int FROM application_history) AS history`,
    );
    return row as { audit: number; mail: number; numbers: number; history: number };
  }

  /** A draft with its attachments, and the write a submit of it would make from a fresh read. */
  async function drafted(callId: string, who: { token: string; userId: string; organizationId: string }) {
    const d = await draft(p, who.token, callId);
    await fakeAttachments(p, d.id, who.userId);
    const [g] = await p.ds.query(
      `SELECT a.version, a.files_rev, o.submit_seq FROM application a JOIN organization o ON o.id = a.organization_id WHERE a.id = $1`,
      [d.id],
    );
    const token = numberToken();
    const write: SubmitWrite = {
      app: { id: d.id, status: 'draft', organizationId: who.organizationId, number: null },
      guard: { version: g.version, filesRev: g.files_rev, submitSeq: g.submit_seq },
      actor: { kind: 'owner', userId: who.userId },
      at: new Date(),
      prefix: 'RD',
      year: 2026,
      token,
      mail: {
        id: randomUUID(),
        mail: { to: 'x@writer.test', subject: `编号 ${token}`, text: token, template: 'applications.receipt' },
      },
    };
    return write;
  }

  it('writes the same application once when it comes twice in one batch (the second waits, then its guard fails)', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a] = await seedApplicants(p, 1, 401_000);
    const w = await drafted(call.id, a);
    const before = await counts();
    const [first, second] = await writer.submitMany([w, { ...w, token: numberToken(), mail: null }]);
    expect(first).toEqual({ version: w.guard.version + 1, number: expect.stringMatching(/^RD-2026-\d{6}$/) });
    expect(second).toBeNull();
    expect(await counts()).toEqual({
      audit: before.audit + 1,
      mail: before.mail + 1,
      numbers: before.numbers + 1,
      history: before.history + 1,
    });
  });

  it('writes nothing for a submit whose status moved since the read, while the rest of the batch commits', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a, b, c] = await seedApplicants(p, 3, 402_000);
    const [wa, wb, wc] = [await drafted(call.id, a), await drafted(call.id, b), await drafted(call.id, c)];
    // b was withdrawn after its read (the version moves with it, as every status change moves it)
    await p.ds.query(`UPDATE application SET status = 'withdrawn', version = version + 1 WHERE id = $1`, [wb.app.id]);
    const before = await counts();
    const [ra, rb, rc] = await writer.submitMany([wa, wb, wc]);
    expect(rb).toBeNull();
    expect(Number(rc!.number.slice(-6))).toBe(Number(ra!.number.slice(-6)) + 1); // numbered in the batch's order, no gap
    expect(await counts()).toEqual({
      audit: before.audit + 2,
      mail: before.mail + 2,
      numbers: before.numbers + 2,
      history: before.history + 2,
    });
    const rows = await p.ds.query(`SELECT id, status FROM application WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [wa.app.id, wb.app.id, wc.app.id],
    ]);
    expect(new Map(rows.map((r: { id: string; status: string }) => [r.id, r.status]))).toEqual(
      new Map([
        [wa.app.id, 'submitted'],
        [wb.app.id, 'withdrawn'],
        [wc.app.id, 'submitted'],
      ]),
    );
    // the history rows are the state machine's: from draft to submitted, by the submitter, without a comment
    const history = await p.ds.query(
      `SELECT application_id, actor_id, from_status, to_status, comment FROM application_history
        WHERE application_id = ANY($1::uuid[]) AND to_status = 'submitted' ORDER BY id`,
      [[wa.app.id, wb.app.id, wc.app.id]],
    );
    expect(history).toEqual([
      { application_id: wa.app.id, actor_id: a.userId, from_status: 'draft', to_status: 'submitted', comment: null },
      { application_id: wc.app.id, actor_id: c.userId, from_status: 'draft', to_status: 'submitted', comment: null },
    ]);
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });

  it('refuses a move the state machine does not allow before writing anything', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a] = await seedApplicants(p, 1, 403_000);
    const w = await drafted(call.id, a);
    const before = await counts();
    await expect(writer.submitMany([{ ...w, app: { ...w.app, status: 'under_review' } }])).rejects.toMatchObject({
      code: 'APPLICATION.INVALID_TRANSITION',
    });
    await expect(writer.submitMany([{ ...w, actor: { kind: 'officer', userId: a.userId } }])).rejects.toMatchObject({
      code: 'APPLICATION.TRANSITION_FORBIDDEN',
    });
    expect(await counts()).toEqual(before);
  });

  it('keeps a resubmit’s number and records it as resubmitted', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a] = await seedApplicants(p, 1, 404_000);
    const w = await drafted(call.id, a);
    await p.ds.query(`UPDATE application SET status = 'returned', number = 'RD-2026-000777' WHERE id = $1`, [w.app.id]);
    const before = await counts();
    const [r] = await writer.submitMany([{ ...w, app: { ...w.app, status: 'returned', number: 'RD-2026-000777' } }]);
    expect(r).toEqual({ version: w.guard.version + 1, number: 'RD-2026-000777' });
    expect((await counts()).numbers).toBe(before.numbers); // no number taken
    const [e] = await p.ds.query(`SELECT action, data FROM audit_event ORDER BY seq DESC LIMIT 1`);
    expect(e).toEqual({
      action: 'application.resubmitted',
      data: { from: 'returned', to: 'submitted', number: 'RD-2026-000777' },
    });
  });
});
