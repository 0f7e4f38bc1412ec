import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  Matches,
  ValidateNested,
  ValidationArguments,
  ValidateBy,
  registerDecorator,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { I18nText } from '../program-definition';
import { DATE_ONLY_PATTERN, isDateOnly } from './dates';
import { validateIdNumber } from '@portal/platform';

/**
 * Field decorators for program payload DTOs. Each composes class-validator rules with bilingual messages
 * ("中文 / English") and the JSON Schema hints (`title` = Chinese label, `description` = English label).
 *
 * Required vs optional: a field without `optional` is required at submit; in a draft every field may be
 * missing (validatePayload skips missing properties in draft mode). Optional fields treat null and '' as
 * absent. `minItemsAtSubmit` applies only in submit mode (validation group `submit`).
 */

/** Largest amount in fen that JSON numbers carry exactly (2^53 − 1). */
export const MAX_FEN = Number.MAX_SAFE_INTEGER;
export const SUBMIT_GROUP = 'submit';
export const DRAFT_GROUP = 'draft';

export const bi = (zh: string, en: string) => `${zh} / ${en}`;

interface OptionalOpt {
  optional?: boolean;
}

const present = (_: object, value: unknown) => value !== undefined && value !== null && value !== '';

function base(label: I18nText, extra: Record<string, unknown>, opts: OptionalOpt): PropertyDecorator[] {
  const decorators: PropertyDecorator[] = [
    JSONSchema({ title: label.zh, description: label.en, ...extra }) as PropertyDecorator,
  ];
  if (opts.optional) decorators.push(ValidateIf(present));
  return decorators;
}

/** An amount of money in integer fen, 0 … 2^53 − 1. */
export function FenField(label: I18nText, opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    ...base(label, { type: 'integer', description: `${label.en} (fen, 1 yuan = 100 fen)` }, opts),
    IsInt({ message: bi('须为整数（单位：分）', 'must be an integer amount in fen') }),
    Min(0, { message: bi('金额不能为负数', 'amount must not be negative') }),
    Max(MAX_FEN, { message: bi('金额过大', `amount must not exceed ${MAX_FEN} fen`) }),
  );
}

/** A whole number in [min, max]. */
export function IntField(
  label: I18nText,
  range: { min: number; max: number },
  opts: OptionalOpt = {},
): PropertyDecorator {
  return applyDecorators(
    ...base(label, { type: 'integer' }, opts),
    IsInt({ message: bi('须为整数', 'must be an integer') }),
    Min(range.min, { message: bi(`不能小于 ${range.min}`, `must not be less than ${range.min}`) }),
    Max(range.max, { message: bi(`不能大于 ${range.max}`, `must not be greater than ${range.max}`) }),
  );
}

/** A count of people, copies, shows … (0 … max). */
export function CountField(label: I18nText, opts: OptionalOpt & { max?: number } = {}): PropertyDecorator {
  return IntField(label, { min: 0, max: opts.max ?? 1_000_000_000 }, opts);
}

/** Text of at most `max` characters; a required one must not be empty at submit. */
export function TextField(label: I18nText, max: number, opts: OptionalOpt = {}): PropertyDecorator {
  const decorators = [
    ...base(label, {}, opts),
    IsString({ message: bi('须为文本', 'must be a string') }),
    MaxLength(max, { message: bi(`不能超过 ${max} 个字符`, `must be at most ${max} characters`) }),
  ];
  if (!opts.optional) decorators.push(MinLength(1, { message: bi('必填', 'required') }));
  return applyDecorators(...decorators);
}

/** A real calendar date written YYYY-MM-DD. */
export function IsDateOnly(
  message = bi('须为有效日期（YYYY-MM-DD）', 'must be a valid date (YYYY-MM-DD)'),
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown) => isDateOnly(value) },
    });
  };
}

export function DateField(label: I18nText, opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    ...base(label, { type: 'string', format: 'date', pattern: DATE_ONLY_PATTERN }, opts),
    IsDateOnly(),
  );
}

/** One of a fixed list of values. */
export function EnumField(label: I18nText, values: readonly string[], opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    ...base(label, { type: 'string', enum: [...values] }, opts),
    IsIn([...values], {
      message: (args: ValidationArguments) =>
        bi(`取值“${String(args.value)}”无效，可选：${values.join('、')}`, `must be one of: ${values.join(', ')}`),
    }),
  );
}

export function BoolField(label: I18nText, opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    ...base(label, {}, opts),
    IsBoolean({ message: bi('须为 true 或 false', 'must be true or false') }),
  );
}

/** A list of values from a fixed set, each at most once. */
export function EnumArrayField(
  label: I18nText,
  values: readonly string[],
  opts: OptionalOpt & { maxItems: number },
): PropertyDecorator {
  return applyDecorators(
    ...base(label, { type: 'array', items: { type: 'string', enum: [...values] }, uniqueItems: true }, opts),
    IsArray({ message: bi('须为数组', 'must be an array') }),
    ArrayMaxSize(opts.maxItems, {
      message: bi(`最多 ${opts.maxItems} 项`, `must have at most ${opts.maxItems} items`),
    }),
    ArrayUnique({ message: bi('不能重复选择', 'must not repeat a value') }),
    IsIn([...values], {
      each: true,
      message: bi(`含无效取值，可选：${values.join('、')}`, `each value must be one of: ${values.join(', ')}`),
    }),
  );
}

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every item of the array is an object (not null, not an array): ValidateNested alone lets [[]] through. */
export function IsObjectEach(message = bi('每一项须为对象', 'each item must be an object')): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isObjectEach',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown) => Array.isArray(value) && value.every(isPlainObject) },
    });
  };
}

/** A nested object validated by its own DTO class. */
export function NestedField(label: I18nText, type: () => new () => object, opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    markNested(type, false),
    ...base(label, {}, opts),
    IsObject({ message: bi('须为对象', 'must be an object') }),
    ValidateNested({ message: bi('须为对象', 'must be an object') }),
    Type(type),
  );
}

/** A list of nested objects. */
export function NestedArrayField(
  label: I18nText,
  type: () => new () => object,
  opts: OptionalOpt & { maxItems: number; minItemsAtSubmit?: number },
): PropertyDecorator {
  const decorators = [
    markNested(type, true),
    ...base(label, {}, opts),
    IsArray({ message: bi('须为数组', 'must be an array') }),
    ArrayMaxSize(opts.maxItems, {
      message: bi(`最多 ${opts.maxItems} 项`, `must have at most ${opts.maxItems} items`),
    }),
    IsObjectEach(),
    ValidateNested({ each: true, message: bi('每一项须为对象', 'each item must be an object') }),
    Type(type),
  ];
  if (opts.minItemsAtSubmit) {
    const n = opts.minItemsAtSubmit;
    decorators.push(
      ArrayMinSize(n, {
        groups: [SUBMIT_GROUP],
        message: bi(`至少填写 ${n} 项`, `must have at least ${n} item${n > 1 ? 's' : ''}`),
      }),
    );
  }
  return applyDecorators(...decorators);
}

/** `declaration`: the signed 承诺, a boolean (common.declaration requires true). */
export function DeclarationField(): PropertyDecorator {
  return BoolField({
    zh: '承诺所填信息和所附材料真实、准确、完整',
    en: 'I declare that all information and materials are true, accurate and complete',
  });
}

/*
 * Personal data (DESIGN rule 14). A field declared with IdNumberField or PhoneField is a person's ID number or phone:
 * the applications lib keeps it encrypted at rest and shows it in full only to the owner and the officers, masked
 * to anyone else, never in an export or a log line. `personalDataPaths(dto)` finds every such field of a payload
 * DTO, nested objects and lists included, so a new program gets all of this by using the two decorators.
 */
export type PersonalDataKind = 'id-number' | 'phone';

/** A path from the payload root; `'*'` stands for every item of a list. */
export interface PersonalDataPath {
  path: string[];
  kind: PersonalDataKind;
}

type Ctor = abstract new (...args: never[]) => object;
const personalFields = new Map<Ctor, Map<string, PersonalDataKind>>();
const nestedFields = new Map<Ctor, Map<string, { type: () => Ctor; list: boolean }>>();

function remember<V>(registry: Map<Ctor, Map<string, V>>, target: object, property: string | symbol, value: V) {
  const ctor = (target as { constructor: Ctor }).constructor;
  const fields = registry.get(ctor) ?? new Map<string, V>();
  fields.set(String(property), value);
  registry.set(ctor, fields);
}

function markNested(type: () => Ctor, list: boolean): PropertyDecorator {
  return (target, property) => remember(nestedFields, target, property, { type, list });
}

function markPersonal(kind: PersonalDataKind): PropertyDecorator {
  return (target, property) => remember(personalFields, target, property, kind);
}

/** 居民身份证号码: 17 digits and a check character (digit or X). */
export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/;
/** A mainland mobile or landline number (as identity's registration accepts). */
export const PERSON_PHONE_PATTERN = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/**
 * A person's ID number: personal data (encrypted at rest, masked for others), checked as GB 11643 says (platform's
 * validateIdNumber: the check character, a region, a real birth date; the old 15-digit form refused with its own
 * message). The message never repeats the number.
 */
export function IdNumberField(label: I18nText, opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    markPersonal('id-number'),
    ...base(label, { type: 'string', pattern: ID_NUMBER_PATTERN.source }, opts),
    IsString({ message: bi('须为文本', 'must be a string') }),
    ValidateBy({
      name: 'isIdNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateIdNumber(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const r = validateIdNumber(String(args?.value ?? ''));
          return r.ok ? '' : bi(r.message.zh, r.message.en);
        },
      },
    }),
  );
}

/** A person's phone number: personal data (encrypted at rest, masked for others). */
export function PhoneField(label: I18nText, opts: OptionalOpt = {}): PropertyDecorator {
  return applyDecorators(
    markPersonal('phone'),
    ...base(label, { type: 'string' }, opts),
    IsString({ message: bi('须为文本', 'must be a string') }),
    Matches(PERSON_PHONE_PATTERN, {
      message: bi('须为有效的手机或座机号码', 'must be a mainland mobile or landline number'),
    }),
  );
}

function fieldsOf<V>(registry: Map<Ctor, Map<string, V>>, cls: Ctor): [string, V][] {
  const out: [string, V][] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Object; c = Object.getPrototypeOf(c))
    out.push(...(registry.get(c as Ctor) ?? new Map<string, V>()));
  return out;
}

/** Every personal-data field of a payload DTO, nested objects and lists included. */
export function personalDataPaths(dto: Ctor, seen: Set<Ctor> = new Set()): PersonalDataPath[] {
  if (seen.has(dto)) return [];
  seen.add(dto);
  const paths: PersonalDataPath[] = fieldsOf(personalFields, dto).map(([name, kind]) => ({ path: [name], kind }));
  for (const [name, nested] of fieldsOf(nestedFields, dto))
    for (const inner of personalDataPaths(nested.type(), new Set(seen)))
      paths.push({ path: [name, ...(nested.list ? ['*'] : []), ...inner.path], kind: inner.kind });
  return paths;
}

/** Every value at `path` in `payload`, replaced by `fn(value)` when it is a string (a new object; the input stays). */
export function mapPersonalData(
  payload: Record<string, unknown>,
  paths: PersonalDataPath[],
  fn: (value: string, kind: PersonalDataKind) => string,
): Record<string, unknown> {
  const walk = (node: unknown, path: string[], kind: PersonalDataKind): unknown => {
    if (path.length === 0) return typeof node === 'string' && node !== '' ? fn(node, kind) : node;
    const [head, ...rest] = path;
    if (head === '*') return Array.isArray(node) ? node.map((item) => walk(item, rest, kind)) : node;
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(head in node)) return node;
    return { ...(node as Record<string, unknown>), [head]: walk((node as Record<string, unknown>)[head], rest, kind) };
  };
  let out: unknown = payload;
  for (const p of paths) out = walk(out, p.path, p.kind);
  return out as Record<string, unknown>;
}

/** How personal data shows to someone who may not read it: 110105********1234, 138****8000. */
export function maskPersonalData(value: string, kind: PersonalDataKind): string {
  const v = value.trim();
  // an ID number shows its region and its last 4 (GB 11643: 110105********1234), a phone its network and last 4
  const [head, tail] = kind === 'id-number' ? [6, 4] : [3, 4];
  if (v.length <= head + tail) return '*'.repeat(v.length);
  return v.slice(0, head) + '*'.repeat(v.length - head - tail) + v.slice(-tail);
}
