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
    { role: 'officer', email: 'officer@demo.portal', note: '管理员（文旅部）program officer' },
    { role: 'finance', email: 'finance1@demo.portal', note: '财务（制单）finance, maker' },
    { role: 'finance', email: 'finance2@demo.portal', note: '财务（复核）finance, checker' },
    { role: 'expert', email: 'expert1@demo.portal', note: '评审专家 expert (5 in all: expert1..expert5)' },
    { role: 'applicant', email: 'xinghuo@demo.portal', note: '星火动画有限公司 (91350100M000100Y43)' },
    { role: 'applicant', email: 'jinghua@demo.portal', note: '京华漫画出版社 (91110000600037341L)' },
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

const EXPERTS = [
  { n: 1, name: '陈思远', fields: ['jingpin', 'rending'], employer: '91310000MA1FL0000X', region: '310104' },
  { n: 2, name: '李文静', fields: ['jingpin', 'yuandongli'], employer: '91440300MA5F00000Y', region: '440305' },
  { n: 3, name: '张海峰', fields: ['yuandongli', 'tuiguang'], employer: '91330100MA2H00000Q', region: '330106' },
  { n: 4, name: '刘雨桐', fields: ['rending', 'tuiguang'], employer: '91510100MA6C00000T', region: '510107' },
  {
    n: 5,
    name: '赵一鸣',
    fields: ['jingpin', 'yuandongli', 'tuiguang', 'rending'],
    employer: '91420100MA4K00000N',
    region: '420106',
  },
];

/** Seeds the demo data once (accounts, then calls and a draft, each with its own check); false when all were there. */
export async function seedDemo(databaseUrl: string): Promise<boolean> {
  const accounts = await seedDemoAccounts(databaseUrl);
  const calls = await seedDemoCalls(databaseUrl);
  return accounts || calls;
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
