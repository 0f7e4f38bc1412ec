import { TestPayload } from './testing/eligibility-context';
import { Injectable, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JINGPIN_PROGRAM } from './jingpin/jingpin.definition';
import { ProgramDefinition } from './program-definition';
import { layoutFields, layoutRules } from './form-layout';
import { COMMON_RULE_KEYS } from './engine/common-rules';
import { isIdentityBearing } from './engine/attachment-kinds';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from './program-definition.provider';
import { ProgramDefinitionError, ProgramRegistry } from './program-registry';
import { ProgramsModule } from './programs.module';
import { RENDING_PROGRAM } from './rending/rending.definition';
import { TUIGUANG_PROGRAM } from './tuiguang/tuiguang.definition';
import { YUANDONGLI_PROGRAM } from './yuandongli/yuandongli.definition';
import { testPrograms } from './testing/test-programs';

const ALL = [JINGPIN_PROGRAM, YUANDONGLI_PROGRAM, TUIGUANG_PROGRAM, RENDING_PROGRAM];
const DOCS = ['application/pdf', 'image/jpeg', 'image/png'];
const SAMPLES = [...DOCS, 'video/mp4', 'video/quicktime', 'video/webm'];

describe('ProgramRegistry', () => {
  const registry = ProgramRegistry.of(ALL);

  it('gets programs by code, undefined for unknown ones', () => {
    expect(registry.list().map((d) => [d.code, d.prefix])).toEqual([
      ['jingpin', 'JP'],
      ['yuandongli', 'YD'],
      ['tuiguang', 'TG'],
      ['rending', 'RD'],
    ]);
    expect(registry.get('rending')).toBe(RENDING_PROGRAM);
    expect(registry.get('fifth-module')).toBeUndefined();
    expect(registry.get(undefined as unknown as string)).toBeUndefined();
  });

  it('refuses a second program with the same code or prefix, and inconsistent definitions', () => {
    const r = ProgramRegistry.of([JINGPIN_PROGRAM]);
    r.register(JINGPIN_PROGRAM); // the same object twice is harmless
    expect(() => r.register({ ...JINGPIN_PROGRAM })).toThrow(ProgramDefinitionError);
    expect(() => r.register({ ...JINGPIN_PROGRAM, code: 'other', rules: [] })).toThrow(/prefix JP/);
    const bad: ProgramDefinition = {
      ...JINGPIN_PROGRAM,
      code: 'bad',
      prefix: 'BD',
      rubric: [{ key: 'a', name: { zh: 'a', en: 'a' }, weight: 90, max: 10 }],
      rules: [
        {
          key: 'other.rule',
          tracks: ['nope'],
          check: () => ({ rule: 'other.rule', passed: true, detail: { zh: '', en: '' } }),
        },
      ],
    };
    expect(() => r.register(bad)).toThrow(/weights sum to 90/);
    expect(() => r.register(bad)).toThrow(/rule other.rule must start with "bad."/);
    expect(() => r.register(bad)).toThrow(/unknown track nope/);
    expect(r.get('bad')).toBeUndefined();
  });

  it('accepts the four definitions as consistent', () => {
    for (const def of ALL) {
      const weights = def.rubric.reduce((s, c) => s + c.weight, 0);
      expect(weights).toBe(100);
      if (def.award.kind === 'grant') expect(def.award.instalments.reduce((s, i) => s + i.percent, 0)).toBe(100);
      for (const r of def.rules) expect(r.key.startsWith(`${def.code}.`)).toBe(true);
    }
  });

  it("lays out each track's form with fields its payload has and rules its program names", () => {
    for (const def of [JINGPIN_PROGRAM, YUANDONGLI_PROGRAM, TUIGUANG_PROGRAM, RENDING_PROGRAM]) {
      const keys = [...COMMON_RULE_KEYS, ...def.rules.map((r) => r.key)] as string[];
      for (const { track, schema, layout } of registry.trackForms(def)) {
        expect(layout).not.toBeNull();
        const props = Object.keys(schema.properties as object);
        for (const f of layoutFields(layout!)) expect(props).toContain(f);
        for (const k of layoutRules(layout!)) expect(keys).toContain(k);
        // every payload field but the declaration (the web's own card) is laid out or deliberately left out
        const shown = [...layoutFields(layout!), ...(layout!.omit ?? []), 'declaration'];
        expect({ track, missing: props.filter((p) => !shown.includes(p)) }).toEqual({ track, missing: [] });
      }
    }
    const translation = registry.trackForms(YUANDONGLI_PROGRAM).find((f) => f.track === 'minority-translation');
    expect(layoutFields(translation!.layout!)).toContain('targetLanguage');
    expect(registry.toPublicJson(TUIGUANG_PROGRAM).callDefaults).toEqual({
      requestSharePercent: 50,
      provincialStage: 'none',
      provincialQuota: null,
      agreementRequired: true,
      reportsRequired: true,
      annualReview: false,
      deliberation: false,
    });
    expect(registry.toPublicJson(JINGPIN_PROGRAM).callDefaults).toEqual({
      requestSharePercent: null,
      provincialStage: 'recommend',
      provincialQuota: 3,
      agreementRequired: true,
      reportsRequired: true,
      annualReview: false,
      deliberation: false,
    });
    expect(registry.toPublicJson(YUANDONGLI_PROGRAM).flagNotes.map((n) => n.kind)).toEqual(['violation']);
  });

  it('refuses a form layout naming a field the payload does not have', () => {
    const bad: ProgramDefinition = {
      ...JINGPIN_PROGRAM,
      code: 'bad',
      prefix: 'BD',
      formLayout: () => ({
        sections: [
          { title: { zh: '甲', en: 'A' }, blocks: [{ field: { path: ['nope'], label: { zh: '甲', en: 'A' } } }] },
        ],
      }),
    };
    expect(() => ProgramRegistry.of([bad])).toThrow(/shows nope/);
  });

  it('produces the item of GET /api/programs', () => {
    const json = registry.toPublicJson(JINGPIN_PROGRAM);
    expect(Object.keys(json).sort()).toEqual(
      // API.md's fields, and (additive) forms, rules and award for the web
      ['agency', 'attachmentKinds', 'code', 'formSchema', 'name', 'prefix', 'rubric', 'tracks']
        .concat(['award', 'forms', 'rules', 'callDefaults', 'flagNotes'])
        .concat(['reports', 'evaluation']) // issue 13
        .concat(['officeProvince']) // issue 15
        .sort(),
    );
    expect(json).toMatchObject({
      code: 'jingpin',
      prefix: 'JP',
      name: { zh: '国家动漫精品工程' },
      agency: { zh: '文化和旅游部' },
      tracks: [
        { code: 'idea', name: { zh: '动漫创意', en: 'Idea' } },
        { code: 'product', name: { zh: '动漫产品', en: 'Product' } },
      ],
    });
    expect(json.rubric.map((c) => [c.name.zh, c.weight, c.max])).toEqual([
      ['思想性', 25, 10],
      ['艺术性', 25, 10],
      ['创新性', 20, 10],
      ['产业价值（品牌化、市场化、产业化）', 30, 10],
    ]);
    for (const c of json.rubric) expect(Object.keys(c).sort()).toEqual(['key', 'max', 'name', 'weight']);
    for (const k of json.attachmentKinds)
      expect(Object.keys(k).sort()).toEqual(['identityBearing', 'kind', 'mimeTypes', 'name', 'required']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json); // plain JSON, no functions
  });

  it('names every rule the eligibility report shows, and says what an award is', () => {
    const jp = registry.toPublicJson(JINGPIN_PROGRAM);
    expect(jp.rules.map((r) => [r.key, r.name.zh, r.common])).toEqual([
      ['common.declaration', '承诺书', true],
      ['common.required-attachments', '必备附件', true],
      ['common.not-excluded', '未被列入失信/禁入名单', true],
      ['jingpin.one-per-track', '每类别限报一项', false],
      ['jingpin.no-repeat-work', '作品不得重复申报', false],
    ]);
    expect(jp.award).toMatchObject({ kind: 'grant', money: true, document: 'notice' });
    expect(jp.award.instalments.map((i) => i.percent)).toEqual([50, 30, 20]);
    expect(jp.forms.map((f) => f.track)).toEqual(['idea', 'product']);
    expect(jp.forms[0].schema).toEqual(jp.formSchema); // one DTO for both tracks
    const rd = registry.toPublicJson(RENDING_PROGRAM);
    expect(rd.award).toMatchObject({ kind: 'certification', money: false, document: 'certificate', instalments: [] });
    expect(rd.forms.map((f) => [f.track, f.schema.title])).toEqual([
      ['enterprise', 'RendingEnterprisePayloadDto'],
      ['key-product', 'RendingKeyProductPayloadDto'],
      ['key-enterprise', 'RendingKeyEnterprisePayloadDto'],
    ]);
    expect(rd.rules.find((r) => r.key === 'rending.certified')?.tracks).toEqual(['key-product', 'key-enterprise']);
  });

  it('says per attachment kind whether it names the applicant: only work samples are shown to blind reviewers', () => {
    const programs = [
      JINGPIN_PROGRAM,
      YUANDONGLI_PROGRAM,
      TUIGUANG_PROGRAM,
      RENDING_PROGRAM,
      ...testPrograms({ PORTAL_TEST_PROGRAMS: 'fifth' }),
    ];
    for (const def of programs)
      for (const k of registry.toPublicJson(def).attachmentKinds)
        expect([def.code, k.kind, k.identityBearing]).toEqual([def.code, k.kind, k.kind !== 'work-sample']);
    // a new program's documents are identity-bearing by default (the fifth program declares nothing of its own)
    expect(isIdentityBearing(programs[4], 'broadcast-proof')).toBe(true);
    expect(isIdentityBearing(JINGPIN_PROGRAM, 'work-sample')).toBe(false);
    expect(isIdentityBearing(JINGPIN_PROGRAM, 'no-such-kind')).toBe(true); // closed by default
    const unsaid = {
      ...JINGPIN_PROGRAM,
      code: 'unsaid',
      prefix: 'US',
      attachmentKinds: [{ kind: 'x', name: { zh: 'x', en: 'x' }, required: [], mimeTypes: ['application/pdf'] }],
    } as unknown as ProgramDefinition;
    expect(() => ProgramRegistry.of([unsaid])).toThrow(/attachment kind x must say whether it is identity-bearing/);
  });

  it('refuses a rule without a name', () => {
    expect(() => ProgramRegistry.of([{ ...JINGPIN_PROGRAM, code: 'nameless', prefix: 'NL', ruleNames: {} }])).toThrow(
      /rule jingpin.one-per-track has no name/,
    );
  });

  it('registers the test-only programs PORTAL_TEST_PROGRAMS names, and no other', () => {
    expect(testPrograms({})).toEqual([]);
    expect(testPrograms({ PORTAL_TEST_PROGRAMS: 'fifth' }).map((d) => d.code)).toEqual(['fifth-test']);
    expect(() => testPrograms({ PORTAL_TEST_PROGRAMS: 'sixth' })).toThrow(/unknown test program "sixth"/);
    const fifth = ProgramRegistry.of(testPrograms({ PORTAL_TEST_PROGRAMS: 'fifth' })).list()[0];
    expect(registry.toPublicJson(fifth).award).toMatchObject({ kind: 'certification', money: false });
  });

  it("lists the attachment kinds and required tracks of API.md's table", () => {
    const kinds = (def: ProgramDefinition) =>
      Object.fromEntries(
        registry
          .toPublicJson(def)
          .attachmentKinds.map((k) => [k.kind, { required: k.required, mimeTypes: k.mimeTypes }]),
      );
    const jp = kinds(JINGPIN_PROGRAM);
    expect(jp).toEqual({
      declaration: { required: ['idea', 'product'], mimeTypes: DOCS },
      'business-licence': { required: ['idea', 'product'], mimeTypes: DOCS },
      'work-sample': { required: ['idea', 'product'], mimeTypes: SAMPLES },
      other: { required: [], mimeTypes: DOCS },
    });
    const yd = kinds(YUANDONGLI_PROGRAM);
    const ydTracks = ['comic-book', 'periodical-serial', 'web-comic', 'web-animation', 'minority-translation'];
    expect(Object.keys(yd)).toEqual(['declaration', 'business-licence', 'work-sample', 'copyright-proof', 'other']);
    expect(yd['work-sample']).toEqual({ required: ydTracks, mimeTypes: SAMPLES });
    expect(yd['copyright-proof']).toEqual({ required: ydTracks, mimeTypes: DOCS });
    const tg = kinds(TUIGUANG_PROGRAM);
    expect(Object.keys(tg)).toEqual(['declaration', 'business-licence', 'cost-evidence', 'other']);
    expect(tg['cost-evidence'].required).toEqual([
      'exhibition',
      'border',
      'campus',
      'media',
      'overseas',
      'translation',
    ]);
    const rd = kinds(RENDING_PROGRAM);
    expect(Object.fromEntries(Object.entries(rd).map(([k, v]) => [k, v.required]))).toEqual({
      declaration: ['enterprise', 'key-product', 'key-enterprise'],
      'business-licence': ['enterprise', 'key-product', 'key-enterprise'],
      'audit-report': ['enterprise', 'key-enterprise'],
      'staff-statement': ['enterprise'],
      'ip-proof': ['enterprise'],
      'premises-proof': ['enterprise'],
      'product-evidence': ['key-product'],
      other: [],
    });
  });

  it('gives one form schema per program, keyed by track where tracks have their own DTO', () => {
    const jp = registry.toPublicJson(JINGPIN_PROGRAM).formSchema as TestPayload;
    expect(jp.type).toBe('object');
    expect(jp.additionalProperties).toBe(false);
    expect(Object.keys(jp.properties)).toEqual([
      'mediaType',
      'workTitle',
      'synopsis',
      'creators',
      'developmentPlan',
      'marketExpectation',
      'licensing',
      'promotionPlan',
      'declaration',
    ]);
    expect(jp.properties.mediaType.enum).toEqual(['tv', 'film', 'comic', 'new-media']);
    expect(jp.properties.creators.items.$ref).toBe('#/definitions/JingpinCreatorDto');
    expect(jp.definitions.JingpinCreatorDto.required).toEqual(['name', 'role']);
    expect(jp.required).toContain('declaration');

    const rd = registry.toPublicJson(RENDING_PROGRAM).formSchema as TestPayload;
    expect(Object.keys(rd)).toEqual(['enterprise', 'key-product', 'key-enterprise']);
    expect(rd.enterprise.properties.income.$ref).toBe('#/definitions/RendingIncomeDto');
    expect(rd.enterprise.definitions.RendingIncomeDto.properties.totalFen).toMatchObject({
      type: 'integer',
      minimum: 0,
    });
    expect(rd.enterprise.definitions.RendingIpRightDto.properties.grantedOn).toMatchObject({
      type: 'string',
      format: 'date',
    });
    expect(rd['key-product'].definitions.RendingKeyProductDto.required).toEqual([
      'name',
      'category',
      'annualIncomeFen',
    ]);
    expect(rd['key-enterprise'].properties.recommended.type).toBe('boolean');
    expect(rd['key-enterprise'].required).not.toContain('recommended');

    const yd = registry.toPublicJson(YUANDONGLI_PROGRAM).formSchema as TestPayload;
    expect(yd.required).toEqual(['workTitle', 'foreignCoOwnership', 'previouslyFunded', 'declaration']);
    const tg = registry.toPublicJson(TUIGUANG_PROGRAM).formSchema as TestPayload;
    expect(tg.properties.costs.maxItems).toBe(200);
    expect(Object.keys(tg.definitions)).toEqual(['TuiguangActivityDto', 'TuiguangCostDto']);
  });

  it('reports the award shapes and workflows', () => {
    expect(JINGPIN_PROGRAM.award.instalments.map((i) => [i.percent, i.milestone])).toEqual([
      [50, 'finalize'],
      [30, 'midterm'],
      [20, 'closing'],
    ]);
    expect(YUANDONGLI_PROGRAM.award.instalments.map((i) => [i.percent, i.milestone])).toEqual([
      [50, 'finalize'],
      [30, 'midterm'],
      [20, 'closing'],
    ]);
    expect(TUIGUANG_PROGRAM.award.instalments.map((i) => [i.percent, i.milestone])).toEqual([[100, 'spending-proof']]);
    expect(RENDING_PROGRAM.award).toMatchObject({ kind: 'certification', document: 'certificate', instalments: [] });
    expect(Object.values(RENDING_PROGRAM.award.titles).map((t) => t.zh)).toEqual([
      '动漫企业',
      '重点动漫产品',
      '重点动漫企业',
    ]);
    expect(ALL.map((d) => d.workflow.blindReview)).toEqual([true, true, false, false]);
    expect(ALL.every((d) => d.workflow.noticeWorkingDays === 5)).toBe(true);
  });
});

// A fifth program, as a module of its own: discovered without any edit of the engine.
const FIFTH: ProgramDefinition = {
  ...JINGPIN_PROGRAM,
  code: 'fifth-module',
  prefix: 'FM',
  name: { zh: '第五个项目（模块测试）', en: 'A fifth program (module test)' },
  rules: [],
};

@ProgramDefinitionProvider()
@Injectable()
class FifthProgram implements ProgramDefinitionSource {
  readonly definition = FIFTH;
}

@Module({ providers: [FifthProgram] })
class FifthModule {}

describe('ProgramsModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProgramsModule, FifthModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('discovers every program module, the fifth included', () => {
    const registry = app.get(ProgramRegistry);
    expect(
      registry
        .list()
        .map((d) => d.code)
        .sort(),
    ).toEqual([
      'dongmanjiang',
      'fifth-module',
      'jingpin',
      'js-xiangmuku',
      'rending',
      'tuiguang',
      'tuiyou',
      'ydyl',
      'yuandongli',
    ]);
    expect(registry.get('fifth-module')).toBe(FIFTH);
  });

  it('serves GET /programs as a plain array of public items', async () => {
    const res = await request(app.getHttpServer()).get('/programs').expect(200);
    expect(Array.isArray(res.body)).toBe(true);
    const codes = res.body.map((p: { code: string }) => p.code);
    expect(codes.slice(0, 4)).toEqual(['jingpin', 'yuandongli', 'tuiguang', 'rending']);
    const rd = res.body.find((p: { code: string }) => p.code === 'rending');
    expect(rd).toEqual(app.get(ProgramRegistry).toPublicJson(RENDING_PROGRAM));
  });
});
