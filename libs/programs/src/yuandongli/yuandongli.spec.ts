import { evaluateEligibility } from '../engine/eligibility';
import { RuleResult } from '../program-definition';
import {
  TestPayload,
  ContextOverrides,
  eligibleContext,
  historyEntry,
  makeContext,
  requiredKinds,
  yuandongliPayload,
} from '../testing/eligibility-context';
import { YUANDONGLI_PROGRAM } from './yuandongli.definition';

const COMMON = ['common.declaration', 'common.required-attachments', 'common.not-excluded'];
const ALWAYS = [
  'yuandongli.unpublished',
  'yuandongli.no-foreign-copyright',
  'yuandongli.not-funded-before',
  'yuandongli.clean-record',
];

function check(track: string, key: string, patch: TestPayload = {}, o: ContextOverrides = {}): RuleResult {
  const ctx = eligibleContext(YUANDONGLI_PROGRAM, track, { ...yuandongliPayload(), ...patch }, o);
  const r = evaluateEligibility(YUANDONGLI_PROGRAM, ctx).find((x) => x.rule === key);
  if (!r) throw new Error(`${key} does not apply to ${track}`);
  return r;
}

describe('yuandongli: which rules apply to which track', () => {
  it.each([
    ['comic-book', ALWAYS],
    ['web-comic', ALWAYS],
    ['web-animation', ALWAYS],
    [
      'periodical-serial',
      [
        'yuandongli.unpublished',
        'yuandongli.periodical-publisher',
        'yuandongli.no-foreign-copyright',
        'yuandongli.not-funded-before',
        'yuandongli.clean-record',
      ],
    ],
    [
      'minority-translation',
      [
        'yuandongli.unpublished',
        'yuandongli.no-foreign-copyright',
        'yuandongli.not-funded-before',
        'yuandongli.translation-language',
        'yuandongli.clean-record',
      ],
    ],
  ])('%s', (track, keys) => {
    expect(evaluateEligibility(YUANDONGLI_PROGRAM, makeContext({ track })).map((r) => r.rule)).toEqual([
      ...COMMON,
      ...keys,
    ]);
  });

  it('passes complete applications', () => {
    const o = { organization: { businessTypes: ['periodical-publishing'] } };
    for (const track of ['comic-book', 'periodical-serial', 'web-comic', 'web-animation', 'minority-translation']) {
      const ctx = eligibleContext(YUANDONGLI_PROGRAM, track, { ...yuandongliPayload(), targetLanguage: 'bo' }, o);
      expect(evaluateEligibility(YUANDONGLI_PROGRAM, ctx).filter((r) => !r.passed)).toEqual([]);
    }
  });

  it('requires a work sample and copyright proof on every track', () => {
    for (const t of YUANDONGLI_PROGRAM.tracks) {
      expect(requiredKinds(YUANDONGLI_PROGRAM, t.code).sort()).toEqual([
        'business-licence',
        'copyright-proof',
        'declaration',
        'work-sample',
      ]);
    }
  });
});

describe('yuandongli.unpublished', () => {
  const key = 'yuandongli.unpublished';
  // The default call closes 2026-06-30 23:59:59.999 in Asia/Shanghai.
  it('passes an unpublished work (absent, null or empty date)', () => {
    expect(check('comic-book', key).passed).toBe(true);
    expect(check('comic-book', key, { publishedOn: null }).passed).toBe(true);
    expect(check('comic-book', key, { publishedOn: '' }).passed).toBe(true);
  });
  it('passes a publication after the closing date and fails one on or before it', () => {
    expect(check('comic-book', key, { publishedOn: '2026-07-01' }).passed).toBe(true);
    const r = check('comic-book', key, { publishedOn: '2026-06-30' });
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('2026-06-30');
    expect(check('comic-book', key, { publishedOn: '2025-01-01' }).passed).toBe(false);
  });
  it('reads the closing date in Asia/Shanghai, not UTC', () => {
    const call = { closesAt: new Date('2026-06-30T17:00:00Z') }; // 2026-07-01 01:00 in Shanghai
    expect(check('comic-book', key, { publishedOn: '2026-07-01' }, { call }).passed).toBe(false);
    expect(check('comic-book', key, { publishedOn: '2026-07-02' }, { call }).passed).toBe(true);
  });
});

describe('yuandongli.periodical-publisher', () => {
  it('needs periodical-publishing among the organization’s business types', () => {
    const key = 'yuandongli.periodical-publisher';
    expect(
      check('periodical-serial', key, {}, { organization: { businessTypes: ['periodical-publishing'] } }).passed,
    ).toBe(true);
    expect(check('periodical-serial', key, {}, { organization: { businessTypes: ['book-publishing'] } }).passed).toBe(
      false,
    );
    expect(check('periodical-serial', key).passed).toBe(false);
  });
});

describe('yuandongli.no-foreign-copyright and not-funded-before', () => {
  it('excludes copyright shared with a foreign party', () => {
    expect(check('web-comic', 'yuandongli.no-foreign-copyright').passed).toBe(true);
    expect(check('web-comic', 'yuandongli.no-foreign-copyright', { foreignCoOwnership: true }).passed).toBe(false);
    expect(check('web-comic', 'yuandongli.no-foreign-copyright', { foreignCoOwnership: undefined }).passed).toBe(false);
  });

  it('excludes a work funded before, by declaration or by an award of the same title', () => {
    const key = 'yuandongli.not-funded-before';
    const title = yuandongliPayload().workTitle;
    expect(check('web-comic', key, { previouslyFunded: true }).passed).toBe(false);
    expect(check('web-comic', key, { previouslyFunded: undefined }).passed).toBe(false);
    for (const status of ['awarded', 'revoked']) {
      const award = historyEntry({
        programCode: 'yuandongli',
        status,
        workTitle: ` ${title} `,
        organizationId: 'org-2',
      });
      const r = check('web-comic', key, {}, { programAwards: [award] });
      expect(r.passed).toBe(false);
      expect(r.detail.zh).toContain(title);
    }
    const other = historyEntry({ programCode: 'yuandongli', status: 'awarded', workTitle: '另一部作品' });
    expect(check('web-comic', key, {}, { programAwards: [other] }).passed).toBe(true);
    const elsewhere = historyEntry({ programCode: 'jingpin', status: 'awarded', workTitle: title });
    expect(check('web-comic', key, {}, { programAwards: [elsewhere] }).passed).toBe(true);
  });
});

describe('yuandongli.translation-language', () => {
  const key = 'yuandongli.translation-language';
  it.each(['mn', 'bo', 'ug', 'kk', 'ko', ' MN ', 'Bo', '藏文', '蒙古文', '维吾尔文', '哈萨克文', '朝鲜文'])(
    'accepts %p',
    (lang) => {
      expect(check('minority-translation', key, { targetLanguage: lang }).passed).toBe(true);
    },
  );
  it.each(['en', 'ja', 'zh', 'mongolia', '英文'])('refuses %p', (lang) => {
    const r = check('minority-translation', key, { targetLanguage: lang });
    expect(r.passed).toBe(false);
    expect(r.detail.en).toContain('mn');
  });
  it('refuses a missing language', () => {
    expect(check('minority-translation', key).passed).toBe(false);
    expect(check('minority-translation', key, { targetLanguage: '' }).passed).toBe(false);
  });
});

describe('yuandongli.clean-record: violations within the 3 years before today', () => {
  const key = 'yuandongli.clean-record';
  const violation = (from: string, today = '2026-05-01') =>
    check('comic-book', key, {}, { today, organization: { flags: [{ kind: 'violation', from, until: null }] } });

  it('counts a violation from the same calendar day three years before up to today', () => {
    expect(violation('2023-05-01').passed).toBe(false);
    expect(violation('2023-04-30').passed).toBe(true);
    expect(violation('2026-05-01').passed).toBe(false);
    expect(violation('2026-05-02').passed).toBe(true);
    expect(violation('2025-02-28', '2028-02-29').passed).toBe(false);
    expect(violation('2025-02-27', '2028-02-29').passed).toBe(true);
  });

  it('ignores other flags, and other flags do not make a violation', () => {
    const r = check('comic-book', key, {}, { organization: { flags: [{ kind: 'dishonest', from: '2026-01-01' }] } });
    expect(r.passed).toBe(true);
    const failed = violation('2025-01-01');
    expect(failed.detail.zh).toContain('2025-01-01');
  });
});

describe('yuandongli exclusions', () => {
  it('excludes a barred organization while the bar lasts', () => {
    const key = 'common.not-excluded';
    const barred = (until: string) => ({
      organization: { flags: [{ kind: 'barred' as const, from: '2024-05-01', until }] },
    });
    expect(check('web-comic', key, {}, barred('2026-05-01')).passed).toBe(false);
    expect(check('web-comic', key, {}, barred('2026-04-30')).passed).toBe(true);
  });
});
