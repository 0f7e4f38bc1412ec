import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds } from '../engine/attachment-kinds';
import {
  RendingEnterprisePayloadDto,
  RendingKeyEnterprisePayloadDto,
  RendingKeyProductPayloadDto,
} from './rending.dto';
import { RENDING_RULES, RENDING_TRACKS } from './rending.rules';

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
  workflow: { provincialReview: true, blindReview: false, noticeWorkingDays: 5, annualReview: true },
};
