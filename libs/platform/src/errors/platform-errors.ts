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
} as const satisfies Record<string, ErrorSpec>;

export const PLATFORM_ERRORS = defineErrors(PLATFORM_ERROR_SPECS);
