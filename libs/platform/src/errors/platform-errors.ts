import { defineErrors, ErrorSpec } from './define-errors';

/**
 * The platform's error specs: codes any lib or app may throw about a request as such (its permission, its shape, an
 * id naming nothing). Each is defined here once; `PLATFORM_ERRORS` throws them. A lib that still lists one of them in
 * its own catalogue refers to the spec here (`'VALIDATION.FAILED': PLATFORM_ERROR_SPECS['VALIDATION.FAILED']`).
 */
export const PLATFORM_ERROR_SPECS = {
  'AUTH.UNAUTHENTICATED': { kind: 'unauthenticated', zh: '请先登录', en: 'Please log in' },
  'AUTH.FORBIDDEN': { kind: 'forbidden', zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  'AUTH.ROUTE_CLOSED': {
    kind: 'forbidden',
    zh: '此功能未开放',
    en: 'This route declares no permission and is closed',
  },
  'RESOURCE.NOT_FOUND': { kind: 'not-found', zh: '记录不存在', en: 'Not found' },
  /** 400: the body is not the shape the route accepts (unknown fields, wrong types, missing fields). */
  'VALIDATION.MALFORMED': { kind: 'invalid', zh: '请求内容格式有误', en: 'The request is not well-formed' },
  /** 422: well-formed, but some fields are not acceptable (details name them). */
  'VALIDATION.FAILED': { kind: 'unprocessable', zh: '提交的内容不符合要求', en: 'Some fields are not acceptable' },
  /*
   * The request body as such, judged before any route sees it (apps/api/src/body-guard.ts); `details` name the field.
   */
  /** 415: a body in a type the route does not read (JSON routes take application/json, uploads multipart/form-data). */
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
    kind: 'unsupported-type',
    zh: (p: { type: string }) => `不支持的请求内容类型（${p.type}），请以 application/json 提交`,
    en: (p: { type: string }) => `Unsupported content type (${p.type}); send application/json`,
  },
  /** 400: the body is not JSON at all. */
  'REQUEST.MALFORMED_JSON': {
    kind: 'invalid',
    zh: '请求内容不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  /** 400: JSON, but a string, number, boolean, null or array where the route takes an object. */
  'REQUEST.NOT_AN_OBJECT': {
    kind: 'invalid',
    zh: '请求内容须为 JSON 对象',
    en: 'The request body must be a JSON object',
  },
  /** 413 */
  'REQUEST.TOO_LARGE': {
    kind: 'too-large',
    zh: (p: { limit: string }) => `请求内容过大（上限 ${p.limit}）`,
    en: (p: { limit: string }) => `Request body too large (limit ${p.limit})`,
  },
  /** 400: objects or arrays nested deeper than any form needs. */
  'REQUEST.TOO_DEEP': {
    kind: 'invalid',
    zh: (p: { max: number }) => `请求内容嵌套过深（最多 ${p.max} 层）`,
    en: (p: { max: number }) => `The request body is nested too deeply (at most ${p.max} levels)`,
  },
  /** 400: a NUL character (U+0000) or a lone surrogate: no text field can store it. */
  'REQUEST.BAD_CHARACTER': {
    kind: 'invalid',
    zh: '请求内容含有不允许的字符（如 NUL 或不成对的代理项）',
    en: 'The request body holds a character that is not allowed (such as NUL or a lone surrogate)',
  },
  /** 400: a number no field takes (beyond ±2^53 − 1, or not finite). */
  'REQUEST.NUMBER_OUT_OF_RANGE': {
    kind: 'invalid',
    zh: '请求内容中的数字超出范围',
    en: 'A number in the request body is out of range',
  },
  /** 503 with Retry-After: the database or Redis is down or did not answer in time (see unavailable-error.ts). */
  'PLATFORM.UNAVAILABLE': {
    kind: 'unavailable',
    zh: '服务暂时不可用，请稍后重试',
    en: 'The service is temporarily unavailable; please try again shortly',
  },
} as const satisfies Record<string, ErrorSpec<never>>;

export const PLATFORM_ERRORS = defineErrors(PLATFORM_ERROR_SPECS);
