import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { Type } from '@nestjs/common';
import { ProgramDefinition } from '../program-definition';
import { DRAFT_GROUP, SUBMIT_GROUP, bi } from './dto-fields';

export type PayloadMode = 'draft' | 'submit';

export interface PayloadErrorDetail {
  /** Dotted from `payload` (`payload.staff.total`, `payload.costs.0.amountFen`), or `track`. */
  path: string;
  message: string;
}

export interface PayloadValidationResult {
  details: PayloadErrorDetail[];
}

export const REQUIRED_MESSAGE = bi('必填', 'required');
export const UNKNOWN_FIELD_MESSAGE = bi('不允许的字段', 'unknown field');

/** True when the program knows `track` (programs without tracks take null). */
export function isKnownTrack(def: ProgramDefinition, track: string | null | undefined): boolean {
  if (def.tracks.length === 0) return track === null || track === undefined;
  return typeof track === 'string' && def.tracks.some((t) => t.code === track);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Keys class-transformer silently skips; they would otherwise slip past the whitelist. */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

function reservedKeys(value: unknown, path: string, out: PayloadErrorDetail[], depth = 0): void {
  if (depth > 20 || value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const child = `${path}.${key}`;
    if (RESERVED_KEYS.includes(key)) out.push({ path: child, message: UNKNOWN_FIELD_MESSAGE });
    else reservedKeys((value as Record<string, unknown>)[key], child, out, depth + 1);
  }
}

function flatten(errors: ValidationError[], prefix: string, mode: PayloadMode, out: PayloadErrorDetail[]): void {
  for (const error of errors) {
    const path = `${prefix}.${error.property}`;
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) {
      out.push({ path, message: UNKNOWN_FIELD_MESSAGE });
    } else if (Object.keys(constraints).length > 0) {
      if (isEmpty(error.value)) {
        // In a draft an empty value is simply not filled in yet; at submit it is a missing required field.
        if (mode === 'submit') out.push({ path, message: REQUIRED_MESSAGE });
      } else {
        const messages = [...new Set(Object.values(constraints))];
        out.push({ path, message: messages.join('; ') });
      }
    }
    if (error.children?.length) flatten(error.children, path, mode, out);
  }
}

/**
 * Checks a payload against the program's DTO for the track, whitelisted (unknown fields are errors).
 * - `draft`: missing fields (undefined, null, '') are fine; present ones must have the right type,
 *   range and enum value. Any detail means 400.
 * - `submit`: missing required fields are errors too ("必填 / required"). Any detail means 422.
 * Never throws; an empty `details` means valid.
 */
export function validatePayload(
  def: ProgramDefinition,
  track: string | null,
  payload: unknown,
  mode: PayloadMode,
): PayloadValidationResult {
  if (!isKnownTrack(def, track)) {
    return {
      details: [
        {
          path: 'track',
          message: bi(
            `须为本项目的申报类别之一：${def.tracks.map((t) => `${t.code}（${t.name.zh}）`).join('、')}`,
            `must be one of the program's tracks: ${def.tracks.map((t) => t.code).join(', ')}`,
          ),
        },
      ],
    };
  }
  return validateDtoPayload(def.payloadDto(track), payload, mode);
}

/**
 * The same check against any of a program's form DTOs (the 年审 filing's, issue 13): whitelisted, `draft` or `submit`
 * mode, paths under `payload`. Never throws.
 */
export function validateDtoPayload(dto: Type<object>, payload: unknown, mode: PayloadMode): PayloadValidationResult {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { details: [{ path: 'payload', message: bi('须为对象', 'must be an object') }] };
  }
  const reserved: PayloadErrorDetail[] = [];
  reservedKeys(payload, 'payload', reserved);
  if (reserved.length) return { details: reserved };
  let errors: ValidationError[];
  try {
    const instance = plainToInstance(dto, payload) as object;
    errors = validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true, // one message per field: a wrong type is not also "negative"
      skipMissingProperties: mode === 'draft',
      groups: [mode === 'draft' ? DRAFT_GROUP : SUBMIT_GROUP],
      always: true, // ungrouped decorators run in both modes
      validationError: { target: false, value: true },
    });
  } catch {
    return { details: [{ path: 'payload', message: bi('格式不正确', 'malformed payload') }] };
  }
  const details: PayloadErrorDetail[] = [];
  flatten(errors, 'payload', mode, details);
  return { details };
}
