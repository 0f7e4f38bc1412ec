/*
 * Issue 12 groundwork: an officer's agency becomes the request's scope (AuthUser.scope), read per request with the
 * account; an officer without an agency stays national for every program, as API.md's POST /api/users makes them.
 */
import { JwtStrategy } from '../../libs/identity/src/auth/strategies';
import { AccountStatusCache } from '../../libs/identity/src/users/account-status';
import { ADMIN, auth, startPortal, TestPortal } from '../support/portal';

let p: TestPortal;
beforeAll(async () => {
  p = await startPortal({ worker: false });
});
afterAll(async () => {
  await p?.close();
});

it('seeds the national office, the programs’ national agencies and one department per province (GB/T 2260)', async () => {
  const rows: { code: string; level: string; province_code: string | null }[] = await p.ds.query(
    `SELECT code, level, province_code FROM agency ORDER BY code`,
  );
  expect(rows).toHaveLength(36);
  expect(rows.filter((r) => r.level === 'national').map((r) => r.code)).toEqual([
    'national',
    'national-mct',
    'national-nppa',
    'national-nrta',
    'national-rending',
  ]);
  expect(rows.find((r) => r.code === 'prov-32')).toMatchObject({ level: 'provincial', province_code: '32' });
  expect(rows.find((r) => r.code === 'prov-45')).toMatchObject({ level: 'provincial', province_code: '45' });
});

it('puts the agency of an officer on the request as its scope; none means national', async () => {
  const admin = await p.login(ADMIN.email, ADMIN.password);
  const made = await p
    .http()
    .post('/api/users')
    .set(auth(admin))
    .send({ name: '江苏审核员', email: 'officer@js.test', password: 'Officer#Pass2026', roles: ['officer'] });
  expect(made.status).toBe(201);
  const sub = made.body.id as string;
  const jwt = p.app.get(JwtStrategy);
  expect((await jwt.validate({ sub, roles: ['officer'], org: null })).scope).toBeUndefined();

  await p.ds.query(`UPDATE app_user SET agency_id = (SELECT id FROM agency WHERE code = 'prov-32') WHERE id = $1`, [
    sub,
  ]);
  p.app.get(AccountStatusCache).invalidate(sub);
  expect((await jwt.validate({ sub, roles: ['officer'], org: null })).scope).toEqual({
    agencyId: expect.any(String),
    provinceCode: '32',
    programs: null,
  });
  // the token still works for an officer route
  const token = await p.login('officer@js.test', 'Officer#Pass2026');
  expect((await p.http().get('/api/objections').set(auth(token))).status).toBe(200);
});
