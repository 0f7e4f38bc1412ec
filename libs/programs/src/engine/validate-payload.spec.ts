import { JINGPIN_PROGRAM } from '../jingpin/jingpin.definition';
import { RENDING_PROGRAM } from '../rending/rending.definition';
import { TUIGUANG_PROGRAM } from '../tuiguang/tuiguang.definition';
import { YUANDONGLI_PROGRAM } from '../yuandongli/yuandongli.definition';
import {
  TestPayload,
  jingpinPayload,
  rendingEnterprisePayload,
  rendingKeyEnterprisePayload,
  rendingKeyProductPayload,
  tuiguangPayload,
  yuandongliPayload,
} from '../testing/eligibility-context';
import { REQUIRED_MESSAGE, UNKNOWN_FIELD_MESSAGE, validatePayload } from './validate-payload';

const paths = (r: { details: { path: string }[] }) => r.details.map((d) => d.path).sort();

describe('validatePayload', () => {
  const complete = [
    [JINGPIN_PROGRAM, 'idea', jingpinPayload()],
    [JINGPIN_PROGRAM, 'product', jingpinPayload()],
    [
      YUANDONGLI_PROGRAM,
      'minority-translation',
      { ...yuandongliPayload(), targetLanguage: 'bo', publishedOn: '2027-01-01', adaptationOf: '格萨尔王' },
    ],
    [
      TUIGUANG_PROGRAM,
      'overseas',
      { ...tuiguangPayload(), activity: { ...tuiguangPayload().activity, country: '法国' } },
    ],
    [RENDING_PROGRAM, 'enterprise', rendingEnterprisePayload()],
    [RENDING_PROGRAM, 'key-product', rendingKeyProductPayload()],
    [RENDING_PROGRAM, 'key-enterprise', rendingKeyEnterprisePayload()],
  ] as const;
  const cases = complete.map(([def, track, payload]) => [`${def.code}/${track}`, def, track, payload] as const);

  it.each(cases)('accepts a complete %s payload in both modes', (_name, def, track, payload) => {
    expect(validatePayload(def, track, payload, 'draft').details).toEqual([]);
    expect(validatePayload(def, track, payload, 'submit').details).toEqual([]);
  });

  it.each(cases)('accepts an empty %s draft and lists the missing fields at submit', (_name, def, track) => {
    expect(validatePayload(def, track, {}, 'draft').details).toEqual([]);
    const submit = validatePayload(def, track, {}, 'submit');
    expect(submit.details.length).toBeGreaterThan(0);
    expect(submit.details.every((d) => d.message === REQUIRED_MESSAGE)).toBe(true);
    expect(paths(submit)).toContain('payload.declaration');
  });

  it('lists nested missing fields at submit with dotted paths', () => {
    const p = rendingEnterprisePayload();
    delete p.staff.total;
    delete p.income;
    p.ipRights = [{ kind: 'patent', number: 'ZL1' }];
    const r = validatePayload(RENDING_PROGRAM, 'enterprise', p, 'submit');
    expect(r.details).toEqual([
      { path: 'payload.income', message: REQUIRED_MESSAGE },
      { path: 'payload.staff.total', message: REQUIRED_MESSAGE },
      { path: 'payload.ipRights.0.grantedOn', message: REQUIRED_MESSAGE },
    ]);
    // the same draft is fine
    expect(validatePayload(RENDING_PROGRAM, 'enterprise', p, 'draft').details).toEqual([]);
  });

  it('refuses unknown fields, at any depth, even in a draft', () => {
    const p: TestPayload = { ...tuiguangPayload(), extra: 1 };
    p.costs[1].note = 'x';
    p.activity.sponsor = 'y';
    for (const mode of ['draft', 'submit'] as const) {
      const r = validatePayload(TUIGUANG_PROGRAM, 'campus', p, mode);
      expect(paths(r)).toEqual(['payload.activity.sponsor', 'payload.costs.1.note', 'payload.extra']);
      expect(r.details.every((d) => d.message === UNKNOWN_FIELD_MESSAGE)).toBe(true);
    }
    expect(paths(validatePayload(TUIGUANG_PROGRAM, 'campus', { extra: 1 }, 'draft'))).toEqual(['payload.extra']);
  });

  it('refuses negative, fractional, textual and oversized amounts in a draft', () => {
    const cases: [TestPayload, string][] = [
      [{ costs: [{ amountFen: -1 }] }, 'payload.costs.0.amountFen'],
      [{ requestedFen: -1 }, 'payload.requestedFen'],
      [{ requestedFen: 1.5 }, 'payload.requestedFen'],
      [{ requestedFen: '100' }, 'payload.requestedFen'],
      [{ requestedFen: 2 ** 53 }, 'payload.requestedFen'],
    ];
    for (const [payload, path] of cases) {
      const r = validatePayload(TUIGUANG_PROGRAM, 'campus', payload, 'draft');
      expect(paths(r)).toEqual([path]);
    }
    expect(
      validatePayload(TUIGUANG_PROGRAM, 'campus', { costs: [{ amountFen: -1 }] }, 'draft').details[0].message,
    ).toContain('负数');
    expect(
      validatePayload(TUIGUANG_PROGRAM, 'campus', { requestedFen: Number.MAX_SAFE_INTEGER }, 'draft').details,
    ).toEqual([]);
    expect(paths(validatePayload(RENDING_PROGRAM, 'enterprise', { income: { totalFen: -100 } }, 'draft'))).toEqual([
      'payload.income.totalFen',
    ]);
    expect(paths(validatePayload(RENDING_PROGRAM, 'enterprise', { staff: { total: -1 } }, 'draft'))).toEqual([
      'payload.staff.total',
    ]);
  });

  it('refuses values outside an enum in a draft, naming the allowed ones', () => {
    const r = validatePayload(JINGPIN_PROGRAM, 'idea', { mediaType: 'radio' }, 'draft');
    expect(paths(r)).toEqual(['payload.mediaType']);
    expect(r.details[0].message).toContain('new-media');
    expect(
      paths(validatePayload(RENDING_PROGRAM, 'enterprise', { businessTypes: ['animation', 'gaming'] }, 'draft')),
    ).toEqual(['payload.businessTypes']);
    expect(
      paths(validatePayload(RENDING_PROGRAM, 'enterprise', { businessTypes: ['animation', 'animation'] }, 'draft')),
    ).toEqual(['payload.businessTypes']);
    expect(
      paths(validatePayload(RENDING_PROGRAM, 'enterprise', { ipRights: [{ kind: 'trademark' }] }, 'draft')),
    ).toEqual(['payload.ipRights.0.kind']);
    expect(paths(validatePayload(RENDING_PROGRAM, 'key-product', { product: { category: 'game' } }, 'draft'))).toEqual([
      'payload.product.category',
    ]);
    expect(
      paths(validatePayload(RENDING_PROGRAM, 'key-product', { product: { award: 'provincial' } }, 'draft')),
    ).toEqual(['payload.product.award']);
  });

  it('checks types, dates, lengths and list sizes in a draft', () => {
    expect(paths(validatePayload(YUANDONGLI_PROGRAM, 'web-comic', { foreignCoOwnership: 'no' }, 'draft'))).toEqual([
      'payload.foreignCoOwnership',
    ]);
    expect(paths(validatePayload(YUANDONGLI_PROGRAM, 'web-comic', { publishedOn: '2026-02-30' }, 'draft'))).toEqual([
      'payload.publishedOn',
    ]);
    expect(paths(validatePayload(YUANDONGLI_PROGRAM, 'web-comic', { publishedOn: '2026/01/02' }, 'draft'))).toEqual([
      'payload.publishedOn',
    ]);
    expect(paths(validatePayload(YUANDONGLI_PROGRAM, 'web-comic', { workTitle: 'x'.repeat(201) }, 'draft'))).toEqual([
      'payload.workTitle',
    ]);
    expect(paths(validatePayload(YUANDONGLI_PROGRAM, 'web-comic', { workTitle: 42 }, 'draft'))).toEqual([
      'payload.workTitle',
    ]);
    expect(
      paths(
        validatePayload(
          JINGPIN_PROGRAM,
          'idea',
          { creators: Array.from({ length: 51 }, () => ({ name: 'a', role: 'b' })) },
          'draft',
        ),
      ),
    ).toEqual(['payload.creators']);
    for (const creators of [[{ name: 'a', role: 'b' }, 'c'], [null], [[]], [[{ name: 'a' }]]]) {
      const r = validatePayload(JINGPIN_PROGRAM, 'idea', { creators }, 'draft');
      expect(r.details).toEqual([
        { path: 'payload.creators', message: '每一项须为对象 / each item must be an object' },
      ]);
    }
    expect(paths(validatePayload(RENDING_PROGRAM, 'enterprise', { income: [] }, 'draft'))).toEqual(['payload.income']);
    expect(paths(validatePayload(RENDING_PROGRAM, 'enterprise', { income: 5 }, 'draft'))).toEqual(['payload.income']);
    expect(paths(validatePayload(TUIGUANG_PROGRAM, 'campus', { costs: {} }, 'draft'))).toEqual(['payload.costs']);
    expect(paths(validatePayload(RENDING_PROGRAM, 'enterprise', { fiscalYear: 1999 }, 'draft'))).toEqual([
      'payload.fiscalYear',
    ]);
  });

  it('treats empty values as not filled in: fine in a draft, required at submit', () => {
    const p = { ...jingpinPayload(), workTitle: '', synopsis: null };
    expect(validatePayload(JINGPIN_PROGRAM, 'idea', p, 'draft').details).toEqual([]);
    expect(validatePayload(JINGPIN_PROGRAM, 'idea', p, 'submit').details).toEqual([
      { path: 'payload.workTitle', message: REQUIRED_MESSAGE },
      { path: 'payload.synopsis', message: REQUIRED_MESSAGE },
    ]);
    // optional fields may be empty in both modes
    const y = { ...yuandongliPayload(), publishedOn: '', targetLanguage: null, adaptationOf: '' };
    expect(validatePayload(YUANDONGLI_PROGRAM, 'web-comic', y, 'submit').details).toEqual([]);
  });

  it('needs at least one creator at submit only', () => {
    const p = { ...jingpinPayload(), creators: [] };
    expect(validatePayload(JINGPIN_PROGRAM, 'idea', p, 'draft').details).toEqual([]);
    expect(paths(validatePayload(JINGPIN_PROGRAM, 'idea', p, 'submit'))).toEqual(['payload.creators']);
  });

  it("uses the track's own DTO", () => {
    expect(paths(validatePayload(RENDING_PROGRAM, 'key-product', rendingEnterprisePayload(), 'draft'))).toEqual([
      'payload.businessTypes',
      'payload.fiscalYear',
      'payload.income',
      'payload.ipRights',
      'payload.products',
      'payload.rdSpendingFen',
      'payload.staff',
    ]);
  });

  it('refuses the keys class-transformer would silently drop', () => {
    const p = JSON.parse('{"__proto__": {"x": 1}, "staff": {"constructor": 5}}');
    expect(paths(validatePayload(RENDING_PROGRAM, 'enterprise', p, 'draft'))).toEqual([
      'payload.__proto__',
      'payload.staff.constructor',
    ]);
  });

  it('refuses an unknown or missing track and a payload that is not an object', () => {
    expect(validatePayload(RENDING_PROGRAM, 'studio', {}, 'draft').details.map((d) => d.path)).toEqual(['track']);
    expect(validatePayload(RENDING_PROGRAM, null, {}, 'draft').details.map((d) => d.path)).toEqual(['track']);
    for (const p of [null, [], 'x', 5]) {
      expect(validatePayload(JINGPIN_PROGRAM, 'idea', p, 'draft').details.map((d) => d.path)).toEqual(['payload']);
    }
  });
});
