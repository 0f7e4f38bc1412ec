import { ValidateBy, ValidationOptions } from 'class-validator';
import { ProvincialQuota, ProvincialStage } from '@portal/programs';

/** The 31 provinces that apply through a provincial office (GB/T 2260 two-digit codes; 71, 81, 82 do not). */
export const PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41',
  '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]; // prettier-ignore

const MAX_QUOTA = 1000;

/** The quota's OpenAPI shape (request and response alike). */
export const PROVINCIAL_QUOTA_SCHEMA = {
  oneOf: [
    { type: 'integer', minimum: 0, maximum: MAX_QUOTA },
    {
      type: 'object',
      properties: {
        default: { type: 'integer', minimum: 0, maximum: MAX_QUOTA },
        byProvince: { type: 'object', additionalProperties: { type: 'integer', minimum: 0, maximum: MAX_QUOTA } },
      },
      required: ['default'],
    },
  ],
};
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_QUOTA;

/** What is wrong with a quota as the API received it (null: nothing). One number, or `{ default, byProvince }`. */
export function quotaProblem(value: unknown): string | null {
  if (typeof value === 'number') return isCount(value) ? null : `an integer 0–${MAX_QUOTA}`;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return 'a number or { default, byProvince } / 须为数字或 { default, byProvince }';
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => k !== 'default' && k !== 'byProvince');
  if (unknown.length) return `unknown field ${unknown.join(', ')} / 未知字段`;
  if (!isCount(o.default)) return `default must be an integer 0–${MAX_QUOTA} / default 须为 0–${MAX_QUOTA} 的整数`;
  if (o.byProvince === undefined) return null;
  if (!o.byProvince || typeof o.byProvince !== 'object' || Array.isArray(o.byProvince))
    return 'byProvince must be an object keyed by province code / byProvince 须为以省级代码为键的对象';
  for (const [code, n] of Object.entries(o.byProvince)) {
    if (!PROVINCE_CODES.includes(code)) return `byProvince: ${code} is not a province code / 不是省级行政区代码`;
    if (!isCount(n)) return `byProvince.${code} must be an integer 0–${MAX_QUOTA} / 须为整数`;
  }
  return null;
}

/** class-validator: the quota's shape (see quotaProblem). */
export function IsProvincialQuota(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isProvincialQuota',
      validator: {
        validate: (value: unknown) => quotaProblem(value) === null,
        defaultMessage: (args) => `$property must be ${quotaProblem(args?.value) ?? 'valid'}`,
      },
    },
    options,
  );
}

/** The number of recommendations a province may forward (null quota: no limit). */
export function quotaFor(quota: ProvincialQuota | null, provinceCode: string): number | null {
  if (quota === null || quota === undefined) return null;
  if (typeof quota === 'number') return quota;
  return quota.byProvince?.[provinceCode] ?? quota.default;
}

/** The forwarding may proceed: the province's already forwarded plus the new ones stay within the quota. */
export function overQuota(quota: number | null, alreadyForwarded: number, adding: number): boolean {
  return quota !== null && alreadyForwarded + adding > quota;
}

export interface ProvincialSettings {
  provincialStage: ProvincialStage;
  provincialQuota: ProvincialQuota | null;
  provincialClosesAt: Date | null;
}

/**
 * What is wrong with a call's provincial settings (each with the field's path), given its closing time: a stage needs
 * a provincial deadline after closesAt; `recommend` needs a quota, `check` takes none; `none` takes neither.
 */
export function provincialSettingsProblems(
  s: ProvincialSettings,
  closesAt: Date,
): { path: string; message: { zh: string; en: string } }[] {
  const out: { path: string; message: { zh: string; en: string } }[] = [];
  if (s.provincialStage === 'none') {
    if (s.provincialQuota !== null)
      out.push({
        path: 'provincialQuota',
        message: { zh: '仅省级推荐环节设推荐名额', en: 'only with provincialStage recommend' },
      });
    if (s.provincialClosesAt)
      out.push({
        path: 'provincialClosesAt',
        message: { zh: '仅有省级阶段时设省级截止时间', en: 'only with a provincial stage' },
      });
    return out;
  }
  if (!s.provincialClosesAt)
    out.push({
      path: 'provincialClosesAt',
      message: { zh: '须设省级截止时间', en: 'required with a provincial stage' },
    });
  else if (s.provincialClosesAt.getTime() <= closesAt.getTime())
    out.push({
      path: 'provincialClosesAt',
      message: { zh: '省级截止时间须晚于申报截止时间', en: 'provincialClosesAt must be later than closesAt' },
    });
  if (s.provincialStage === 'recommend' && s.provincialQuota === null)
    out.push({
      path: 'provincialQuota',
      message: { zh: '省级推荐须设推荐名额', en: 'required with provincialStage recommend' },
    });
  if (s.provincialStage === 'check' && s.provincialQuota !== null)
    out.push({
      path: 'provincialQuota',
      message: { zh: '仅省级推荐环节设推荐名额', en: 'only with provincialStage recommend' },
    });
  return out;
}
