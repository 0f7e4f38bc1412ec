import { EligibilityContext, HistoryEntry, OrganizationFacts, ProgramDefinition } from '../program-definition';

/**
 * Builders for eligibility contexts in specs (here and in other libs). Defaults: an enterprise with a
 * valid credit code and no flags, call `call-1` of 2026 closing 2026-06-30 23:59:59.999 Asia/Shanghai,
 * today 2026-05-01, no history.
 */
/** A payload in specs: specs reshape it freely (p.income.totalFen = …, delete p.staff), so its fields stay untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data mutated at any depth; the DTO validates real ones
export type TestPayload = Record<string, any>;

export interface ContextOverrides {
  track?: string | null;
  payload?: TestPayload;
  attachmentKinds?: string[];
  organization?: Partial<OrganizationFacts>;
  call?: Partial<EligibilityContext['call']>;
  today?: string;
  organizationHistory?: HistoryEntry[];
  programAwards?: HistoryEntry[];
  applicationId?: string;
}

export const TEST_ORG_ID = 'org-1';
export const TEST_CALL_ID = 'call-1';

export function makeContext(o: ContextOverrides = {}): EligibilityContext {
  return {
    organization: {
      id: TEST_ORG_ID,
      name: '福州示例动漫有限公司',
      creditCode: '91350100M000100Y43',
      businessTypes: [],
      flags: [],
      ...o.organization,
    },
    application: {
      id: o.applicationId ?? 'app-1',
      callId: o.call?.id ?? TEST_CALL_ID,
      track: o.track === undefined ? null : o.track,
      payload: o.payload ?? {},
      attachmentKinds: o.attachmentKinds ?? [],
    },
    call: {
      id: TEST_CALL_ID,
      year: 2026,
      closesAt: new Date('2026-06-30T23:59:59.999+08:00'),
      requestSharePercent: null,
      ...o.call,
    },
    today: o.today ?? '2026-05-01',
    organizationHistory: o.organizationHistory ?? [],
    programAwards: o.programAwards ?? [],
  };
}

let seq = 0;
/** Another application of the organization (or of anyone, for programAwards). */
export function historyEntry(e: Partial<HistoryEntry> & Pick<HistoryEntry, 'programCode' | 'status'>): HistoryEntry {
  seq += 1;
  return {
    applicationId: `other-${seq}`,
    callId: 'call-0',
    track: null,
    workTitle: null,
    organizationId: TEST_ORG_ID,
    ...e,
  };
}

/** Every attachment kind the track requires. */
export function requiredKinds(def: ProgramDefinition, track: string | null): string[] {
  return def.attachmentKinds.filter((k) => track !== null && k.required.includes(track)).map((k) => k.kind);
}

/** A context that passes every rule of the track, given a complete valid payload. */
export function eligibleContext(def: ProgramDefinition, track: string, payload: TestPayload, o: ContextOverrides = {}) {
  return makeContext({ track, payload, attachmentKinds: requiredKinds(def, track), ...o });
}

// ---- complete, eligible payloads ----

/** The attachment kinds `rending` / `enterprise` requires (API.md, Attachment kinds): for tests and benchmarks. */
export const RENDING_ENTERPRISE_KINDS = [
  'declaration',
  'business-licence',
  'audit-report',
  'staff-statement',
  'ip-proof',
  'premises-proof',
];

export function rendingEnterprisePayload(): TestPayload {
  return {
    fiscalYear: 2025,
    businessTypes: ['animation', 'publishing'],
    income: {
      totalFen: 100_000_000,
      animationMainFen: 70_000_000,
      selfDevelopedFen: 50_000_000,
      operatingFen: 100_000_000,
    },
    rdSpendingFen: 10_000_000,
    staff: { total: 50, qualified: 20, rd: 10 },
    ipRights: [{ kind: 'copyright', number: '国作登字-2025-F-00000001', grantedOn: '2025-03-15' }],
    products: [{ name: '山海小英雄', category: 'animation', selfDeveloped: true }],
    declaration: true,
  };
}

export function rendingKeyProductPayload(): TestPayload {
  return {
    product: { name: '山海小英雄', category: 'animation', annualIncomeFen: 1_200_000_000 },
    declaration: true,
  };
}

export function rendingKeyEnterprisePayload(): TestPayload {
  return {
    registeredCapitalFen: 2_000_000_000,
    annualIncomeFen: 800_000_000,
    profitableYears: 3,
    exportIncomeFen: 0,
    ownIpExportIncomeFen: 0,
    declaration: true,
  };
}

export function jingpinPayload(): TestPayload {
  return {
    mediaType: 'tv',
    workTitle: '山海小英雄',
    synopsis: '一个关于山海经神兽的少年冒险故事。',
    creators: [{ name: '张三', role: '导演', education: '本科' }],
    developmentPlan: '2026 年完成 52 集制作。',
    marketExpectation: '授权收入预计 500 万元。',
    licensing: '已与两家平台签订播出意向。',
    promotionPlan: '电视台首播，网络同步。',
    declaration: true,
  };
}

export function yuandongliPayload(): TestPayload {
  return {
    workTitle: '星河漫游记',
    foreignCoOwnership: false,
    previouslyFunded: false,
    declaration: true,
  };
}

export function tuiguangPayload(): TestPayload {
  return {
    activity: { name: '2026 动漫游戏展', startsOn: '2026-07-10', endsOn: '2026-07-14', location: '上海' },
    costs: [
      { item: '展位费', category: 'booth', amountFen: 6_000_000 },
      { item: '差旅费', category: 'travel', amountFen: 4_000_000 },
    ],
    requestedFen: 5_000_000,
    declaration: true,
  };
}

export function tuiyouPayload(): TestPayload {
  return {
    workTitle: '熊猫小队',
    kind: 'tv-series',
    licenceNumber: '（沪）动审字〔2025〕第018号',
    episodes: 52,
    minutes: 624,
    premiereChannel: '中央电视台少儿频道',
    premieredOn: '2025-09-01',
    synopsis: '四只熊猫守护竹林的冒险故事。',
    reach: '首轮平均收视率 0.8%，网络点击 3 亿次。',
    declaration: true,
  };
}

export function ydylPayload(): TestPayload {
  return {
    workTitle: '丝路动漫有限公司',
    description: '原创动画的海外发行与合拍。',
    partners: [{ country: '哈萨克斯坦', cooperation: '与当地发行商合作发行动画电影' }],
    overseasIncomeFen: 120_000_000,
    plan: '在中亚五国建立发行网络。',
    declaration: true,
  };
}
