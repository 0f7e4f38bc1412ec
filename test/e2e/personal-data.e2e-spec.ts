/*
 * Issue 11 point 18 (DESIGN rule 14): the ID numbers and phones of people in application payloads (fields declared
 * with IdNumberField / PhoneField, today jingpin's core creators) are encrypted at rest with PII_KEY, shown in full
 * to the owner and the officers only, masked for an assigned expert, and the submit checks still see them.
 */
import { PROGRAM_CASES, createCall, setClock, setupStaff, Staff } from './awards-fixtures';
import { pdf } from './applications-fixtures';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';

const ID = '110105199001011232';
const PHONE = '13912345678';
const ID2 = '310104198512030028';
const PHONE2 = '021-63218888';

describe('personal data in application payloads', () => {
  let p: TestPortal;
  let staff: Staff;
  beforeAll(async () => {
    p = await startPortal({ env: { PII_KEY: 'e2e-personal-data-key-' + 'k'.repeat(24) } });
    staff = await setupStaff(p, 'pii');
    await setClock(p, staff.admin, '2026-03-10T10:00:00+08:00');
  });
  afterAll(async () => {
    await p?.close();
  });

  it('encrypted at rest, open to the owner and officers, masked for the expert, checked at submit', async () => {
    const callId = await createCall(p, staff.officer, 'jingpin');
    const c = await registerCompany(p, 9301);
    const other = await registerCompany(p, 9302);
    const payload = {
      ...PROGRAM_CASES.jingpin.payload(1),
      creators: [
        { name: '王导演', role: '导演', idNumber: ID, phone: PHONE },
        { name: '李编剧', role: '编剧' },
      ],
    };
    const created = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(c.token))
      .send({ title: '精品动画', track: 'product', payload });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.payload.creators[0]).toMatchObject({ idNumber: ID, phone: PHONE });

    // at rest: no plain ID number or phone anywhere in the row
    const raw = async () =>
      ((await p.ds.query(`SELECT payload::text AS t FROM application WHERE id = $1`, [id])) as { t: string }[])[0].t;
    let stored = await raw();
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(PHONE);
    expect(stored).toMatch(/"idNumber": "pii:v1:[\w-]+"/);
    expect(stored).toContain('王导演'); // only the marked fields are sealed

    // a bad ID number is refused like any other field
    const bad = await p
      .http()
      .patch(`/api/applications/${id}`)
      .set(auth(c.token))
      .send({
        version: created.body.version,
        payload: { ...payload, creators: [{ name: '甲', role: '导演', idNumber: '123' }] },
      });
    expect(bad.status).toBe(400);
    // so is a number whose check character is wrong (GB 11643), with a message that does not repeat it
    const wrongCheck = await p
      .http()
      .patch(`/api/applications/${id}`)
      .set(auth(c.token))
      .send({
        version: created.body.version,
        payload: { ...payload, creators: [{ name: '甲', role: '导演', idNumber: '110105199001011234' }] },
      });
    expect(wrongCheck.status).toBe(400);
    expect(JSON.stringify(wrongCheck.body)).toContain('校验位不符');
    expect(JSON.stringify(wrongCheck.body)).not.toContain('110105199001011234');

    // an edit writes sealed values again
    const edited = await p
      .http()
      .patch(`/api/applications/${id}`)
      .set(auth(c.token))
      .send({
        version: created.body.version,
        payload: {
          ...payload,
          creators: [...payload.creators, { name: '张美术', role: '美术', idNumber: ID2, phone: PHONE2 }],
        },
      });
    expect(edited.status).toBe(200);
    expect(edited.body.payload.creators[2]).toMatchObject({ idNumber: ID2, phone: PHONE2 });
    stored = await raw();
    for (const s of [ID, PHONE, ID2, PHONE2]) expect(stored).not.toContain(s);

    // owner and officer read them in full; another organization reads nothing
    const own = await p.http().get(`/api/applications/${id}`).set(auth(c.token));
    expect(own.body.payload.creators.map((x: { idNumber?: string }) => x.idNumber)).toEqual([ID, undefined, ID2]);
    const officer = await p.http().get(`/api/applications/${id}`).set(auth(staff.officer));
    expect(officer.body.payload.creators[0]).toMatchObject({ idNumber: ID, phone: PHONE });
    expect((await p.http().get(`/api/applications/${id}`).set(auth(other.token))).status).toBe(404);

    // submit: the checks see the values (a sealed string would fail the ID number pattern)
    for (const kind of PROGRAM_CASES.jingpin.kinds) {
      const up = await p
        .http()
        .post(`/api/applications/${id}/attachments`)
        .set(auth(c.token))
        .field('kind', kind)
        .attach('file', pdf(), { filename: `${kind}.pdf`, contentType: 'application/pdf' });
      expect(up.status).toBe(201);
    }
    const sub = await p.http().post(`/api/applications/${id}/submit`).set(auth(c.token)).send({});
    expect(sub.status).toBe(200);
    const scr = await p
      .http()
      .post(`/api/applications/${id}/screening`)
      .set(auth(staff.officer))
      .send({ decision: 'accept', comment: '材料齐全' });
    expect(scr.status).toBe(200);

    // an assigned expert (open review) never sees them: not in full, not the ciphertext, not even masked (the review's
    // anonymiser replaces every ID-number and phone field for experts, DESIGN rule 14), in either of the expert's views
    const draw = await p.http().post(`/api/calls/${callId}/review-draw`).set(auth(staff.officer)).send({ seed: 7 });
    expect(draw.status).toBe(200);
    let seen = 0;
    for (const expert of staff.experts) {
      const res = await p.http().get(`/api/applications/${id}`).set(auth(expert));
      if (res.status !== 200) continue;
      seen++;
      const text = JSON.stringify(res.body);
      for (const s of [ID, PHONE, ID2, PHONE2]) expect(text).not.toContain(s);
      expect(text).not.toContain('pii:v1:');
      expect(res.body.payload.creators[0]).toMatchObject({ idNumber: '[已隐去/redacted]', phone: '[已隐去/redacted]' });
      expect(res.body.payload.creators[2]).toMatchObject({ idNumber: '[已隐去/redacted]', phone: '[已隐去/redacted]' });
      const list = await p.http().get('/api/reviews').set(auth(expert));
      expect(list.status).toBe(200);
      for (const r of list.body.items as { id: string }[]) {
        const review = await p.http().get(`/api/reviews/${r.id}`).set(auth(expert));
        expect(review.status).toBe(200);
        const reviewText = JSON.stringify(review.body);
        for (const s of [ID, PHONE, ID2, PHONE2, 'pii:v1:']) expect(reviewText).not.toContain(s);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
