import { EligibilityRule } from '../program-definition';
import { inProvinceRule } from '../engine/office';
import { defineRule, fail, isEntered, pass } from '../engine/rule-kit';

export const JS_PROVINCE = '32';
/** The bank takes at most this many projects of one organization a call (the portal's reading; never published). */
export const JS_PROJECTS_PER_ORGANIZATION = 3;

/** The project's copyright is the applicant's (a bank of original IP). */
const rightsOwned = defineRule('js-xiangmuku.rights-owned', (ctx) => {
  const key = 'js-xiangmuku.rights-owned';
  return ctx.application.payload.rightsOwned === true
    ? pass(key, '申报单位拥有项目著作权', 'The applicant owns the copyright')
    : fail(key, '入库项目须由申报单位拥有或受让全部著作权', 'A project of the bank must be the applicant’s own IP');
});

/** At most three projects of an organization in a call. */
const perOrganization = defineRule('js-xiangmuku.per-organization', (ctx) => {
  const key = 'js-xiangmuku.per-organization';
  const others = (ctx.organizationHistory ?? []).filter(
    (h) =>
      h.programCode === 'js-xiangmuku' &&
      h.callId === ctx.call.id &&
      h.applicationId !== ctx.application.id &&
      isEntered(h.status),
  ).length;
  return others < JS_PROJECTS_PER_ORGANIZATION
    ? pass(key, `本单位本批次第 ${others + 1} 个项目`, `Project ${others + 1} of the organization in this call`)
    : fail(
        key,
        `每个单位每批次最多申报 ${JS_PROJECTS_PER_ORGANIZATION} 个项目`,
        `At most ${JS_PROJECTS_PER_ORGANIZATION} projects of one organization a call`,
      );
});

export const JS_XIANGMUKU_RULES: EligibilityRule[] = [
  inProvinceRule('js-xiangmuku', JS_PROVINCE),
  rightsOwned,
  perOrganization,
];
