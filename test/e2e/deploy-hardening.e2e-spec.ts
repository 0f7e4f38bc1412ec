/*
 * Issue 11 point 16: what a production deployment closes. TRUST_PROXY decides whose address a per-address limit
 * counts; the queue dashboard is opened by a POST that sets an HttpOnly cookie (never a token in a URL);
 * /metrics needs METRICS_TOKEN when it is set; DOCS_PUBLIC=false hides the OpenAPI document.
 * (The boot refusal of placeholder and short secrets is libs/platform/src/config/portal-config.spec.ts.)
 */
import { ADMIN, auth, startPortal, TestPortal } from '../support/portal';

const CLIENT_A = '203.0.113.7';
const CLIENT_B = '198.51.100.9';

/** Wrong passwords (a new unknown account each time, so only the per-address limit can trip) until a 429. */
async function tripAddressLimit(p: TestPortal, forwardedFor: string): Promise<number> {
  for (let i = 1; i <= 40; i++) {
    const res = await p
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .send({ email: `nobody-${i}@limit.test`, password: 'Wrong#Pass2026' });
    if (res.status === 429) return i;
    expect(res.status).toBe(401);
  }
  throw new Error('the per-address login limit never tripped');
}

const wrongLogin = (p: TestPortal, forwardedFor: string) =>
  p
    .http()
    .post('/api/auth/login')
    .set('X-Forwarded-For', forwardedFor)
    .send({ email: 'someone-else@limit.test', password: 'Wrong#Pass2026' });

const METRICS_TOKEN = 'metrics-' + 'm'.repeat(40);

describe('behind one ingress (TRUST_PROXY=1), METRICS_TOKEN set, DOCS_PUBLIC=false', () => {
  let p: TestPortal;
  let admin: string;
  beforeAll(async () => {
    p = await startPortal({ worker: false, env: { TRUST_PROXY: '1', METRICS_TOKEN, DOCS_PUBLIC: 'false' } });
    admin = await p.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('a per-address limit counts the client the ingress names, not the ingress, and a forged prefix does not help', async () => {
    expect(await tripAddressLimit(p, CLIENT_A)).toBeLessThanOrEqual(31);
    // another client behind the same ingress is not limited
    expect((await wrongLogin(p, CLIENT_B)).status).toBe(401);
    // the ingress appends the real address: a client-written entry before it changes nothing
    expect((await wrongLogin(p, `${CLIENT_B}, ${CLIENT_A}`)).status).toBe(429);
  });

  it('/metrics answers only with the bearer METRICS_TOKEN', async () => {
    expect((await p.http().get('/metrics')).status).toBe(401);
    expect((await p.http().get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await p.http().get('/metrics').set(auth(admin))).status).toBe(401); // an admin's token is not it
    const ok = await p.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('portal_http_request_duration_seconds');
  });

  it('DOCS_PUBLIC=false: no OpenAPI document, no Swagger UI', async () => {
    expect((await p.http().get('/api/docs-json')).status).toBe(404);
    expect((await p.http().get('/api/docs')).status).toBe(404);
    expect((await p.http().get('/api/docs-json').set(auth(admin))).status).toBe(404);
  });

  it('the queue dashboard opens through a POST that sets an HttpOnly cookie; a token in the URL opens nothing', async () => {
    // before: ?token= opened the board and put the token into a cookie (and into every access log on the way)
    const viaUrl = await p.http().get(`/admin/queues?token=${admin}`);
    expect(viaUrl.status).toBe(403);
    expect(viaUrl.headers['set-cookie']).toBeUndefined();
    expect((await p.http().get('/admin/queues')).status).toBe(403);

    expect((await p.http().post('/api/admin/queues/session')).status).toBe(401);
    const open = await p.http().post('/api/admin/queues/session').set(auth(admin));
    expect(open.status).toBe(204);
    const cookie = String(open.headers['set-cookie']);
    expect(cookie).toMatch(/^qb_session=[\w.-]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=900$/);
    expect(cookie).not.toContain(admin);
    const session = cookie.split(';')[0];

    const board = await p.http().get('/admin/queues').set('Cookie', session);
    expect(board.status).toBe(200);
    expect(board.text).toContain('<html');
    // the cookie is good for the board only, not as a bearer token for the API
    const value = session.split('=')[1];
    expect((await p.http().get('/api/me').set(auth(value))).status).toBe(401);
    // a forged cookie (an API token in it) opens nothing
    expect((await p.http().get('/admin/queues').set('Cookie', `qb_session=${admin}`)).status).toBe(403);
  });

  it('the dashboard cookie is Secure when the ingress says the request came over TLS', async () => {
    const open = await p
      .http()
      .post('/api/admin/queues/session')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', CLIENT_B)
      .set(auth(admin));
    expect(open.status).toBe(204);
    expect(String(open.headers['set-cookie'])).toMatch(/; Secure$/);
  });
});

describe('TRUST_PROXY=false: a client talking to the API directly cannot name another address', () => {
  let p: TestPortal;
  let admin: string;
  beforeAll(async () => {
    // '' = unset (the first portal's values stay in process.env otherwise)
    p = await startPortal({ worker: false, env: { TRUST_PROXY: 'false', METRICS_TOKEN: '', DOCS_PUBLIC: '' } });
    admin = await p.login(ADMIN.email, ADMIN.password); // before this address is limited
  });
  afterAll(async () => {
    await p?.close();
  });

  it('X-Forwarded-For is ignored: a new forged address does not reset the limit', async () => {
    expect(await tripAddressLimit(p, CLIENT_A)).toBeLessThanOrEqual(31);
    expect((await wrongLogin(p, CLIENT_B)).status).toBe(429);
    expect((await wrongLogin(p, '192.0.2.1')).status).toBe(429);
  });

  it('defaults: /metrics open without METRICS_TOKEN, docs public; a forged X-Forwarded-Proto gets no Secure cookie', async () => {
    expect((await p.http().get('/metrics')).status).toBe(200);
    expect((await p.http().get('/api/docs-json')).status).toBe(200);
    const open = await p.http().post('/api/admin/queues/session').set('X-Forwarded-Proto', 'https').set(auth(admin));
    expect(open.status).toBe(204);
    expect(String(open.headers['set-cookie'])).not.toContain('Secure');
  });
});
