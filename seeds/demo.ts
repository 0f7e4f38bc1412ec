import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { seedDemoCalls } from './demo-calls';

const PASSWORD = 'Demo@2026portal';

/** Demo accounts printed by `npm start` on an embedded database. */
export const DEMO_LOGINS = {
  password: PASSWORD,
  admin: { email: 'admin@demo.portal', password: PASSWORD },
  users: [
    { role: 'admin', email: 'admin@demo.portal', note: '系统管理员 admin' },
    {
      role: 'officer',
      email: 'officer@demo.portal',
      note: '国家级审核（文旅部）national officer, every province: formal checks, objections, countersigning waiting',
    },
    {
      role: 'officer',
      email: 'officer-js@demo.portal',
      note: '江苏省文化和旅游厅 Jiangsu provincial officer: an 初审 waiting',
    },
    { role: 'officer', email: 'officer-gx@demo.portal', note: '广西壮族自治区文化和旅游厅 Guangxi provincial officer' },
    { role: 'officer', email: 'officer-bj@demo.portal', note: '北京市文化和旅游局 Beijing provincial-level officer' },
    { role: 'officer', email: 'officer-fj@demo.portal', note: '福建省文化和旅游厅 Fujian provincial officer' },
    { role: 'finance', email: 'finance1@demo.portal', note: '财务（制单）finance, maker' },
    {
      role: 'finance',
      email: 'finance2@demo.portal',
      note: '财务（复核）finance, checker: a batch waiting for approval',
    },
    {
      role: 'expert',
      email: 'expert1@demo.portal',
      note: '评审专家 expert (5 in all: expert1..expert5): 4 pending reviews',
    },
    {
      role: 'applicant',
      email: 'xinghuo@demo.portal',
      note: '星火动画有限公司 (91350100M000100Y43), 福建: an application returned for correction',
    },
    { role: 'applicant', email: 'jinghua@demo.portal', note: '京华漫画出版社 (91110000600037341L), 北京' },
    { role: 'applicant', email: 'jiangnan@demo.portal', note: '江南动漫科技 (91320505MA1JN20267), 江苏' },
    { role: 'applicant', email: 'bagui@demo.portal', note: '八桂动画制作 (91450103MA5BG20261), 广西' },
  ],
};

const ORGS = [
  {
    key: 'xinghuo',
    name: '星火动画有限公司',
    creditCode: '91350100M000100Y43',
    address: '福建省福州市鼓楼区软件大道 89 号',
    legal: '林晓东',
    types: ['animation', 'online', 'derivative-design'],
  },
  {
    key: 'jinghua',
    name: '京华漫画出版社有限公司',
    creditCode: '91110000600037341L',
    address: '北京市东城区朝阳门内大街 166 号',
    legal: '王京华',
    types: ['comic', 'publishing', 'periodical-publishing'],
  },
];

/**
 * Issue 12, two levels: companies in 江苏 and 广西 (the provinces of the plans the portal serves) beside 北京 and 福建
 * above, and their provincial officers (agencies `prov-32`, `prov-45`); officer@demo.portal is the national office's.
 */
const PROVINCIAL_ORGS = [
  {
    key: 'jiangnan',
    name: '苏州江南动漫科技有限公司',
    creditCode: '91320505MA1JN20267',
    address: '江苏省苏州市虎丘区金山路 100 号',
    legal: '沈江南',
    types: ['animation', 'online', 'software'],
  },
  {
    key: 'bagui',
    name: '南宁八桂动画制作有限公司',
    creditCode: '91450103MA5BG20261',
    address: '广西壮族自治区南宁市青秀区民族大道 136 号',
    legal: '韦八桂',
    types: ['animation', 'comic', 'derivative-design'],
  },
];

const PROVINCIAL_OFFICERS: [email: string, name: string, agencyCode: string][] = [
  ['officer-js@demo.portal', '钱苏宁（江苏省文化和旅游厅）', 'prov-32'],
  ['officer-gx@demo.portal', '黄桂林（广西壮族自治区文化和旅游厅）', 'prov-45'],
  // the older demo companies' provinces (北京 京华, 福建 星火): without them, their applications to the demo calls with a
  // provincial stage would wait for a province nobody can log in for
  ['officer-bj@demo.portal', '赵京生（北京市文化和旅游局）', 'prov-11'],
  ['officer-fj@demo.portal', '林闽辉（福建省文化和旅游厅）', 'prov-35'],
];

const EXPERTS = [
  {
    n: 1,
    name: '陈思远',
    fields: ['jingpin', 'rending', 'tuiyou', 'dongmanjiang'],
    employer: '91310000MA1FL0000X',
    region: '310104',
  },
  {
    n: 2,
    name: '李文静',
    fields: ['jingpin', 'yuandongli', 'ydyl', 'dongmanjiang'],
    employer: '91440300MA5F00000Y',
    region: '440305',
  },
  {
    n: 3,
    name: '张海峰',
    fields: ['yuandongli', 'tuiguang', 'tuiyou'],
    employer: '91330100MA2H00000Q',
    region: '330106',
  },
  { n: 4, name: '刘雨桐', fields: ['rending', 'tuiguang', 'ydyl'], employer: '91510100MA6C00000T', region: '510107' },
  {
    n: 5,
    name: '赵一鸣',
    fields: ['jingpin', 'yuandongli', 'tuiguang', 'rending', 'tuiyou', 'ydyl', 'dongmanjiang'],
    employer: '91420100MA4K00000N',
    region: '420106',
  },
];

/** Seeds the demo data once (accounts, then calls and a draft, each with its own check); false when all were there. */
export async function seedDemo(databaseUrl: string): Promise<boolean> {
  const accounts = await seedDemoAccounts(databaseUrl);
  const provinces = await seedDemoProvinces(databaseUrl);
  const calls = await seedDemoCalls(databaseUrl);
  return accounts || provinces || calls;
}

/** Seeds demo organizations and accounts once; returns false when they are already there. */
async function seedDemoAccounts(databaseUrl: string): Promise<boolean> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const present = await c.query(`SELECT 1 FROM app_user WHERE email = 'officer@demo.portal'`);
    if (present.rowCount) return false;
    const pw = await hash(PASSWORD);
    await c.query('BEGIN');
    const orgIds: Record<string, string> = {};
    for (const o of ORGS) {
      const r = await c.query(
        `INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [o.name, o.creditCode, o.address, o.legal, o.types, o.creditCode.slice(2, 8), o.creditCode.slice(2, 4)],
      );
      orgIds[o.key] = r.rows[0].id;
      await c.query(
        `INSERT INTO app_user (email, name, phone, password_hash, roles, organization_id, email_verified_at) VALUES ($1, $2, $3, $4, '{applicant}', $5, now())`,
        [`${o.key}@demo.portal`, o.legal, '13800138000', pw, orgIds[o.key]],
      );
    }
    const staff: [string, string, string[]][] = [
      ['officer@demo.portal', '周明（管理员）', ['officer']],
      ['finance1@demo.portal', '孙丽（财务制单）', ['finance']],
      ['finance2@demo.portal', '吴刚（财务复核）', ['finance']],
    ];
    for (const [email, name, roles] of staff) {
      await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles, email_verified_at) VALUES ($1, $2, $3, $4, now())`,
        [email, name, pw, roles],
      );
    }
    for (const e of EXPERTS) {
      const r = await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles, email_verified_at) VALUES ($1, $2, $3, '{expert}', now()) RETURNING id`,
        [`expert${e.n}@demo.portal`, e.name, pw],
      );
      await c.query(
        `INSERT INTO expert_profile (user_id, fields, employer_credit_code, region_code, province_code) VALUES ($1, $2, $3, $4, $5)`,
        [r.rows[0].id, e.fields, e.employer, e.region, e.region.slice(0, 2)],
      );
    }
    await c.query('COMMIT');
    return true;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}

/**
 * Seeds the provincial demo data once (also into a demo database made before agencies existed): the companies of
 * 江苏 and 广西 with their applicant accounts, the two provincial officers, and the national officer put in the
 * national office. False when already there.
 */
async function seedDemoProvinces(databaseUrl: string): Promise<boolean> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const present = await c.query(`SELECT email FROM app_user WHERE email = ANY($1::text[])`, [
      PROVINCIAL_OFFICERS.map(([email]) => email),
    ]);
    if (present.rowCount === PROVINCIAL_OFFICERS.length) return false;
    const seeded = new Set(present.rows.map((r: { email: string }) => r.email));
    const pw = await hash(PASSWORD);
    await c.query('BEGIN');
    // the companies came with the first provincial officers (an older demo database may have those and lack the
    // officers of 北京 and 福建 added later)
    for (const o of seeded.has(PROVINCIAL_OFFICERS[0][0]) ? [] : PROVINCIAL_ORGS) {
      const r = await c.query(
        `INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [o.name, o.creditCode, o.address, o.legal, o.types, o.creditCode.slice(2, 8), o.creditCode.slice(2, 4)],
      );
      await c.query(
        `INSERT INTO app_user (email, name, phone, password_hash, roles, organization_id, email_verified_at) VALUES ($1, $2, $3, $4, '{applicant}', $5, now())`,
        [`${o.key}@demo.portal`, o.legal, '13800138000', pw, r.rows[0].id],
      );
    }
    for (const [email, name, agency] of PROVINCIAL_OFFICERS) {
      if (seeded.has(email)) continue;
      await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles, agency_id, email_verified_at)
         VALUES ($1, $2, $3, '{officer}', (SELECT id FROM agency WHERE code = $4), now())`,
        [email, name, pw, agency],
      );
    }
    await c.query(
      `UPDATE app_user SET agency_id = (SELECT id FROM agency WHERE code = 'national')
        WHERE email = 'officer@demo.portal' AND agency_id IS NULL`,
    );
    await c.query('COMMIT');
    return true;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}
