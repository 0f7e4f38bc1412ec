import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds } from '../engine/attachment-kinds';
import {
  RendingEnterprisePayloadDto,
  RendingKeyEnterprisePayloadDto,
  RendingKeyProductPayloadDto,
} from './rending.dto';
import { RENDING_RULES, RENDING_TRACKS } from './rending.rules';
import { rendingFormLayout } from './rending.form';
import { RENDING_ANNUAL_REVIEW } from './rending.annual-review';

const { enterprise, keyProduct, keyEnterprise } = RENDING_TRACKS;
const ALL = [enterprise, keyProduct, keyEnterprise];

/** 动漫企业认定: a certification (tax benefits), no money; three tracks, each with its own form. */
export const RENDING_PROGRAM: ProgramDefinition = {
  code: 'rending',
  prefix: 'RD',
  name: { zh: '动漫企业认定', en: 'Animation Enterprise Certification' },
  agency: {
    zh: '文化和旅游部、财政部、国家税务总局',
    en: 'Ministry of Culture and Tourism, Ministry of Finance, State Taxation Administration',
  },
  tracks: [
    { code: enterprise, name: { zh: '动漫企业', en: 'Animation enterprise' } },
    { code: keyProduct, name: { zh: '重点动漫产品', en: 'Key animation product' } },
    { code: keyEnterprise, name: { zh: '重点动漫企业', en: 'Key animation enterprise' } },
  ],
  payloadDto: (track) =>
    track === keyProduct
      ? RendingKeyProductPayloadDto
      : track === keyEnterprise
        ? RendingKeyEnterprisePayloadDto
        : RendingEnterprisePayloadDto,
  rules: RENDING_RULES,
  ruleNames: {
    'rending.main-income-share': { zh: '主营收入占比 ≥ 60%', en: 'Main income ≥ 60%' },
    'rending.self-developed-share': { zh: '自主开发收入占比 ≥ 50%', en: 'Self-developed ≥ 50%' },
    'rending.qualified-staff-share': { zh: '大专以上人员占比 ≥ 30%', en: 'Qualified staff ≥ 30%' },
    'rending.rd-staff-share': { zh: '研发人员占比 ≥ 10%', en: 'R&D staff ≥ 10%' },
    'rending.rd-spending-share': { zh: '研发费用占比 ≥ 8%', en: 'R&D spending ≥ 8%' },
    'rending.recent-ip': { zh: '近三年自主知识产权', en: 'IP within 3 years' },
    'rending.business-type': { zh: '经营范围', en: 'Business type' },
    'rending.enterprise-code': { zh: '企业类信用代码(91 开头)', en: 'Enterprise credit code (91…)' },
    'rending.certified': { zh: '持有有效动漫企业证书', en: 'Holds a valid certificate' },
    'rending.key-product-threshold': { zh: '重点产品标准', en: 'Key product threshold' },
    'rending.has-key-product': { zh: '拥有重点动漫产品', en: 'Has a key product' },
    'rending.key-enterprise-threshold': { zh: '重点企业标准', en: 'Key enterprise threshold' },
  },
  rubric: [
    {
      key: 'documentation',
      name: { zh: '材料真实完整', en: 'Complete and truthful documentation' },
      weight: 30,
      max: 10,
    },
    { key: 'originality', name: { zh: '自主研发与知识产权', en: 'Own development and IP' }, weight: 30, max: 10 },
    { key: 'content', name: { zh: '内容健康', en: 'Healthy content' }, weight: 20, max: 10 },
    {
      key: 'operations',
      name: { zh: '场地设备与合规经营', en: 'Premises, equipment and lawful operation' },
      weight: 20,
      max: 10,
    },
  ],
  defaultAggregation: 'mean',
  attachmentKinds: [
    ...standardKinds(ALL),
    documentKind('audit-report', [enterprise, keyEnterprise]),
    documentKind('staff-statement', [enterprise]),
    documentKind('ip-proof', [enterprise]),
    documentKind('premises-proof', [enterprise]),
    documentKind('product-evidence', [keyProduct]),
    otherKind(),
  ],
  award: {
    kind: 'certification',
    document: 'certificate',
    titles: {
      [enterprise]: { zh: '动漫企业', en: 'Certified animation enterprise' },
      [keyProduct]: { zh: '重点动漫产品', en: 'Key animation product' },
      [keyEnterprise]: { zh: '重点动漫企业', en: 'Key animation enterprise' },
    },
    instalments: [],
  },
  formLayout: rendingFormLayout,
  callDefaults: { provincialStage: 'check', annualReview: true },
  workflow: { provincialReview: true, blindReview: false, noticeWorkingDays: 5, annualReview: true },
  annualReviewForm: RENDING_ANNUAL_REVIEW,
};
