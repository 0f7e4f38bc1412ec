import http from 'http';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'crypto';
import { BENCH_SECRET, startApi, startBenchServices } from './apps-bench-env';

function post(agent: http.Agent, port: number, method: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': '0', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}
async function drive(port: number, n: number, method: string, path: () => string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  let next = 0;
  const codes = new Map<number, number>();
  const t0 = Date.now();
  await Promise.all(Array.from({ length: 50 }, async () => { while (next++ < n) { const c = await post(agent, port, method, path(), headers); codes.set(c, (codes.get(c) ?? 0) + 1); } }));
  agent.destroy();
  return { ms: Date.now() - t0, codes: [...codes] };
}
async function main() {
  const s = await startBenchServices('OVH');
  const api = await startApi(s);
  const token = new JwtService({}).sign({ sub: randomUUID(), roles: ['applicant'], org: randomUUID() }, { secret: BENCH_SECRET, expiresIn: 3600 });
  const cases: [string, string, () => string, Record<string, string>][] = [
    ['unknown route, no auth', 'GET', () => '/api/nope', {}],
    ['submit missing app (auth + 1 query + 404)', 'POST', () => `/api/applications/${randomUUID()}/submit`, { Authorization: `Bearer ${token}` }],
    ['health', 'GET', () => '/api/health', {}],
  ];
  for (const [name, method, path, headers] of cases) {
    await drive(api.port, 500, method, path, headers);
    const c0 = api.cpuMs();
    const r = await drive(api.port, 3000, method, path, headers);
    const cpu = api.cpuMs() - c0;
    console.log(`${name}: ${(3000 * 1000 / r.ms).toFixed(0)} req/s, API CPU ${(cpu / 3000).toFixed(3)} ms/req, ${JSON.stringify(r.codes)}`);
  }
  await api.stop();
  await s.stop();
}
void main();
