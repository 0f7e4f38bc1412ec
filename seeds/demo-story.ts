/*
 * Demo data that tells the whole story (issue 14, item 10): a call at every stage, made through the portal's own API
 * — controllers, services and state machines, so history, audit chain, mail/inbox and the payment ledger are what the
 * engine writes — on an API started in this process for the seeding only. Time moves with the staging clock
 * (`ClockService.set`, the tools' way: no audit event; back to real time at the end). The stories run interleaved in the
 * order of their own dates, so the audit chain reads forward in time.
 *
 * | call (program, year)                         | stage the demo leaves it in                                             |
 * |----------------------------------------------|-------------------------------------------------------------------------|
 * | the four open calls of seeds/demo-calls.ts   | open; 江南's 认定 application submitted, waiting for 江苏's 初审          |
 * | 推广计划·海外推广专项 (tuiguang, this year)      | formal check: 4 submitted, 1 returned to 星火 for correction, 1 accepted |
 * | 动漫企业认定·第一批 (rending, this year)         | expert review: expert1 has 4 pending reviews, expert4 half done, expert5 done |
 * | “原动力”·第一批 (yuandongli, this year)         | 公示 open: one objection answered, one waiting for the officer           |
 * | 国家动漫精品工程·第一批 (jingpin, this year)      | finalized: 6 awards; agreements countersigned, accepted or issued;     |
 * |                                              | 2 first instalments paid (bank file), 1 in a batch for the checker, 1 due |
 * | 原创动漫推广计划 (tuiguang, last year)          | finished: 5 awards paid against their closing reports, evaluated        |
 *
 * The four demo companies of seeds/demo.ts take part everywhere; four more (山东, 湖南, 重庆, 云南: no demo officer) register
 * through the portal as the story begins and apply to the 推广计划 calls, which have no provincial stage.
 *
 * Idempotent: a `system_setting` row `demo-story` marks it done (or begun: a failed run is not repeated over itself).
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AddressInfo } from 'net';
import { Client } from 'pg';
import { ClockService, shanghaiDay } from '@portal/platform';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/setup';
import { DEMO_LOGINS } from './demo';
import { DEMO_STORY_KEY } from './demo-story-mark';

const MARK = '（演示）';
const DAY = 86_400_000;

/** A small valid PDF whose page says what it stands for (the demo's uploaded materials). */
export function demoPdf(label: string): Buffer {
  const text = label.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (Demo material: ${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------------------------------------------
// a thin HTTP client for the seeding API

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API's JSON, read field by field below
  text: string;
}

class Api {
  constructor(private readonly base: string) {}

  async call(method: string, path: string, token: string | null, body?: unknown, expect = [200, 201]): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null; // a file (the bank file, a PDF)
    }
    if (!expect.includes(res.status))
      throw new Error(`demo story: ${method} ${path} answered ${res.status}: ${text.slice(0, 600)}`);
    return { status: res.status, body: json, text };
  }

  get = (path: string, token: string | null) => this.call('GET', path, token);
  post = (path: string, token: string | null, body: unknown = {}) => this.call('POST', path, token, body);
  put = (path: string, token: string | null, body: unknown) => this.call('PUT', path, token, body);

  async upload(path: string, token: string, fields: Record<string, string>, file: Buffer, name: string) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file)], { type: guessType(name) }), name);
    return this.call('POST', path, token, form, [201, 200]);
  }
}

function guessType(name: string): string {
  return name.endsWith('.csv') ? 'text/csv' : 'application/pdf';
}

// ---------------------------------------------------------------------------------------------------------------
// time: the stories yield the moment their next step happens; the scheduler runs the earliest first

type Story = AsyncGenerator<Date, void, void>;

/**
 * Runs the stories' steps in time order across stories (ties: the story listed first); `first` runs before any step,
 * at the time of the earliest.
 */
async function runInTimeOrder(
  stories: Story[],
  setClock: (at: Date) => Promise<void>,
  first: () => Promise<void>,
): Promise<void> {
  const next: (Date | null)[] = [];
  for (const s of stories) {
    const r = await s.next();
    next.push(r.done ? null : r.value);
  }
  const earliest = Math.min(...next.filter((t): t is Date => !!t).map((t) => t.getTime()));
  await setClock(new Date(earliest - 3600_000));
  await first();
  for (;;) {
    let i = -1;
    next.forEach((t, k) => {
      if (t && (i < 0 || t.getTime() < next[i]!.getTime())) i = k;
    });
    if (i < 0) return;
    await setClock(next[i]!);
    const r = await stories[i].next();
    next[i] = r.done ? null : r.value;
  }
}

/** `days` days from `now` (negative: before), at `hhmm` in Asia/Shanghai. */
function dayAt(now: Date, days: number, hhmm = '10:00'): Date {
  const d = shanghaiDay(new Date(now.getTime() + days * DAY));
  return new Date(`${d}T${hhmm}:00+08:00`);
}

/** A day of `year` (Asia/Shanghai) at `hhmm`. */
function on(year: number, mmdd: string, hhmm = '10:00'): Date {
  return new Date(`${year}-${mmdd}T${hhmm}:00+08:00`);
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

// ---------------------------------------------------------------------------------------------------------------
// the demo's people

interface Company {
  key: string;
  token: string;
  province: string;
  name: string;
}

interface Cast {
  officer: string;
  /** provincial officers by province code */
  province: Record<string, string>;
  finance1: string;
  finance2: string;
  experts: Record<number, string>;
  companies: Record<'xinghuo' | 'jinghua' | 'jiangnan' | 'bagui', Company>;
  /** the companies that register through the portal as the story begins (山东, 湖南, 重庆, 云南): 推广计划 only */
  more: Record<'qilu' | 'xiangjiang' | 'bayu' | 'caiyun', Company>;
  rubric: Record<string, { key: string; max: number }[]>;
  refreshTokens: string[];
}

const PROVINCE_OFFICERS: Record<string, string> = {
  '11': 'officer-bj@demo.portal',
  '35': 'officer-fj@demo.portal',
  '32': 'officer-js@demo.portal',
  '45': 'officer-gx@demo.portal',
};

async function login(api: Api, email: string, refresh: string[]): Promise<string> {
  const r = await api.post('/api/auth/login', null, { email, password: DEMO_LOGINS.password });
  refresh.push(r.body.refreshToken);
  return r.body.accessToken;
}

/** Companies of provinces without a demo officer: they apply only to calls without a provincial stage. */
export const STORY_COMPANIES = [
  {
    key: 'qilu',
    name: '济南齐鲁动漫文化有限公司',
    creditCode: '91370102MA3QL20268',
    address: '山东省济南市历下区经十路 11 号',
    legal: '孔齐鲁',
    types: ['animation', 'derivative-design'],
  },
  {
    key: 'xiangjiang',
    name: '长沙潇湘动画有限公司',
    creditCode: '91430104MA4XX20264',
    address: '湖南省长沙市岳麓区麓谷大道 627 号',
    legal: '刘潇湘',
    types: ['animation', 'online'],
  },
  {
    key: 'bayu',
    name: '重庆巴渝漫画有限公司',
    creditCode: '91500105MA5BY2026C',
    address: '重庆市江北区观音桥步行街 8 号',
    legal: '陈巴渝',
    types: ['comic', 'online'],
  },
  {
    key: 'caiyun',
    name: '昆明彩云动漫科技有限公司',
    creditCode: '91530102MA6CY20266',
    address: '云南省昆明市五华区翠湖南路 2 号',
    legal: '段彩云',
    types: ['animation', 'software'],
  },
] as const;

/**
 * Registers a story company as anyone would (POST /api/auth/register) and follows the link of its verification mail
 * (read from the outbox, where the portal keeps it without SMTP or before the worker sends it).
 */
async function registerCompany(api: Api, databaseUrl: string, o: (typeof STORY_COMPANIES)[number]): Promise<void> {
  const email = `${o.key}@demo.portal`;
  await api.post('/api/auth/register', null, {
    organization: {
      name: o.name,
      creditCode: o.creditCode,
      address: o.address,
      legalRepresentative: o.legal,
      businessTypes: [...o.types],
    },
    user: { name: o.legal, email, phone: '13800138000', password: DEMO_LOGINS.password },
  });
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  const mail = await c
    .query(`SELECT body_text FROM mail_message WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [email])
    .finally(() => c.end());
  const token = /verify-email\?token=([\w-]+)/.exec(mail.rows[0]?.body_text ?? '')?.[1];
  if (token) await api.call('POST', '/api/auth/verify-email', null, { token }, [204]);
}

async function assemble(api: Api, databaseUrl: string): Promise<Cast> {
  await Promise.all(STORY_COMPANIES.map((o) => registerCompany(api, databaseUrl, o)));
  const refreshTokens: string[] = [];
  const l = (email: string) => login(api, email, refreshTokens);
  const province: Record<string, string> = {};
  const experts: Record<number, string> = {};
  await Promise.all([
    ...Object.entries(PROVINCE_OFFICERS).map(async ([code, email]) => (province[code] = await l(email))),
    ...[1, 2, 3, 4, 5].map(async (n) => (experts[n] = await l(`expert${n}@demo.portal`))),
  ]);
  const company = async (key: string, provinceCode: string, name: string): Promise<Company> => ({
    key,
    token: await l(`${key}@demo.portal`),
    province: provinceCode,
    name,
  });
  const programs = (await api.get('/api/programs', null)).body as {
    code: string;
    rubric: { key: string; max: number }[];
  }[];
  const [qilu, xiangjiang, bayu, caiyun] = await Promise.all(
    STORY_COMPANIES.map((o) => company(o.key, o.creditCode.slice(2, 4), o.name)),
  );
  const [officer, finance1, finance2, xinghuo, jinghua, jiangnan, bagui] = await Promise.all([
    l('officer@demo.portal'),
    l('finance1@demo.portal'),
    l('finance2@demo.portal'),
    company('xinghuo', '35', '星火动画有限公司'),
    company('jinghua', '11', '京华漫画出版社有限公司'),
    company('jiangnan', '32', '苏州江南动漫科技有限公司'),
    company('bagui', '45', '南宁八桂动画制作有限公司'),
  ]);
  return {
    officer,
    province,
    finance1,
    finance2,
    experts,
    companies: { xinghuo, jinghua, jiangnan, bagui },
    more: { qilu, xiangjiang, bayu, caiyun },
    rubric: Object.fromEntries(programs.map((p) => [p.code, p.rubric])),
    refreshTokens,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the steps every story uses (each one request or a few, as a person would click)

const KINDS: Record<string, string[]> = {
  jingpin: ['declaration', 'business-licence', 'work-sample'],
  yuandongli: ['declaration', 'business-licence', 'work-sample', 'copyright-proof'],
  tuiguang: ['declaration', 'business-licence', 'cost-evidence'],
  rending: ['declaration', 'business-licence', 'audit-report', 'staff-statement', 'ip-proof', 'premises-proof'],
};

const FILE_NAMES: Record<string, string> = {
  declaration: '承诺书（签章）.pdf',
  'business-licence': '营业执照.pdf',
  'work-sample': '作品样片说明.pdf',
  'copyright-proof': '著作权登记证书.pdf',
  'cost-evidence': '费用预算及报价单.pdf',
  'audit-report': '年度审计报告.pdf',
  'staff-statement': '人员及学历情况说明.pdf',
  'ip-proof': '知识产权证明.pdf',
  'premises-proof': '经营场所租赁合同.pdf',
  'spending-proof': '支出凭证（合同与发票）.pdf',
};

interface Applied {
  id: string;
  number: string;
  company: Company;
}

class Steps {
  /** set once everyone has logged in, before the first step */
  cast: Cast;

  constructor(readonly api: Api) {}

  async createCall(body: Record<string, unknown>): Promise<string> {
    const r = await this.api.post('/api/calls', this.cast.officer, {
      reviewersPerApplication: 3,
      noticeWorkingDays: 5,
      paymentDualControl: true,
      ...body,
    });
    return r.body.id;
  }

  /** create → the program's required files → submit */
  async apply(
    c: Company,
    callId: string,
    program: string,
    title: string,
    track: string,
    payload: Record<string, unknown>,
  ): Promise<Applied> {
    const created = await this.api.post(`/api/calls/${callId}/applications`, c.token, { title, track, payload });
    const id = created.body.id as string;
    await Promise.all(
      KINDS[program].map((kind) =>
        this.api.upload(`/api/applications/${id}/attachments`, c.token, { kind }, demoPdf(kind), FILE_NAMES[kind]),
      ),
    );
    const sub = await this.api.post(`/api/applications/${id}/submit`, c.token);
    return { id, number: sub.body.number, company: c };
  }

  provincialPass(a: Applied, opinion = '材料齐全，数据核实无误，同意上报。') {
    return this.api.post(`/api/applications/${a.id}/provincial-check`, this.cast.province[a.company.province], {
      decision: 'pass',
      opinion,
    });
  }

  /** each province recommends its passed applications in the order given */
  async recommend(callId: string, apps: Applied[]) {
    const byProvince = new Map<string, Applied[]>();
    for (const a of apps) byProvince.set(a.company.province, [...(byProvince.get(a.company.province) ?? []), a]);
    for (const [code, list] of byProvince)
      await this.api.post(`/api/calls/${callId}/recommendations`, this.cast.province[code], {
        items: list.map((a, i) => ({
          applicationId: a.id,
          note: `本省推荐第 ${i + 1} 位：创作团队成熟，作品特色鲜明。`,
        })),
      });
  }

  screen(a: Applied, decision: 'accept' | 'return' | 'reject', comment: string) {
    return this.api.post(`/api/applications/${a.id}/screening`, this.cast.officer, { decision, comment });
  }

  draw(callId: string) {
    return this.api.post(`/api/calls/${callId}/review-draw`, this.cast.officer, {});
  }

  /** expert `n` scores their pending reviews of the call (at most `limit`), higher for the applications listed first */
  async review(n: number, callId: string, program: string, order: Applied[], limit = Infinity) {
    const token = this.cast.experts[n];
    const list = await this.api.get('/api/reviews?pageSize=100&status=pending', token);
    const mine = (list.body.items as { id: string; applicationId: string; callId: string }[])
      .filter((r) => r.callId === callId)
      .sort(
        (a, b) => order.findIndex((x) => x.id === a.applicationId) - order.findIndex((x) => x.id === b.applicationId),
      )
      .slice(0, limit);
    for (const r of mine) {
      const rank = order.findIndex((x) => x.id === r.applicationId);
      const scores = Object.fromEntries(
        this.cast.rubric[program].map((c, k) => [
          c.key,
          Math.max(1, Math.min(c.max, Math.round(c.max * (0.95 - rank * 0.06 - ((n + k) % 3) * 0.03)))),
        ]),
      );
      await this.api.post(`/api/reviews/${r.id}/submit`, token, {
        scores,
        comment: COMMENTS[(rank + n) % COMMENTS.length],
      });
    }
  }

  closeReview(callId: string) {
    return this.api.post(`/api/calls/${callId}/review-close`, this.cast.officer, {});
  }

  decide(callId: string, a: Applied, outcome: 'award' | 'reject', note: string, tier?: string, amountFen?: number) {
    return this.api.put(`/api/calls/${callId}/decisions/${a.id}`, this.cast.officer, {
      outcome,
      note,
      ...(tier ? { tier } : {}),
      ...(amountFen !== undefined ? { amountFen } : {}),
    });
  }

  async publish(callId: string): Promise<{ id: string; endsAt: Date }> {
    const r = await this.api.post(`/api/calls/${callId}/notices`, this.cast.officer, {});
    return { id: r.body.id, endsAt: new Date(r.body.endsAt) };
  }

  /** finalize; the awards by application id */
  async finalize(callId: string): Promise<Map<string, string>> {
    const r = await this.api.post(`/api/calls/${callId}/finalize`, this.cast.officer, {});
    return new Map((r.body.awards as { id: string; applicationId: string }[]).map((x) => [x.applicationId, x.id]));
  }

  accept(c: Company, awardId: string) {
    return this.api.post(`/api/awards/${awardId}/agreement/accept`, c.token, {});
  }

  countersign(awardId: string) {
    return this.api.post(`/api/awards/${awardId}/agreement/countersign`, this.cast.officer, {});
  }

  /** finance1 prepares the batch of the call's due instalments `no`; its id */
  async prepareBatch(callId: string, no: number): Promise<string> {
    const r = await this.api.post('/api/payment-batches', this.cast.finance1, { callId, instalmentNo: no });
    return r.body.id;
  }

  /** finance2 approves; finance1 exports the bank file and imports the bank's return, every line paid */
  async payByBankFile(batchId: string, bankDay: string) {
    await this.api.post(`/api/payment-batches/${batchId}/approve`, this.cast.finance2, {});
    const file = await this.api.get(`/api/payment-batches/${batchId}/bank-file`, this.cast.finance1);
    const ids = file.text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[0]);
    const lines = ids.map((id, i) => `${id},PAID,ICBC-${bankDay.replace(/-/g, '')}-${String(i + 1).padStart(4, '0')},`);
    const csv = `instalmentId,status,reference,reason\r\n${lines.join('\r\n')}\r\n`;
    await this.api.upload(
      `/api/payment-batches/${batchId}/bank-return`,
      this.cast.finance1,
      {},
      Buffer.from(csv, 'utf8'),
      `回单-${bankDay}.csv`,
    );
  }
}

const COMMENTS = [
  '选题立意积极向上，艺术表现完整，市场前景清晰，建议支持。',
  '创意新颖，团队执行力强；预算编制较为合理，个别科目需细化。',
  '作品质量较好，推广与运营计划可行，产业化路径有待进一步明确。',
  '内容扎实，特色鲜明；建议加强衍生开发与版权运营。',
];

// ---------------------------------------------------------------------------------------------------------------
// payloads

function jingpinPayload(work: string, mediaType: string, synopsis: string) {
  return {
    mediaType,
    workTitle: work,
    synopsis,
    creators: [
      { name: '陈导', role: '导演', education: '本科' },
      { name: '王编', role: '编剧' },
    ],
    developmentPlan: '前期策划三个月，中期制作十二个月，后期与宣发三个月。',
    marketExpectation: '版权授权、视频平台分账及衍生品收入预计三年内超过一千万元。',
    licensing: '自有版权，已与两家视频平台洽谈首播授权。',
    promotionPlan: '电视台与网络平台同步播出，配合线下展会与校园推广。',
    declaration: true,
  };
}

function yuandongliPayload(work: string, extra: Record<string, unknown> = {}) {
  return { workTitle: work, foreignCoOwnership: false, previouslyFunded: false, declaration: true, ...extra };
}

function tuiguangPayload(
  year: number,
  name: string,
  location: string,
  mmdd: [string, string],
  costs: [string, string, number][],
) {
  const total = costs.reduce((s, [, , f]) => s + f, 0);
  return {
    activity: { name, startsOn: `${year}-${mmdd[0]}`, endsOn: `${year}-${mmdd[1]}`, location },
    costs: costs.map(([item, category, amountFen]) => ({ item, category, amountFen })),
    requestedFen: Math.floor(total / 2 / 100) * 100,
    declaration: true,
  };
}

function rendingPayload(fiscalYear: number, scale: number, ipDay: string, products: string[]) {
  return {
    fiscalYear,
    businessTypes: ['animation', 'online', 'derivative-design'],
    income: {
      totalFen: 40_000_000_00 * scale,
      animationMainFen: 30_000_000_00 * scale,
      selfDevelopedFen: 21_000_000_00 * scale,
      operatingFen: 40_000_000_00 * scale,
    },
    rdSpendingFen: 4_000_000_00 * scale,
    staff: { total: 60 * scale, qualified: 30 * scale, rd: 15 * scale },
    ipRights: [{ kind: 'copyright', number: `国作登字-${ipDay.slice(0, 4)}-F-000${scale}2468`, grantedOn: ipDay }],
    products: products.map((name) => ({ name, category: 'animation', selfDeveloped: true })),
    declaration: true,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the stories

/** Last year's 推广计划, finished: decided, paid against closing reports, evaluated. */
async function* lastYearsCall(s: Steps, year: number): Story {
  yield on(year, '03-02');
  const { xinghuo, jinghua, jiangnan, bagui } = s.cast.companies;
  const callId = await s.createCall({
    programCode: 'tuiguang',
    year,
    title: `${year} 年度原创动漫推广计划${MARK}`,
    opensAt: on(year, '03-03', '00:00').toISOString(),
    closesAt: on(year, '04-10', '17:00').toISOString(),
    budgetFen: 500_000_000,
    blindReview: false,
    regionRecusal: false,
    aggregation: 'mean',
    requestSharePercent: 50,
    provincialStage: 'none',
    agreementRequired: true,
    reportsRequired: true,
  });
  yield on(year, '03-24');
  const cost = (a: number, b: number): [string, string, number][] => [
    ['展位费', '展位', a],
    ['差旅费', '差旅', b],
  ];
  const apps = await Promise.all([
    s.apply(xinghuo, callId, 'tuiguang', '《山海小英雄》海外动漫节推广', 'overseas', {
      ...tuiguangPayload(year, '安纳西国际动画节参展', '法国安纳西', ['06-10', '06-15'], cost(60_000_000, 20_000_000)),
      activity: {
        name: '安纳西国际动画节参展',
        startsOn: `${year}-06-10`,
        endsOn: `${year}-06-15`,
        location: '法国安纳西',
        country: '法国',
      },
    }),
    s.apply(
      jinghua,
      callId,
      'tuiguang',
      '国潮漫画校园巡展',
      'campus',
      tuiguangPayload(year, '国潮漫画校园巡展', '北京', ['09-05', '10-30'], cost(30_000_000, 10_000_000)),
    ),
    s.apply(
      bagui,
      callId,
      'tuiguang',
      '壮乡动漫边疆行',
      'border',
      tuiguangPayload(year, '壮乡动漫边疆行', '广西百色', ['07-01', '07-20'], cost(24_000_000, 16_000_000)),
    ),
    s.apply(
      s.cast.more.xiangjiang,
      callId,
      'tuiguang',
      '湘漫进校园巡回展映',
      'campus',
      tuiguangPayload(year, '湘漫进校园巡回展映', '湖南长沙', ['09-10', '11-20'], cost(26_000_000, 12_000_000)),
    ),
    s.apply(
      s.cast.more.qilu,
      callId,
      'tuiguang',
      '齐鲁动漫中国国际动漫游戏博览会参展',
      'exhibition',
      tuiguangPayload(year, '中国国际动漫游戏博览会参展', '上海', ['07-28', '07-31'], cost(22_000_000, 6_000_000)),
    ),
    s.apply(
      jiangnan,
      callId,
      'tuiguang',
      '江南动漫中国国际动漫节展示',
      'exhibition',
      tuiguangPayload(year, '中国国际动漫节展示', '杭州', ['04-28', '05-03'], cost(40_000_000, 8_000_000)),
    ),
    s.apply(
      jiangnan,
      callId,
      'tuiguang',
      '苏绣动画短片英语译制',
      'translation',
      tuiguangPayload(year, '短片英语译制', '苏州', ['05-10', '08-10'], cost(12_000_000, 4_000_000)),
    ),
    s.apply(
      s.cast.more.bayu,
      callId,
      'tuiguang',
      '巴渝漫画网络平台推广',
      'media',
      tuiguangPayload(year, '巴渝漫画网络平台推广', '重庆', ['06-01', '09-30'], cost(10_000_000, 6_000_000)),
    ),
    s.apply(
      s.cast.more.caiyun,
      callId,
      'tuiguang',
      '彩云动漫南亚东南亚博览会参展',
      'overseas',
      tuiguangPayload(
        year,
        '南亚东南亚国家商品博览会参展',
        '云南昆明',
        ['08-16', '08-21'],
        cost(18_000_000, 8_000_000),
      ),
    ),
  ]);
  // accepted in ranking order: 星火, 京华, 八桂, 潇湘, 齐鲁 (awarded), 江南, 巴渝, 彩云 (not awarded); 江南's translation rejected
  const translation = apps.splice(6, 1)[0];
  yield on(year, '04-15');
  await Promise.all(apps.map((a) => s.screen(a, 'accept', '材料齐全，符合申报条件。')));
  await s.screen(translation, 'reject', '译制对象为已获资助作品的续作，不符合申报条件。');
  yield on(year, '04-17');
  await s.draw(callId);
  const order = apps;
  yield on(year, '04-22');
  await Promise.all([3, 4, 5].map((n) => s.review(n, callId, 'tuiguang', order)));
  yield on(year, '04-28');
  await s.closeReview(callId);
  yield on(year, '05-08');
  const amounts = [40_000_000, 20_000_000, 20_000_000, 18_000_000, 14_000_000];
  const notes = [
    '海外推广效果显著',
    '校园推广覆盖面广',
    '边疆推广具有示范意义',
    '校园展映形式新颖',
    '展会推广目标明确',
  ];
  for (const [i, a] of apps.entries())
    if (i < amounts.length) await s.decide(callId, a, 'award', `${notes[i]}，予以支持。`, undefined, amounts[i]);
    else await s.decide(callId, a, 'reject', '得分未进入支持范围。');
  const notice = await s.publish(callId);
  yield later(on(year, '05-20'), new Date(notice.endsAt.getTime() + 3600_000));
  const awards = await s.finalize(callId);
  const granted = apps.slice(0, amounts.length).map((a) => ({ ...a, awardId: awards.get(a.id)! }));
  yield on(year, '05-26');
  await Promise.all(granted.map((a) => s.accept(a.company, a.awardId)));
  yield on(year, '05-28');
  await Promise.all(granted.map((a) => s.countersign(a.awardId)));
  yield on(year, '10-20');
  const reportIds: string[] = [];
  for (const [i, a] of granted.entries()) {
    const spending = [
      { costLine: '展位费', amountFen: [58_000_000, 29_000_000, 23_000_000, 25_500_000, 21_800_000][i] },
      { costLine: '差旅费', amountFen: [19_500_000, 9_800_000, 15_600_000, 11_200_000, 5_900_000][i] },
    ];
    const payload = {
      progress: [
        '动画节期间接洽海外发行商 12 家，达成两项授权意向。',
        '巡展覆盖高校 15 所，观众三万人次。',
        '巡展覆盖 6 个边境县，放映 40 场。',
        '展映进入省内 22 所中小学，观众一万八千人次。',
        '博览会期间签约授权合同 3 份，意向金额 600 万元。',
      ][i],
      completedDeliverables: [{ name: '推广活动总结报告', completedOn: `${year}-10-15` }],
      spending,
    };
    await s.api.get(`/api/awards/${a.awardId}/reports`, a.company.token);
    await s.api.put(`/api/awards/${a.awardId}/reports/closing`, a.company.token, { payload });
    await s.api.upload(
      `/api/awards/${a.awardId}/reports/closing/attachments`,
      a.company.token,
      { kind: 'spending-proof' },
      demoPdf('spending-proof'),
      FILE_NAMES['spending-proof'],
    );
    const sub = await s.api.post(`/api/awards/${a.awardId}/reports/closing/submit`, a.company.token);
    reportIds.push(sub.body.id);
  }
  yield on(year, '10-27');
  for (const id of reportIds)
    // one by one: the officer's queue
    await s.api.post(`/api/reports/${id}/accept`, s.cast.officer, { note: '支出凭证齐全，与申报预算一致。' });
  yield on(year, '11-03');
  const batch = await s.prepareBatch(callId, 1);
  yield on(year, '11-04');
  await s.payByBankFile(batch, `${year}-11-04`);
  yield on(year, '12-10');
  for (const [i, a] of granted.entries())
    await s.api.post(`/api/awards/${a.awardId}/evaluation`, s.cast.officer, {
      grade: ['excellent', 'good', 'pass', 'good', 'excellent'][i],
      note: [
        '推广效果突出，资金使用规范。',
        '目标基本完成，凭证完整。',
        '完成主要推广任务，效果一般。',
        '覆盖面达到预期，凭证完整。',
        '签约成果显著，资金使用规范。',
      ][i],
    });
}

/** This year's 精品工程, finalized: awards, agreements at every step, money paid, batched and due. */
async function* finalizedCall(s: Steps, now: Date, year: number): Story {
  yield dayAt(now, -216);
  const { xinghuo, jinghua, jiangnan, bagui } = s.cast.companies;
  const callId = await s.createCall({
    programCode: 'jingpin',
    year,
    title: `${year} 年度国家动漫精品工程·第一批${MARK}`,
    opensAt: dayAt(now, -215, '00:00').toISOString(),
    closesAt: dayAt(now, -185, '17:00').toISOString(),
    provincialClosesAt: dayAt(now, -172, '17:00').toISOString(),
    budgetFen: 800_000_000,
    blindReview: true,
    regionRecusal: true,
    aggregation: 'trimmed',
    provincialStage: 'recommend',
    provincialQuota: 3,
    agreementRequired: true,
    reportsRequired: true,
  });
  yield dayAt(now, -200);
  const works: [Company, string, string, string, string][] = [
    [xinghuo, 'product', '山海小英雄', 'tv', '少年阿山在山海之间寻找失落的神兽，守护家园。'],
    [jinghua, 'product', '胡同里的猫', 'comic', '老北京胡同里一只橘猫见证的四季人情。'],
    [jiangnan, 'product', '姑苏少年行', 'new-media', '苏州少年穿越古今，解开园林里的机关谜题。'],
    [bagui, 'product', '刘三姐新传', 'film', '以山歌为线索，讲述壮乡青年的逐梦故事。'],
    [xinghuo, 'idea', '星河守望者', 'tv', '近未来的太空站上，一群孩子的科学冒险。'],
    [jiangnan, 'idea', '运河的孩子', 'tv', '京杭大运河沿岸五座城市的五个孩子。'],
    [jinghua, 'idea', '京剧脸谱侠', 'new-media', '把京剧脸谱变成超能力的都市奇想。'],
    [bagui, 'idea', '铜鼓的声音', 'comic', '铜鼓里住着的精灵，和守鼓的女孩。'],
  ];
  const apps = await Promise.all(
    works.map(([c, track, work, media, synopsis]) =>
      s.apply(c, callId, 'jingpin', `《${work}》`, track, jingpinPayload(work, media, synopsis)),
    ),
  );
  yield dayAt(now, -180);
  await Promise.all(apps.map((a) => s.provincialPass(a)));
  yield dayAt(now, -176);
  await s.recommend(callId, apps);
  yield dayAt(now, -170);
  await Promise.all(apps.map((a) => s.screen(a, 'accept', '形式审查通过。')));
  yield dayAt(now, -168);
  await s.draw(callId);
  yield dayAt(now, -160);
  await Promise.all([1, 2, 5].map((n) => s.review(n, callId, 'jingpin', apps)));
  yield dayAt(now, -152);
  await s.closeReview(callId);
  yield dayAt(now, -142);
  const tiers: [string, number][] = [
    ['一等', 150_000_000],
    ['一等', 150_000_000],
    ['二等', 100_000_000],
    ['二等', 100_000_000],
    ['三等', 60_000_000],
    ['三等', 60_000_000],
  ];
  for (const [i, a] of apps.entries())
    if (i < tiers.length) await s.decide(callId, a, 'award', '评审排名靠前，拟予扶持。', tiers[i][0], tiers[i][1]);
    else await s.decide(callId, a, 'reject', '评审得分未进入扶持范围。');
  const notice = await s.publish(callId);
  yield later(dayAt(now, -126), new Date(notice.endsAt.getTime() + 3600_000));
  const awards = await s.finalize(callId);
  const award = (i: number) => awards.get(apps[i].id)!;
  // agreements: 0 and 1 signed long ago and paid; 2 signed, in a batch waiting for the checker; 3 signed, due;
  // 4 accepted by the company, waiting for the officer's countersignature; 5 issued, not yet accepted
  yield dayAt(now, -120);
  await Promise.all([0, 1].map((i) => s.accept(apps[i].company, award(i))));
  yield dayAt(now, -118);
  await Promise.all([0, 1].map((i) => s.countersign(award(i))));
  yield dayAt(now, -115);
  const paid = await s.prepareBatch(callId, 1);
  yield dayAt(now, -114);
  await s.payByBankFile(paid, shanghaiDay(dayAt(now, -114)));
  yield dayAt(now, -30);
  await s.accept(apps[2].company, award(2));
  yield dayAt(now, -28);
  await s.countersign(award(2));
  yield dayAt(now, -20);
  await s.prepareBatch(callId, 1); // finance2 has not approved it yet
  yield dayAt(now, -6);
  await s.accept(apps[3].company, award(3));
  yield dayAt(now, -4);
  await s.countersign(award(3)); // its first instalment is due: no batch yet
  yield dayAt(now, -2);
  await s.accept(apps[4].company, award(4));
  // award 5: the agreement is issued when someone first opens it
  await s.api.get(`/api/awards/${award(5)}/agreement`, apps[5].company.token);
  // each company opens its award's page once: the reports' schedule (mid-term, closing) with their due days
  await Promise.all(tiers.map((_, i) => s.api.get(`/api/awards/${award(i)}/reports`, apps[i].company.token)));
}

/** This year's 原动力, in 公示: one objection answered, one waiting. */
async function* noticeCall(s: Steps, now: Date, year: number): Story {
  yield dayAt(now, -131);
  const { xinghuo, jinghua, jiangnan, bagui } = s.cast.companies;
  const callId = await s.createCall({
    programCode: 'yuandongli',
    year,
    title: `${year} 年度“原动力”中国原创动漫出版扶持计划·第一批${MARK}`,
    opensAt: dayAt(now, -130, '00:00').toISOString(),
    closesAt: dayAt(now, -100, '17:00').toISOString(),
    provincialClosesAt: dayAt(now, -86, '17:00').toISOString(),
    budgetFen: 300_000_000,
    blindReview: true,
    regionRecusal: false,
    aggregation: 'trimmed',
    provincialStage: 'recommend',
    provincialQuota: 5,
    agreementRequired: true,
    reportsRequired: true,
  });
  yield dayAt(now, -110);
  const apps = await Promise.all([
    s.apply(
      jinghua,
      callId,
      'yuandongli',
      '《燕京画报》原创漫画连载',
      'periodical-serial',
      yuandongliPayload('燕京画报连载·城南旧事'),
    ),
    s.apply(
      xinghuo,
      callId,
      'yuandongli',
      '《山海小英雄》网络动画第二季',
      'web-animation',
      yuandongliPayload('山海小英雄第二季·海之歌'),
    ),
    s.apply(jiangnan, callId, 'yuandongli', '《评弹少女》网络漫画', 'web-comic', yuandongliPayload('评弹少女')),
    s.apply(
      bagui,
      callId,
      'yuandongli',
      '《百鸟衣》朝鲜文译制',
      'minority-translation',
      yuandongliPayload('百鸟衣', { targetLanguage: 'ko' }),
    ),
    s.apply(jinghua, callId, 'yuandongli', '《北平旧事》原创漫画图书', 'comic-book', yuandongliPayload('北平旧事')),
    s.apply(bagui, callId, 'yuandongli', '《花山岩画》原创漫画图书', 'comic-book', yuandongliPayload('花山岩画')),
  ]);
  yield dayAt(now, -95);
  await Promise.all(apps.map((a) => s.provincialPass(a, '作品未出版，版权清晰，同意推荐。')));
  yield dayAt(now, -90);
  await s.recommend(callId, apps);
  yield dayAt(now, -84);
  await Promise.all(apps.map((a) => s.screen(a, 'accept', '形式审查通过。')));
  yield dayAt(now, -80);
  await s.draw(callId);
  yield dayAt(now, -70);
  await Promise.all([2, 3, 5].map((n) => s.review(n, callId, 'yuandongli', apps)));
  yield dayAt(now, -62);
  await s.closeReview(callId);
  yield dayAt(now, -5);
  const amounts = [60_000_000, 50_000_000, 40_000_000, 30_000_000];
  for (const [i, a] of apps.entries())
    if (i < amounts.length)
      await s.decide(callId, a, 'award', '评审排名靠前，拟予扶持。', i < 2 ? '重点扶持' : '一般扶持', amounts[i]);
    else await s.decide(callId, a, 'reject', '评审得分未进入扶持范围。');
  yield dayAt(now, -3, '09:30');
  const notice = await s.publish(callId);
  yield dayAt(now, -2, '15:20');
  const first = await s.api.post(`/api/public/notices/${notice.id}/objections`, null, {
    name: '李明',
    contact: 'liming@example.com',
    entryApplicationId: apps[2].id,
    reason: '该作品部分情节与本人 2019 年发表的网络漫画相似，请核实原创性。',
  });
  yield dayAt(now, -1, '11:00');
  await s.api.post(`/api/objections/${first.body.id}/resolution`, s.cast.officer, {
    upheld: false,
    response: '经核查创作底稿与时间戳，作品为原创，异议不成立。',
  });
  yield dayAt(now, -1, '16:40');
  await s.api.post(`/api/public/notices/${notice.id}/objections`, null, {
    name: '张华',
    contact: 'zhanghua@example.com',
    entryApplicationId: apps[1].id,
    reason: '据了解，该作品第一季已于去年获得扶持，第二季属于续作，不应重复扶持。',
  });
}

/** This year's 认定, under expert review: expert1 has every review still to do. */
async function* reviewCall(s: Steps, now: Date, year: number): Story {
  yield dayAt(now, -76);
  const { xinghuo, jinghua, jiangnan, bagui } = s.cast.companies;
  const callId = await s.createCall({
    programCode: 'rending',
    year,
    title: `${year} 年度动漫企业认定·第一批${MARK}`,
    opensAt: dayAt(now, -75, '00:00').toISOString(),
    closesAt: dayAt(now, -45, '17:00').toISOString(),
    provincialClosesAt: dayAt(now, -30, '17:00').toISOString(),
    budgetFen: 0,
    blindReview: false,
    regionRecusal: false,
    aggregation: 'mean',
    provincialStage: 'check',
    annualReview: true,
  });
  yield dayAt(now, -50);
  const fy = year - 1;
  const ip = shanghaiDay(dayAt(now, -400));
  const apps = await Promise.all([
    s.apply(
      jiangnan,
      callId,
      'rending',
      `苏州江南动漫科技有限公司 ${year} 年度动漫企业认定申请`,
      'enterprise',
      rendingPayload(fy, 2, ip, ['姑苏少年行']),
    ),
    s.apply(
      bagui,
      callId,
      'rending',
      `南宁八桂动画制作有限公司 ${year} 年度动漫企业认定申请`,
      'enterprise',
      rendingPayload(fy, 1, ip, ['刘三姐新传']),
    ),
    s.apply(jinghua, callId, 'rending', `京华漫画出版社有限公司 ${year} 年度动漫企业认定申请`, 'enterprise', {
      ...rendingPayload(fy, 3, ip, ['胡同里的猫']),
      businessTypes: ['comic', 'publishing'],
    }),
    s.apply(
      xinghuo,
      callId,
      'rending',
      `星火动画有限公司 ${year} 年度动漫企业认定申请（第一批）`,
      'enterprise',
      rendingPayload(fy, 2, ip, ['山海小英雄']),
    ),
  ]);
  yield dayAt(now, -40);
  await Promise.all(apps.map((a) => s.provincialPass(a, '初审：六项指标经审计报告核实，均达到认定标准。')));
  yield dayAt(now, -28);
  await Promise.all(apps.map((a) => s.screen(a, 'accept', '材料齐全。')));
  yield dayAt(now, -6);
  await s.draw(callId);
  yield dayAt(now, -3);
  await s.review(5, callId, 'rending', apps);
  await s.review(4, callId, 'rending', apps, 2);
}

/** This year's 推广计划 special call, closed a few days ago: the formal check under way. */
async function* formalCheckCall(s: Steps, now: Date, year: number): Story {
  yield dayAt(now, -41);
  const { xinghuo, jinghua, jiangnan, bagui } = s.cast.companies;
  const callId = await s.createCall({
    programCode: 'tuiguang',
    year,
    title: `${year} 年度原创动漫推广计划·海外推广专项${MARK}`,
    opensAt: dayAt(now, -40, '00:00').toISOString(),
    closesAt: dayAt(now, -4, '17:00').toISOString(),
    budgetFen: 200_000_000,
    blindReview: false,
    regionRecusal: false,
    aggregation: 'mean',
    requestSharePercent: 50,
    provincialStage: 'none',
    agreementRequired: true,
    reportsRequired: true,
  });
  yield dayAt(now, -15);
  const abroad = (name: string, location: string, country: string, a: number, b: number) => {
    const p = tuiguangPayload(
      year,
      name,
      location,
      ['12-01', '12-20'],
      [
        ['展位费', '展位', a],
        ['翻译与物料费', '物料', b],
      ],
    );
    return { ...p, activity: { ...p.activity, country } };
  };
  const apps = await Promise.all([
    s.apply(
      xinghuo,
      callId,
      'tuiguang',
      '《山海小英雄》东南亚发行推广',
      'overseas',
      abroad('东南亚动漫发行推介会', '新加坡', '新加坡', 30_000_000, 10_000_000),
    ),
    s.apply(
      jinghua,
      callId,
      'tuiguang',
      '国潮漫画日本书展推广',
      'overseas',
      abroad('东京国际书展参展', '日本东京', '日本', 25_000_000, 5_000_000),
    ),
    s.apply(
      jiangnan,
      callId,
      'tuiguang',
      '《姑苏少年行》戛纳电视节推广',
      'overseas',
      abroad('戛纳电视节参展', '法国戛纳', '法国', 45_000_000, 15_000_000),
    ),
    s.apply(
      bagui,
      callId,
      'tuiguang',
      '《刘三姐新传》东盟动漫周推广',
      'overseas',
      abroad('中国—东盟动漫周', '越南河内', '越南', 20_000_000, 6_000_000),
    ),
  ]);
  await Promise.all([
    s.apply(
      s.cast.more.xiangjiang,
      callId,
      'tuiguang',
      '《潇湘奇谭》海外流媒体推广',
      'overseas',
      abroad('海外流媒体联合推广', '美国洛杉矶', '美国', 28_000_000, 12_000_000),
    ),
    s.apply(
      s.cast.more.caiyun,
      callId,
      'tuiguang',
      '彩云动漫南亚动漫周推广',
      'overseas',
      abroad('南亚动漫周', '泰国曼谷', '泰国', 16_000_000, 4_000_000),
    ),
  ]);
  yield dayAt(now, -2);
  await s.screen(apps[0], 'return', '请补充海外主办方出具的参展邀请函，并将费用预算按币种分列。');
  await s.screen(apps[1], 'accept', '材料齐全，符合申报条件。');
}

/** An open call: 江南's 认定 application submitted and waiting for 江苏's 初审. */
async function* openCall(s: Steps, now: Date): Story {
  yield new Date(now.getTime() - 20 * 60_000);
  const open = await s.api.get('/api/calls?status=open&program=rending&pageSize=100', null);
  const call = (open.body.items as { id: string; title: string }[]).find((c) => c.title.endsWith(MARK));
  if (!call) return; // the demo's open calls have closed since they were seeded
  const y = Number(shanghaiDay(now).slice(0, 4));
  await s.apply(
    s.cast.companies.jiangnan,
    call.id,
    'rending',
    '苏州江南动漫科技有限公司重点动漫企业认定前置申请',
    'enterprise',
    rendingPayload(y - 1, 3, shanghaiDay(new Date(now.getTime() - 200 * DAY)), ['姑苏少年行', '评弹少女']),
  );
}

// ---------------------------------------------------------------------------------------------------------------

export interface DemoStoryOptions {
  /** "now" of the story (default: the real time) */
  now?: Date;
  /** environment for the seeding API (on top of process.env); DATABASE_URL is the database seeded */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** Seeds the story once; `seeded` false when it was there (or begun) already. */
export async function seedDemoStory(
  databaseUrl: string,
  opts: DemoStoryOptions = {},
): Promise<{ seeded: boolean; ms: number }> {
  const t0 = Date.now();
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const present = await c.query(`SELECT value FROM system_setting WHERE key = $1`, [DEMO_STORY_KEY]);
    if (present.rowCount) {
      if (present.rows[0].value?.state !== 'done')
        opts.log?.(
          'the demo story of an earlier start did not finish; it is not seeded again (remove the data directory to start over)',
        );
      return { seeded: false, ms: Date.now() - t0 };
    }
    const officer = await c.query(`SELECT 1 FROM app_user WHERE email = 'officer@demo.portal'`);
    if (!officer.rowCount) return { seeded: false, ms: Date.now() - t0 }; // no demo accounts: nothing to tell
    await c.query(`INSERT INTO system_setting (key, value) VALUES ($1, $2)`, [
      DEMO_STORY_KEY,
      JSON.stringify({ state: 'begun', at: new Date().toISOString() }),
    ]);
  } finally {
    await c.end();
  }

  const now = opts.now ?? new Date();
  const app = await startSeedingApi(databaseUrl, opts.env ?? {});
  opts.log?.(`demo story: seeding API up in ${Date.now() - t0} ms`);
  const clock = app.get(ClockService);
  try {
    const address = app.getHttpServer().address() as AddressInfo;
    const api = new Api(`http://127.0.0.1:${address.port}`);
    const steps = new Steps(api);
    const year = Number(shanghaiDay(now).slice(0, 4));
    await runInTimeOrder(
      [
        lastYearsCall(steps, year - 1),
        finalizedCall(steps, now, year),
        noticeCall(steps, now, year),
        reviewCall(steps, now, year),
        formalCheckCall(steps, now, year),
        openCall(steps, now),
      ],
      (at) => clock.set(at),
      async () => {
        const t1 = Date.now();
        steps.cast = await assemble(api, databaseUrl); // everyone logs in at the start of the story (tokens keep real time)
        opts.log?.(`demo story: logins in ${Date.now() - t1} ms`);
      },
    );
    await clock.set(null);
    for (const refreshToken of steps.cast.refreshTokens)
      await api.call('POST', '/api/auth/logout', null, { refreshToken }, [204, 200, 401]);
    const done = new Client({ connectionString: databaseUrl });
    await done.connect();
    try {
      await done.query(`UPDATE system_setting SET value = $2, updated_at = now() WHERE key = $1`, [
        DEMO_STORY_KEY,
        JSON.stringify({ state: 'done', at: new Date().toISOString(), now: now.toISOString(), ms: Date.now() - t0 }),
      ]);
    } finally {
      await done.end();
    }
    return { seeded: true, ms: Date.now() - t0 };
  } finally {
    await clock.set(null).catch(() => undefined);
    await app.close();
  }
}

/**
 * The API for the seeding, in this process on a loopback port: the staging clock on (only here), payments through
 * the bank file (the demo's paid instalments are settled by a return file, with no worker needed), no API docs.
 */
async function startSeedingApi(databaseUrl: string, env: Record<string, string>): Promise<INestApplication> {
  const overrides: Record<string, string> = {
    LOG_LEVEL: 'warn',
    ...env,
    DATABASE_URL: databaseUrl,
    PORTAL_TEST_CLOCK: '1',
    PAYMENT_RAIL: 'bank-file',
    DOCS_PUBLIC: 'false',
    OBJECTION_RATE_PER_HOUR: '1000',
  };
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(overrides)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const app = await NestFactory.create(AppModule.register(), { logger: ['error'], abortOnError: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    return app;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
