/**
 * P2 — a 2 GiB video sample through the resumable upload (tus, PATCH chunks of 64 MiB) into the portal API running
 * as its own process on the embedded or configured services; the upload ends with the bytes fsynced in storage, the
 * sha256 recorded and the attachment row written. Compared with `dd` writing the same size to the same disk with
 * `conv=fdatasync`, in the same run. Also: the API's memory growth during the upload (RSS), and the bytes re-sent
 * when the connection is cut at 60% and the upload resumes from the server's offset (HEAD).
 * ratio = dd time / upload time (= upload throughput / dd throughput). Goals: ratio ≥ 0.70, memory ≤ 64 MiB,
 * re-sent ≤ one chunk; the last line says ok only when all three are met.
 */
import { execFileSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { rmSync } from 'fs';
import http from 'http';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { Client } from 'pg';
import { JwtService } from '@nestjs/jwt';
import { fmt } from './bench-util';
import { BENCH_SECRET, ChildServer, startApi, startBenchServices } from './apps-bench-env';

const SIZE = Number(process.env.P2_BYTES ?? 2 * 1024 ** 3);
const CHUNK = 64 * 1024 * 1024;
const GOAL = 0.7;
const MEMORY_GOAL = 64 * 1024 * 1024;
const MiB = 1024 * 1024;

/** The sample's bytes: an MP4 `ftyp` box, then random bytes; the 64 MiB pattern repeats. */
const PATTERN = (() => {
  const b = randomBytes(CHUNK);
  Buffer.from('000000186674797069736f6d0000020069736f6d6d703432', 'hex').copy(b, 0);
  return b;
})();

/** Bytes [from, from + length) of the sample. */
function slice(from: number, length: number): Buffer[] {
  const out: Buffer[] = [];
  let pos = from;
  while (pos < from + length) {
    const at = pos % CHUNK;
    const n = Math.min(CHUNK - at, from + length - pos);
    out.push(PATTERN.subarray(at, at + n));
    pos += n;
  }
  return out;
}

function sampleSha256(size: number): string {
  const h = createHash('sha256');
  for (const part of slice(0, size)) h.update(part);
  return h.digest('hex');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer[] = [],
  cutAfter?: number,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string } | 'cut'> {
  return new Promise((resolve, reject) => {
    const length = body.reduce((s, b) => s + b.length, 0);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: cutAfter === undefined ? agent : undefined,
        headers: { 'Tus-Resumable': '1.0.0', ...headers, ...(body.length ? { 'Content-Length': String(length) } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on('error', (err) => (cutAfter !== undefined ? resolve('cut') : reject(err)));
    if (cutAfter === undefined) {
      for (const b of body) req.write(b);
      req.end();
      return;
    }
    let sent = 0;
    for (const b of body) {
      const n = Math.min(b.length, cutAfter - sent);
      if (n <= 0) break;
      req.write(b.subarray(0, n));
      sent += n;
    }
    // once the kernel has taken the bytes, cut the connection
    req.write(Buffer.alloc(0), () => setTimeout(() => req.destroy(), 50));
  });
}

async function prepare(databaseUrl: string) {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const [org] = (
      await c.query(`INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
      VALUES ('样片动画公司', '91350100M000100Y43', '福州', '林晓东', '{animation}', '350100', '35') RETURNING id`)
    ).rows;
    const [user] = (
      await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles, organization_id) VALUES ('p2@bench', '林晓东', 'x', '{applicant}', $1) RETURNING id`,
        [org.id],
      )
    ).rows;
    const now = Date.now();
    const [call] = (
      await c.query(
        `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
         notice_working_days, aggregation, created_by)
       VALUES ('jingpin', 2026, 'P2', $1, $2, 0, 3, true, false, 5, 'trimmed', $3) RETURNING id`,
        [new Date(now - 86_400_000), new Date(now + 86_400_000), user.id],
      )
    ).rows;
    const apps: string[] = [];
    for (let i = 0; i < 3; i++)
      apps.push(
        (
          await c.query(
            `INSERT INTO application (call_id, organization_id, program_code, track, title, payload, status, created_by)
             VALUES ($1, $2, 'jingpin', 'product', $3, '{}', 'draft', $4) RETURNING id`,
            [call.id, org.id, `样片 ${i}`, user.id],
          )
        ).rows[0].id,
      );
    const token = new JwtService({}).sign(
      { sub: user.id, roles: ['applicant'], org: org.id },
      { secret: BENCH_SECRET, expiresIn: 7200 },
    );
    return { token, apps };
  } finally {
    await c.end();
  }
}

async function create(port: number, token: string, appId: string, size: number): Promise<string> {
  const meta = `kind ${Buffer.from('work-sample').toString('base64')},filename ${Buffer.from('样片.mp4').toString('base64')}`;
  const res = await request(port, 'POST', `/api/applications/${appId}/uploads`, {
    Authorization: `Bearer ${token}`,
    'Upload-Length': String(size),
    'Upload-Metadata': meta,
  });
  if (res === 'cut' || res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res)}`);
  return res.headers.location as string;
}

/** PATCHes from `offset` to the end in CHUNK pieces; returns the attachment id of the last answer. */
async function send(port: number, token: string, location: string, offset: number, size: number): Promise<string> {
  let attachmentId = '';
  while (offset < size) {
    const n = Math.min(CHUNK, size - offset);
    const res = await request(
      port,
      'PATCH',
      location,
      {
        Authorization: `Bearer ${token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      slice(offset, n),
    );
    if (res === 'cut' || res.status !== 204)
      throw new Error(
        `PATCH at ${offset} failed: ${JSON.stringify(res === 'cut' ? res : { status: res.status, text: res.text })}`,
      );
    offset = Number(res.headers['upload-offset']);
    attachmentId = String(res.headers['upload-attachment-id'] ?? '');
  }
  return attachmentId;
}

async function headOffset(port: number, token: string, location: string): Promise<number> {
  const res = await request(port, 'HEAD', location, { Authorization: `Bearer ${token}` });
  if (res === 'cut' || res.status !== 200) throw new Error(`HEAD failed: ${JSON.stringify(res)}`);
  return Number(res.headers['upload-offset']);
}

function watchMemory(api: ChildServer) {
  const base = api.rss();
  let max = base;
  const timer = setInterval(() => (max = Math.max(max, api.rss())), 50);
  return { base, stop: () => (clearInterval(timer), Math.max(max, api.rss()) - base) };
}

export async function run(): Promise<void> {
  console.log(
    `P2: a ${(SIZE / 1024 ** 3).toFixed(2)} GiB sample through tus (PATCH chunks of ${CHUNK / MiB} MiB), against dd on the same disk`,
  );
  const expected = sampleSha256(SIZE);
  const services = await startBenchServices('P2');
  let api: ChildServer | undefined;
  try {
    const { token, apps } = await prepare(services.databaseUrl);
    api = await startApi(services);
    const storage = join(services.workDir, 'storage');

    const ddFile = join(storage, 'dd.bin');
    const t0 = performance.now();
    execFileSync('dd', ['if=/dev/zero', `of=${ddFile}`, 'bs=1M', `count=${Math.round(SIZE / MiB)}`, 'conv=fdatasync'], {
      stdio: 'ignore',
    });
    const ddMs = performance.now() - t0;
    rmSync(ddFile, { force: true });
    console.log(`dd (bs=1M, conv=fdatasync): ${fmt(ddMs)} = ${(SIZE / MiB / (ddMs / 1000)).toFixed(0)} MiB/s`);

    // warm-up: a small upload loads every code path once
    const warm = await create(api.port, token, apps[0], 4 * MiB);
    await send(api.port, token, warm, 0, 4 * MiB);
    const c = new Client({ connectionString: services.databaseUrl });
    await c.connect();
    await c.query(`DELETE FROM attachment`);

    // the measured upload
    const mem = watchMemory(api);
    const t1 = performance.now();
    const location = await create(api.port, token, apps[1], SIZE);
    const attachmentId = await send(api.port, token, location, 0, SIZE);
    const uploadMs = performance.now() - t1;
    const growth = mem.stop();
    const [row] = (await c.query(`SELECT size, sha256, mime_type FROM attachment WHERE id = $1`, [attachmentId])).rows;
    const intact = row && Number(row.size) === SIZE && row.sha256 === expected && row.mime_type === 'video/mp4';
    console.log(
      `tus upload: ${fmt(uploadMs)} = ${(SIZE / MiB / (uploadMs / 1000)).toFixed(0)} MiB/s; ` +
        `recorded sha256 ${intact ? 'matches the sample' : 'DOES NOT MATCH'}`,
    );
    console.log(
      `API memory: RSS ${(mem.base / MiB).toFixed(0)} MiB before, growth ${(growth / MiB).toFixed(1)} MiB at most (goal ≤ ${MEMORY_GOAL / MiB} MiB)`,
    );
    const ratio = intact ? ddMs / uploadMs : 0;
    rmSync(join(storage, 'objects'), { recursive: true, force: true });

    // cut at 60% and resume from the server's offset
    const cutAt = Math.floor(SIZE * 0.6);
    const loc2 = await create(api.port, token, apps[2], SIZE);
    let offset = 0;
    while (offset + CHUNK <= cutAt)
      offset = Number((await send(api.port, token, loc2, offset, offset + CHUNK), offset + CHUNK));
    const cut = await request(
      api.port,
      'PATCH',
      loc2,
      {
        Authorization: `Bearer ${token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      slice(offset, Math.min(CHUNK, SIZE - offset)),
      cutAt - offset,
    );
    let serverOffset = -1;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const o = await headOffset(api.port, token, loc2);
      if (o === serverOffset) break; // settled
      serverOffset = o;
    }
    const resent = cutAt - serverOffset;
    const id2 = await send(api.port, token, loc2, serverOffset, SIZE);
    const [row2] = (await c.query(`SELECT size, sha256 FROM attachment WHERE id = $1`, [id2])).rows;
    await c.end();
    const resumedIntact = row2 && Number(row2.size) === SIZE && row2.sha256 === expected;
    console.log(
      `cut at 60% (${cut === 'cut' ? 'connection reset' : 'answered'} after ${(cutAt / MiB).toFixed(1)} MiB sent): ` +
        `server offset ${(serverOffset / MiB).toFixed(1)} MiB, ` +
        `re-sent ${(resent / MiB).toFixed(2)} MiB (goal ≤ one chunk, ${CHUNK / MiB} MiB); ` +
        `resumed upload's sha256 ${resumedIntact ? 'matches' : 'DOES NOT MATCH'}`,
    );

    const memoryOk = growth <= MEMORY_GOAL;
    const resendOk = resent >= 0 && resent <= CHUNK && !!resumedIntact;
    console.log(
      `throughput ratio ${ratio.toFixed(3)} (goal ≥ ${GOAL}); memory ${memoryOk ? 'ok' : 'short'}; re-sent ${resendOk ? 'ok' : 'short'}`,
    );
    console.log(`P2 ratio=${ratio.toFixed(2)} goal=${GOAL} ${ratio >= GOAL && memoryOk && resendOk ? 'ok' : 'short'}`);
  } finally {
    agent.destroy();
    await api?.stop();
    await services.stop();
  }
}
