/*
 * The submit is one read and one autocommit statement guarded by what was read, shared by the submits that arrive
 * together (SubmitWriter). These specs prove the guards: a stale read writes nothing at all (no number taken, no audit
 * event, no mail), and the races the old row locks prevented still cannot break a rule; and that a batch numbers,
 * chains and mails each of its submits as if it had been alone.
 */
import { randomUUID } from 'crypto';
import {
  numberToken,
  submitStatementSize,
  SubmitWrite,
  SubmitWriter,
} from '../../libs/applications/src/applications/submit-writer';
import { JINGPIN_PROGRAM } from '../../libs/programs/src/jingpin/jingpin.definition';
import { jingpinPayload, requiredKinds } from '../../libs/programs/src/testing/eligibility-context';
import { verifyAuditChain } from '../../libs/platform/src';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  draft,
  fakeAttachments,
  makeOfficer,
  openCall,
  rendingEnterprisePayload,
  seedApplicants,
} from './applications-fixtures';

jest.setTimeout(120_000);

describe('submit in one guarded statement', () => {
  let p: TestPortal;
  let officer: string;

  beforeAll(async () => {
    p = await startPortal({ worker: false });
    await new Promise<void>((ok) => p.app.getHttpServer().listen(0, '127.0.0.1', () => ok())); // one server for concurrent requests
    officer = await makeOfficer(p);
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

  /** A first submit's write as the lifecycle makes it, with a receipt whose subject and text carry the number. */
  function submitWrite(
    app: { id: string; organizationId: string; userId: string; status?: 'draft' | 'returned'; number?: string },
    guard: SubmitWrite['guard'],
  ): SubmitWrite {
    const token = numberToken();
    return {
      app: {
        id: app.id,
        status: app.status ?? 'draft',
        organizationId: app.organizationId,
        number: app.number ?? null,
      },
      guard,
      actor: { kind: 'owner', userId: app.userId },
      at: new Date(),
      prefix: 'RD',
      year: 2026,
      token,
      mail: {
        id: randomUUID(),
        mail: {
          to: 'x@test.portal',
          subject: `编号 ${token}`,
          text: `您的编号 ${token}`,
          template: 'applications.receipt',
        },
      },
    };
  }

  async function guardOf(id: string): Promise<SubmitWrite['guard']> {
    const [row] = await p.ds.query(
      `SELECT a.version, a.files_rev, o.submit_seq FROM application a JOIN organization o ON o.id = a.organization_id WHERE a.id = $1`,
      [id],
    );
    return { version: row.version, filesRev: row.files_rev, submitSeq: row.submit_seq };
  }

  it('writes nothing when the version, the files or the organization changed since the read, and everything when not', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a] = await seedApplicants(p, 1, 300_000);
    const d = await draft(p, a.token, call.id);
    await fakeAttachments(p, d.id, a.userId);
    const writer = p.app.get(SubmitWriter);
    const fresh = await guardOf(d.id);
    const attempt = (guard: typeof fresh) =>
      writer.submit(submitWrite({ id: d.id, organizationId: a.organizationId, userId: a.userId }, guard));

    const before = await counts();
    expect(await attempt({ ...fresh, version: fresh.version + 1 })).toBeNull();
    expect(await attempt({ ...fresh, filesRev: fresh.filesRev + 1 })).toBeNull();
    expect(await attempt({ ...fresh, submitSeq: String(Number(fresh.submitSeq) + 1) })).toBeNull();
    expect(await counts()).toEqual(before);
    expect((await p.ds.query(`SELECT status, number, version FROM application WHERE id = $1`, [d.id]))[0]).toEqual({
      status: 'draft',
      number: null,
      version: fresh.version,
    });

    const done = await attempt(fresh);
    expect(done).toEqual({ version: fresh.version + 1, number: 'RD-2026-000001' });
    expect(await counts()).toEqual({
      audit: before.audit + 1,
      mail: before.mail + 1,
      numbers: before.numbers + 1,
      history: before.history + 1,
    });
    // the number took the token's place in the mail and in the audit event, whose hash Postgres finished
    const [m] = await p.ds.query(`SELECT subject, body_text FROM mail_message ORDER BY created_at DESC LIMIT 1`);
    expect(m).toEqual({ subject: '编号 RD-2026-000001', body_text: '您的编号 RD-2026-000001' });
    const [e] = await p.ds.query(`SELECT action, data FROM audit_event ORDER BY seq DESC LIMIT 1`);
    expect(e).toEqual({
      action: 'application.submitted',
      data: { from: 'draft', to: 'submitted', number: 'RD-2026-000001' },
    });
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
    // a second attempt with the same (now stale) read changes nothing
    expect(await attempt(fresh)).toBeNull();
    expect((await counts()).numbers).toBe(before.numbers + 1);
  });

  it('writes the submits that arrive together in one statement, each numbered, chained and mailed as if alone', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a, b, c, d, e] = await seedApplicants(p, 5, 305_000);
    const ids: Record<string, string> = {};
    for (const [key, who] of [
      ['a', a],
      ['b', b],
      ['c1', c],
      ['c2', c],
      ['d', d],
      ['e', e],
    ] as const) {
      ids[key] = (await draft(p, who.token, call.id)).id;
      await fakeAttachments(p, ids[key], who.userId);
    }
    // d was submitted before and returned for correction: it keeps its number
    await p.ds.query(`UPDATE application SET status = 'returned', number = 'RD-2026-000900' WHERE id = $1`, [ids.d]);
    const [{ last: base }] = await p.ds.query(
      `SELECT last FROM submission_counter WHERE prefix = 'RD' AND year = 2026`,
    );
    const before = await counts();
    const statements = async () =>
      (await submitStatementSize.get()).values.find((v) => v.metricName === 'portal_submit_statement_submits_count')
        ?.value ?? 0;
    const statementsBefore = await statements();

    const writer = p.app.get(SubmitWriter);
    const w = {
      a: submitWrite({ id: ids.a, organizationId: a.organizationId, userId: a.userId }, await guardOf(ids.a)),
      b: submitWrite(
        { id: ids.b, organizationId: b.organizationId, userId: b.userId },
        { ...(await guardOf(ids.b)), version: 99 },
      ), // stale
      c1: submitWrite({ id: ids.c1, organizationId: c.organizationId, userId: c.userId }, await guardOf(ids.c1)),
      c2: submitWrite({ id: ids.c2, organizationId: c.organizationId, userId: c.userId }, await guardOf(ids.c2)), // same organization, same read
      d: submitWrite(
        { id: ids.d, organizationId: d.organizationId, userId: d.userId, status: 'returned', number: 'RD-2026-000900' },
        await guardOf(ids.d),
      ),
      e: {
        ...submitWrite({ id: ids.e, organizationId: e.organizationId, userId: e.userId }, await guardOf(ids.e)),
        prefix: 'ZZ',
      },
    };
    // submitted in one tick, they share a statement; c2 waits for a second one, where the organization guard stops it
    const [ra, rb, rc1, rc2, rd, re] = await Promise.all([w.a, w.b, w.c1, w.c2, w.d, w.e].map((x) => writer.submit(x)));
    expect(await statements()).toBe(statementsBefore + 2);
    const rd6 = (n: number) => `RD-2026-${String(n).padStart(6, '0')}`;
    expect([ra?.number, rb, rc1?.number, rc2, rd?.number, re?.number]).toEqual([
      rd6(base + 1),
      null,
      rd6(base + 2),
      null,
      'RD-2026-000900',
      'ZZ-2026-000001',
    ]);
    expect(await counts()).toEqual({
      audit: before.audit + 4,
      mail: before.mail + 4,
      numbers: before.numbers + 3,
      history: before.history + 4,
    });

    // the audit events follow the batch's order, each with its own number, and the chain verifies
    const events = await p.ds.query(
      `SELECT entity_id, action, data->>'number' AS number FROM audit_event ORDER BY seq DESC LIMIT 4`,
    );
    expect(events.reverse()).toEqual([
      { entity_id: ids.a, action: 'application.submitted', number: rd6(base + 1) },
      { entity_id: ids.c1, action: 'application.submitted', number: rd6(base + 2) },
      { entity_id: ids.d, action: 'application.resubmitted', number: 'RD-2026-000900' },
      { entity_id: ids.e, action: 'application.submitted', number: 'ZZ-2026-000001' },
    ]);
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
    // each receipt carries its own submit's number; the stale and the second submit wrote nothing
    const mails = await p.ds.query(`SELECT id::text, subject FROM mail_message WHERE id = ANY($1::uuid[])`, [
      [w.a, w.b, w.c1, w.c2, w.d, w.e].map((x) => x.mail!.id),
    ]);
    expect(new Map(mails.map((m: { id: string; subject: string }) => [m.id, m.subject]))).toEqual(
      new Map([
        [w.a.mail!.id, `编号 ${rd6(base + 1)}`],
        [w.c1.mail!.id, `编号 ${rd6(base + 2)}`],
        [w.d.mail!.id, '编号 RD-2026-000900'],
        [w.e.mail!.id, '编号 ZZ-2026-000001'],
      ]),
    );
    const rows = await p.ds.query(`SELECT id, status FROM application WHERE id = ANY($1::uuid[])`, [[ids.b, ids.c2]]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['draft', 'draft']);
  });

  it('answers an error to the one submit it belongs to when submits share a statement', async () => {
    const call = await openCall(p, officer, 'rending');
    const orgs = await seedApplicants(p, 3, 306_000);
    const writes: SubmitWrite[] = [];
    for (const o of orgs) {
      const d = await draft(p, o.token, call.id);
      await fakeAttachments(p, d.id, o.userId);
      writes.push(submitWrite({ id: d.id, organizationId: o.organizationId, userId: o.userId }, await guardOf(d.id)));
    }
    // the second one's actor does not exist: its history row breaks a foreign key, which fails the whole statement
    writes[1] = { ...writes[1], actor: { kind: 'owner', userId: randomUUID() } };
    const writer = p.app.get(SubmitWriter);
    const [first, second, third] = await Promise.allSettled(writes.map((x) => writer.submit(x)));
    expect(first).toMatchObject({ status: 'fulfilled', value: { number: expect.stringMatching(/^RD-2026-\d{6}$/) } });
    expect(second).toMatchObject({ status: 'rejected' });
    expect(third).toMatchObject({ status: 'fulfilled', value: { number: expect.stringMatching(/^RD-2026-\d{6}$/) } });
    const numbers = [first, third]
      .map((r) => (r as PromiseFulfilledResult<{ number: string }>).value.number)
      .map((n) => Number(n.slice(-6)));
    expect(numbers[1]).toBe(numbers[0] + 1); // no number lost to the failed statement
    expect((await p.ds.query(`SELECT status, number FROM application WHERE id = $1`, [writes[1].app.id]))[0]).toEqual({
      status: 'draft',
      number: null,
    });
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });

  it('lets only one of two concurrent submits of the same organization on one jingpin track through (one per track)', async () => {
    const call = await openCall(p, officer, 'jingpin');
    const orgs = await seedApplicants(p, 8, 310_000);
    const pairs = [];
    for (const a of orgs) {
      const x = await draft(p, a.token, call.id, jingpinPayload(), 'product', '精品产品甲');
      const y = await draft(
        p,
        a.token,
        call.id,
        { ...jingpinPayload(), workTitle: '另一部作品' },
        'product',
        '精品产品乙',
      );
      for (const id of [x.id, y.id]) await fakeAttachments(p, id, a.userId, requiredKinds(JINGPIN_PROGRAM, 'product'));
      pairs.push({ a, ids: [x.id, y.id] });
    }
    const results = await Promise.all(
      pairs.flatMap(({ a, ids }) =>
        ids.map((id) => p.http().post(`/api/applications/${id}/submit`).set(auth(a.token))),
      ),
    );
    for (let i = 0; i < pairs.length; i++) {
      const both = [results[2 * i], results[2 * i + 1]];
      expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
      const refused = both.find((r) => r.status === 422)!;
      expect(refused.body.details.map((d: { path: string }) => d.path)).toContain('jingpin.one-per-track');
    }
    const numbers = results
      .filter((r) => r.status === 200)
      .map((r) => r.body.number as string)
      .sort();
    expect(numbers).toEqual(
      Array.from({ length: pairs.length }, (_, i) => `JP-2026-${String(i + 1).padStart(6, '0')}`),
    );
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });

  it('does not submit with an attachment removed while the submit was under way', async () => {
    const call = await openCall(p, officer, 'rending');
    const orgs = await seedApplicants(p, 6, 320_000);
    const outcomes: string[] = [];
    for (const a of orgs) {
      const d = await draft(p, a.token, call.id);
      await fakeAttachments(p, d.id, a.userId);
      const [licence] = await p.ds.query(
        `SELECT id FROM attachment WHERE application_id = $1 AND kind = 'business-licence'`,
        [d.id],
      );
      const [submit, removal] = await Promise.all([
        p.http().post(`/api/applications/${d.id}/submit`).set(auth(a.token)),
        p.http().delete(`/api/applications/${d.id}/attachments/${licence.id}`).set(auth(a.token)),
      ]);
      const [after] = await p.ds.query(
        `SELECT a.status,
                (SELECT count(*)::int FROM attachment t
                  WHERE t.application_id = a.id AND t.kind = 'business-licence' AND t.deleted_at IS NULL) AS licences
           FROM application a WHERE a.id = $1`,
        [d.id],
      );
      // either the removal came first (the submit is refused: the licence is missing) or the submit did (the
      // removal is refused: a submitted application is not editable) — never a submitted application without it
      if (after.status === 'submitted') {
        expect(submit.status).toBe(200);
        expect(removal.status).toBe(409);
        expect(after.licences).toBe(1);
      } else {
        expect(removal.status).toBe(204);
        expect(submit.status).toBe(422);
        expect(after.licences).toBe(0);
      }
      outcomes.push(after.status);
    }
    expect(outcomes).toHaveLength(orgs.length);
  });

  it('judges the application an edit still in flight leaves, not the stale one the read saw', async () => {
    const call = await openCall(p, officer, 'rending');
    const [a] = await seedApplicants(p, 1, 330_000);
    const d = await draft(p, a.token, call.id, { ...rendingEnterprisePayload(), staff: undefined }); // incomplete: 422 as it stands
    await fakeAttachments(p, d.id, a.userId);
    const editor = p.ds.createQueryRunner(); // an autosave that has locked the row and not yet committed
    await editor.connect();
    await editor.startTransaction();
    try {
      await editor.query(`SELECT id FROM application WHERE id = $1 FOR UPDATE`, [d.id]);
      await editor.query(`UPDATE application SET payload = $2, version = version + 1 WHERE id = $1`, [
        d.id,
        JSON.stringify(rendingEnterprisePayload()),
      ]);
      const submit = p
        .http()
        .post(`/api/applications/${d.id}/submit`)
        .set(auth(a.token))
        .then((r) => r);
      await new Promise((r) => setTimeout(r, 300)); // the submit has read the incomplete payload and is waiting
      await editor.commitTransaction();
      const res = await submit;
      expect(res.status).toBe(200);
      expect(res.body.number).toMatch(/^RD-2026-\d{6}$/);
    } finally {
      await editor.release();
    }
  });
});
