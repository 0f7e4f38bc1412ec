import { evaluateEligibility, isEligible } from '../engine/eligibility';
import { RuleResult } from '../program-definition';
import {
  TestPayload,
  ContextOverrides,
  eligibleContext,
  historyEntry,
  makeContext,
  rendingEnterprisePayload,
  rendingKeyEnterprisePayload,
  rendingKeyProductPayload,
  requiredKinds,
} from '../testing/eligibility-context';
import { RENDING_PROGRAM } from './rending.definition';

const COMMON = ['common.declaration', 'common.required-attachments', 'common.not-excluded'];

function run(track: string, payload: TestPayload, o: ContextOverrides = {}): RuleResult[] {
  return evaluateEligibility(RENDING_PROGRAM, eligibleContext(RENDING_PROGRAM, track, payload, o));
}

function result(results: RuleResult[], key: string): RuleResult {
  const r = results.find((x) => x.rule === key);
  if (!r) throw new Error(`no result for ${key}: ${results.map((x) => x.rule).join(', ')}`);
  return r;
}

function check(track: string, payload: TestPayload, key: string, o: ContextOverrides = {}): RuleResult {
  return result(run(track, payload, o), key);
}

function failing(results: RuleResult[]): string[] {
  return results.filter((r) => !r.passed).map((r) => r.rule);
}

const certifiedHistory = () => [historyEntry({ programCode: 'rending', track: 'enterprise', status: 'awarded' })];
const keyProductHistory = () => [
  ...certifiedHistory(),
  historyEntry({ programCode: 'rending', track: 'key-product', status: 'awarded' }),
];

function enterprise(patch: (p: TestPayload) => void): TestPayload {
  const p = rendingEnterprisePayload();
  patch(p);
  return p;
}

describe('rending: which rules apply to which track', () => {
  it.each([
    [
      'enterprise',
      [
        'rending.main-income-share',
        'rending.self-developed-share',
        'rending.qualified-staff-share',
        'rending.rd-staff-share',
        'rending.rd-spending-share',
        'rending.recent-ip',
        'rending.business-type',
        'rending.enterprise-code',
      ],
    ],
    ['key-product', ['rending.certified', 'rending.key-product-threshold']],
    ['key-enterprise', ['rending.certified', 'rending.has-key-product', 'rending.key-enterprise-threshold']],
  ])('%s is judged by exactly its rules', (track, keys) => {
    const results = evaluateEligibility(RENDING_PROGRAM, makeContext({ track }));
    expect(results.map((r) => r.rule)).toEqual([...COMMON, ...keys]);
    for (const r of results) {
      expect(r.detail.zh.length).toBeGreaterThan(0);
      expect(r.detail.en.length).toBeGreaterThan(0);
    }
  });

  it('passes a complete application on every track', () => {
    expect(failing(run('enterprise', rendingEnterprisePayload()))).toEqual([]);
    expect(
      failing(run('key-product', rendingKeyProductPayload(), { organizationHistory: certifiedHistory() })),
    ).toEqual([]);
    expect(
      failing(run('key-enterprise', rendingKeyEnterprisePayload(), { organizationHistory: keyProductHistory() })),
    ).toEqual([]);
  });

  it('never throws on an empty or malformed payload, and fails the rules instead', () => {
    for (const track of ['enterprise', 'key-product', 'key-enterprise']) {
      for (const payload of [
        {},
        { income: 'x', staff: [], ipRights: 'y', product: 5 },
        null as unknown as TestPayload,
      ]) {
        const results = evaluateEligibility(RENDING_PROGRAM, makeContext({ track, payload }));
        expect(isEligible(results)).toBe(false);
      }
    }
  });
});

describe('rending share rules at their exact boundaries', () => {
  it('main-income-share: 60% passes, one fen less fails, with the figures in the detail', () => {
    const at = check(
      'enterprise',
      enterprise((p) =>
        Object.assign(p.income, { totalFen: 100_000_000, animationMainFen: 60_000_000, selfDevelopedFen: 30_000_000 }),
      ),
      'rending.main-income-share',
    );
    expect(at.passed).toBe(true);
    expect(at.detail.zh).toContain('60.00%');
    const below = check(
      'enterprise',
      enterprise((p) =>
        Object.assign(p.income, { totalFen: 100_000_000, animationMainFen: 59_999_999, selfDevelopedFen: 30_000_000 }),
      ),
      'rending.main-income-share',
    );
    expect(below.passed).toBe(false);
    expect(below.detail.zh).toContain('59.99%');
    expect(below.detail.zh).toContain('低于 60%');
    expect(below.detail.zh).toContain('¥599,999.99');
    expect(below.detail.zh).toContain('¥1,000,000.00');
    expect(below.detail.en).toContain('59.99%');
    expect(below.detail.en).toContain('below the required 60%');
  });

  it('main-income-share is exact beyond floating point (amounts near 2^53)', () => {
    const total = Number.MAX_SAFE_INTEGER; // 9007199254740991 fen
    const enough = Number((BigInt(total) * 60n + 99n) / 100n); // ceil(60%)
    expect(
      check(
        'enterprise',
        enterprise((p) =>
          Object.assign(p.income, { totalFen: total, animationMainFen: enough, selfDevelopedFen: enough }),
        ),
        'rending.main-income-share',
      ).passed,
    ).toBe(true);
    expect(
      check(
        'enterprise',
        enterprise((p) =>
          Object.assign(p.income, { totalFen: total, animationMainFen: enough - 1, selfDevelopedFen: enough }),
        ),
        'rending.main-income-share',
      ).passed,
    ).toBe(false);
  });

  it('self-developed-share: 50% passes, one fen less fails', () => {
    const mk = (self: number) =>
      enterprise((p) =>
        Object.assign(p.income, { totalFen: 100_000_000, animationMainFen: 80_000_000, selfDevelopedFen: self }),
      );
    expect(check('enterprise', mk(40_000_000), 'rending.self-developed-share').passed).toBe(true);
    const r = check('enterprise', mk(39_999_999), 'rending.self-developed-share');
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('49.99%');
    expect(r.detail.zh).toContain('低于 50%');
  });

  it('qualified-staff-share: 30% passes, one person less fails', () => {
    const mk = (total: number, qualified: number) =>
      enterprise((p) => Object.assign(p.staff, { total, qualified, rd: total }));
    expect(check('enterprise', mk(10, 3), 'rending.qualified-staff-share').passed).toBe(true);
    expect(check('enterprise', mk(10, 2), 'rending.qualified-staff-share').passed).toBe(false);
    expect(check('enterprise', mk(1000, 300), 'rending.qualified-staff-share').passed).toBe(true);
    const r = check('enterprise', mk(1000, 299), 'rending.qualified-staff-share');
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('29.90%');
    expect(r.detail.zh).toContain('299 人');
    expect(r.detail.zh).toContain('1,000 人');
  });

  it('rd-staff-share: 10% passes, one person less fails', () => {
    const mk = (total: number, rd: number) =>
      enterprise((p) => Object.assign(p.staff, { total, qualified: total, rd }));
    expect(check('enterprise', mk(10, 1), 'rending.rd-staff-share').passed).toBe(true);
    expect(check('enterprise', mk(10, 0), 'rending.rd-staff-share').passed).toBe(false);
    expect(check('enterprise', mk(1000, 100), 'rending.rd-staff-share').passed).toBe(true);
    expect(check('enterprise', mk(1000, 99), 'rending.rd-staff-share').passed).toBe(false);
  });

  it('rd-spending-share: 8% passes, one fen less fails', () => {
    const mk = (rd: number) =>
      enterprise((p) => {
        p.income.operatingFen = 100_000_000;
        p.rdSpendingFen = rd;
      });
    expect(check('enterprise', mk(8_000_000), 'rending.rd-spending-share').passed).toBe(true);
    const r = check('enterprise', mk(7_999_999), 'rending.rd-spending-share');
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('7.99%');
    expect(r.detail.zh).toContain('低于 8%');
  });

  it.each([
    [
      'income.totalFen',
      'rending.main-income-share',
      (p: TestPayload) => {
        p.income.totalFen = 0;
      },
    ],
    [
      'income.animationMainFen',
      'rending.self-developed-share',
      (p: TestPayload) => {
        p.income.animationMainFen = 0;
        p.income.totalFen = 0;
      },
    ],
    [
      'income.operatingFen',
      'rending.rd-spending-share',
      (p: TestPayload) => {
        p.income.operatingFen = 0;
      },
    ],
  ])('a zero %s fails %s with a message', (_field, key, patch) => {
    const results = run('enterprise', enterprise(patch));
    const r = result(results, key);
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('为 0');
    expect(r.detail.en).toContain('is 0');
  });

  it('zero staff fails only the two staff shares', () => {
    const results = run(
      'enterprise',
      enterprise((p) => Object.assign(p.staff, { total: 0, qualified: 0, rd: 0 })),
    );
    expect(failing(results)).toEqual(['rending.qualified-staff-share', 'rending.rd-staff-share']);
    expect(result(results, 'rending.rd-staff-share').detail.zh).toContain('职工总数为 0');
  });

  it('zero total income fails the main-income share but not the others', () => {
    const results = run(
      'enterprise',
      enterprise((p) => {
        p.income.totalFen = 0;
      }),
    );
    expect(failing(results)).toEqual(['rending.main-income-share']);
  });

  it('a missing figure fails with "not filled in"', () => {
    const r = check(
      'enterprise',
      enterprise((p) => {
        delete p.staff.rd;
      }),
      'rending.rd-staff-share',
    );
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('未填写研发人员');
    expect(r.detail.en).toContain('not filled in');
  });
});

describe('rending.recent-ip: the three-year window', () => {
  const ip = (grantedOn: string, today: string) =>
    check(
      'enterprise',
      enterprise((p) => {
        p.ipRights = [{ kind: 'patent', number: 'ZL202310000000.1', grantedOn }];
      }),
      'rending.recent-ip',
      { today },
    );

  it('includes the same calendar day three years before and today, and nothing outside', () => {
    expect(ip('2023-05-01', '2026-05-01').passed).toBe(true);
    expect(ip('2023-04-30', '2026-05-01').passed).toBe(false);
    expect(ip('2026-05-01', '2026-05-01').passed).toBe(true);
    expect(ip('2026-05-02', '2026-05-01').passed).toBe(false); // tomorrow
  });

  it('uses 28 February when today is 29 February', () => {
    expect(ip('2025-02-28', '2028-02-29').passed).toBe(true);
    expect(ip('2025-02-27', '2028-02-29').passed).toBe(false);
  });

  it('counts back from 28 February over a leap day', () => {
    expect(ip('2024-02-28', '2027-02-28').passed).toBe(true);
    expect(ip('2024-02-29', '2027-02-28').passed).toBe(true);
    expect(ip('2024-02-27', '2027-02-28').passed).toBe(false);
    expect(ip('2021-03-01', '2024-03-01').passed).toBe(true);
    expect(ip('2021-02-28', '2024-03-01').passed).toBe(false);
  });

  it('passes when any one right is recent and states the window', () => {
    const r = check(
      'enterprise',
      enterprise((p) => {
        p.ipRights = [
          { kind: 'copyright', number: 'A', grantedOn: '2019-01-01' },
          { kind: 'patent', number: 'B', grantedOn: '2024-06-01' },
        ];
      }),
      'rending.recent-ip',
    );
    expect(r.passed).toBe(true);
    expect(r.detail.zh).toContain('2024-06-01');
    expect(r.detail.zh).toContain('2023-05-01 至 2026-05-01');
  });

  it('fails with no rights, naming the window', () => {
    const r = check(
      'enterprise',
      enterprise((p) => {
        p.ipRights = [];
      }),
      'rending.recent-ip',
    );
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('2023-05-01 至 2026-05-01');
  });
});

describe('rending.business-type, enterprise-code', () => {
  const bt = (types: string[]) =>
    check(
      'enterprise',
      enterprise((p) => {
        p.businessTypes = types;
      }),
      'rending.business-type',
    );

  it.each(['comic', 'animation', 'online', 'stage', 'software', 'derivative-design'])('%s qualifies', (t) => {
    expect(bt([t]).passed).toBe(true);
    expect(bt(['publishing', t]).passed).toBe(true);
  });

  it('publishing, broadcasting, distribution and merchandise sales alone do not qualify', () => {
    for (const t of ['publishing', 'broadcasting', 'distribution', 'merchandise-sales'])
      expect(bt([t]).passed).toBe(false);
    const r = bt(['publishing', 'broadcasting', 'distribution', 'merchandise-sales']);
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('不属于认定范围');
    expect(bt([]).passed).toBe(false);
  });

  it('needs a credit code starting with 91', () => {
    expect(check('enterprise', rendingEnterprisePayload(), 'rending.enterprise-code').passed).toBe(true);
    for (const code of ['92350100M000100Y43', '52110000600037341L', '11110000600037341L', '']) {
      const r = check('enterprise', rendingEnterprisePayload(), 'rending.enterprise-code', {
        organization: { creditCode: code },
      });
      expect(r.passed).toBe(false);
    }
  });
});

describe('rending.certified and rending.has-key-product', () => {
  it.each(['key-product', 'key-enterprise'])('on %s, only an awarded enterprise certificate counts', (track) => {
    const payload = track === 'key-product' ? rendingKeyProductPayload() : rendingKeyEnterprisePayload();
    expect(check(track, payload, 'rending.certified', { organizationHistory: certifiedHistory() }).passed).toBe(true);
    for (const h of [
      historyEntry({ programCode: 'rending', track: 'enterprise', status: 'revoked' }),
      // issue 13: a certificate lapsed at its 年审 (missed or failed) is no longer valid
      historyEntry({
        programCode: 'rending',
        track: 'enterprise',
        status: 'awarded',
        certificateLapsedOn: '2027-08-01',
      }),
      historyEntry({ programCode: 'rending', track: 'enterprise', status: 'submitted' }),
      historyEntry({ programCode: 'rending', track: 'enterprise', status: 'proposed' }),
      historyEntry({ programCode: 'rending', track: 'key-product', status: 'awarded' }),
      historyEntry({ programCode: 'jingpin', track: 'product', status: 'awarded' }),
    ]) {
      expect(check(track, payload, 'rending.certified', { organizationHistory: [h] }).passed).toBe(false);
    }
    expect(check(track, payload, 'rending.certified').passed).toBe(false);
  });

  it('key-enterprise needs an awarded key product', () => {
    const p = rendingKeyEnterprisePayload();
    expect(
      check('key-enterprise', p, 'rending.has-key-product', { organizationHistory: keyProductHistory() }).passed,
    ).toBe(true);
    expect(
      check('key-enterprise', p, 'rending.has-key-product', { organizationHistory: certifiedHistory() }).passed,
    ).toBe(false);
    expect(
      check('key-enterprise', p, 'rending.has-key-product', {
        organizationHistory: [
          ...certifiedHistory(),
          historyEntry({ programCode: 'rending', track: 'key-product', status: 'revoked' }),
        ],
      }).passed,
    ).toBe(false);
  });
});

describe('rending.key-product-threshold', () => {
  const kp = (product: TestPayload) =>
    check('key-product', { product: { name: 'X', ...product }, declaration: true }, 'rending.key-product-threshold', {
      organizationHistory: certifiedHistory(),
    });

  it.each([
    ['comic', 100_000_000],
    ['comic-periodical', 300_000_000],
    ['animation', 1_000_000_000],
    ['online', 100_000_000],
    ['stage', 100_000_000],
  ])('%s income: %d fen passes, one fen less fails', (category, fen) => {
    expect(kp({ category, annualIncomeFen: fen }).passed).toBe(true);
    const r = kp({ category, annualIncomeFen: fen - 1 });
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('低于');
  });

  it('copies sold count for comics and comic periodicals only', () => {
    expect(kp({ category: 'comic', annualIncomeFen: 0, copiesSold: 100_000 }).passed).toBe(true);
    expect(kp({ category: 'comic', annualIncomeFen: 0, copiesSold: 99_999 }).passed).toBe(false);
    expect(kp({ category: 'comic-periodical', annualIncomeFen: 0, copiesSold: 1_000_000 }).passed).toBe(true);
    expect(kp({ category: 'comic-periodical', annualIncomeFen: 0, copiesSold: 999_999 }).passed).toBe(false);
    expect(kp({ category: 'animation', annualIncomeFen: 0, copiesSold: 10_000_000 }).passed).toBe(false);
  });

  it('shows count for stage works only', () => {
    expect(kp({ category: 'stage', annualIncomeFen: 0, shows: 50 }).passed).toBe(true);
    expect(kp({ category: 'stage', annualIncomeFen: 0, shows: 49 }).passed).toBe(false);
    expect(kp({ category: 'online', annualIncomeFen: 0, shows: 500 }).passed).toBe(false);
  });

  it('export income, an award or a recommendation each suffice', () => {
    expect(kp({ category: 'animation', annualIncomeFen: 0, exportIncomeFen: 100_000_000 }).passed).toBe(true);
    expect(kp({ category: 'animation', annualIncomeFen: 0, exportIncomeFen: 99_999_999 }).passed).toBe(false);
    expect(kp({ category: 'animation', annualIncomeFen: 0, award: 'national' }).passed).toBe(true);
    expect(kp({ category: 'animation', annualIncomeFen: 0, award: 'international' }).passed).toBe(true);
    expect(kp({ category: 'animation', annualIncomeFen: 0, recommended: true }).passed).toBe(true);
    expect(kp({ category: 'animation', annualIncomeFen: 0, recommended: false }).passed).toBe(false);
  });

  it('lists every condition it checked when none is met', () => {
    const r = kp({ category: 'comic', annualIncomeFen: 99_999_999, copiesSold: 99_999 });
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('¥999,999.99');
    expect(r.detail.zh).toContain('¥1,000,000.00');
    expect(r.detail.zh).toContain('99,999 册');
    expect(r.detail.en).toContain('100,000 copies');
  });
});

describe('rending.key-enterprise-threshold', () => {
  const ke = (patch: TestPayload) =>
    check(
      'key-enterprise',
      {
        registeredCapitalFen: 0,
        annualIncomeFen: 0,
        profitableYears: 0,
        exportIncomeFen: 0,
        ownIpExportIncomeFen: 0,
        declaration: true,
        ...patch,
      },
      'rending.key-enterprise-threshold',
      { organizationHistory: keyProductHistory() },
    );

  it('registered capital: ¥10,000,000 passes, one fen less fails', () => {
    expect(ke({ registeredCapitalFen: 1_000_000_000 }).passed).toBe(true);
    expect(ke({ registeredCapitalFen: 999_999_999 }).passed).toBe(false);
  });

  it('income ¥5,000,000 with 2 profitable years', () => {
    expect(ke({ annualIncomeFen: 500_000_000, profitableYears: 2 }).passed).toBe(true);
    expect(ke({ annualIncomeFen: 499_999_999, profitableYears: 2 }).passed).toBe(false);
    expect(ke({ annualIncomeFen: 500_000_000, profitableYears: 1 }).passed).toBe(false);
  });

  it('export ¥2,000,000 with own-IP exports ≥ 30% of income', () => {
    const base = { annualIncomeFen: 400_000_000, profitableYears: 0, exportIncomeFen: 200_000_000 };
    expect(ke({ ...base, ownIpExportIncomeFen: 120_000_000 }).passed).toBe(true);
    const r = ke({ ...base, ownIpExportIncomeFen: 119_999_999 });
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('29.99%');
    expect(ke({ ...base, exportIncomeFen: 199_999_999, ownIpExportIncomeFen: 200_000_000 }).passed).toBe(false);
  });

  it('a zero income fails only the export criterion, with a message', () => {
    const r = ke({ annualIncomeFen: 0, exportIncomeFen: 300_000_000, ownIpExportIncomeFen: 300_000_000 });
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('年营业收入为 0');
    expect(
      ke({
        annualIncomeFen: 0,
        exportIncomeFen: 300_000_000,
        ownIpExportIncomeFen: 0,
        registeredCapitalFen: 1_000_000_000,
      }).passed,
    ).toBe(true);
  });

  it('a recommendation suffices', () => {
    expect(ke({ recommended: true }).passed).toBe(true);
  });
});

describe('rending exclusions and attachments', () => {
  it('a seriously dishonest or barred organization is excluded while the flag is active', () => {
    const flags = (kind: 'dishonest' | 'barred', from: string, until?: string | null) => ({
      organization: { flags: [{ kind, from, until }] },
    });
    const key = 'common.not-excluded';
    const p = rendingEnterprisePayload();
    expect(check('enterprise', p, key, flags('dishonest', '2026-05-01')).passed).toBe(false);
    expect(check('enterprise', p, key, flags('barred', '2025-01-01', '2026-05-01')).passed).toBe(false);
    expect(check('enterprise', p, key, flags('barred', '2025-01-01', '2026-04-30')).passed).toBe(true);
    expect(check('enterprise', p, key, flags('dishonest', '2026-05-02')).passed).toBe(true);
    expect(check('enterprise', p, key, flags('dishonest', '2020-01-01', null)).passed).toBe(false);
    expect(
      check('enterprise', p, key, { organization: { flags: [{ kind: 'violation', from: '2026-01-01' }] } }).passed,
    ).toBe(true);
  });

  it('requires the table of API.md per track', () => {
    expect(requiredKinds(RENDING_PROGRAM, 'enterprise').sort()).toEqual(
      ['declaration', 'business-licence', 'audit-report', 'staff-statement', 'ip-proof', 'premises-proof'].sort(),
    );
    expect(requiredKinds(RENDING_PROGRAM, 'key-product').sort()).toEqual([
      'business-licence',
      'declaration',
      'product-evidence',
    ]);
    expect(requiredKinds(RENDING_PROGRAM, 'key-enterprise').sort()).toEqual([
      'audit-report',
      'business-licence',
      'declaration',
    ]);
    const kinds = requiredKinds(RENDING_PROGRAM, 'enterprise').filter((k) => k !== 'audit-report');
    const r = check('enterprise', rendingEnterprisePayload(), 'common.required-attachments', {
      attachmentKinds: [...kinds, 'other'],
    });
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('审计报告');
    expect(r.detail.en).toContain('audit-report');
  });

  it('needs the declaration', () => {
    const r = check('key-product', { ...rendingKeyProductPayload(), declaration: false }, 'common.declaration', {
      organizationHistory: certifiedHistory(),
    });
    expect(r.passed).toBe(false);
  });
});
