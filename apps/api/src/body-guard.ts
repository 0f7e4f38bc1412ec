import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import express from 'express';
import { DomainError, PLATFORM_ERRORS } from '@portal/platform';

/**
 * Hostile bodies stop here, before any guard, pipe or route reads them (issue 11 point 8): a body in a type the route
 * does not read (415), JSON that does not parse or is not an object (400), a body over the limit (413), nesting deeper
 * than any form needs (400: the validator recurses and would overflow the stack), a NUL or a lone surrogate in any
 * string or key (400: PostgreSQL stores neither), a number beyond ±2^53 − 1 (400). Every answer names the field.
 */

/** The largest JSON body the API reads (uploads are multipart or tus and have limits of their own). */
export const JSON_BODY_LIMIT = '2mb';
/** Objects and arrays nested deeper than this are refused; the deepest form (a program payload) needs 4. */
export const MAX_BODY_DEPTH = 32;

export type BodyFault =
  | { kind: 'depth'; path: string }
  | { kind: 'character'; path: string; what: string }
  | { kind: 'number'; path: string }
  | { kind: 'key'; path: string };

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badText(s: string): string | null {
  if (NUL.test(s)) return 'NUL (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'a lone surrogate';
  return null;
}

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

/**
 * The first fault in a parsed body, or null. Iterative (an explicit stack), so a body nested 100,000 deep costs a loop,
 * not the call stack. Paths are written as the validator writes them (`organization.name`, `costs.0.item`).
 */
export function inspectBody(body: unknown, maxDepth = MAX_BODY_DEPTH): BodyFault | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const what = badText(value);
      if (what) return { kind: 'character', path: path || 'body', what };
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
        return { kind: 'number', path: path || 'body' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'depth', path: path || 'body' };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const what = badText(key);
      if (what) return { kind: 'character', path: join(path, JSON.stringify(key).slice(1, -1)), what };
      // JSON.parse makes `__proto__` an own key the validator's whitelist never sees; merged by Object.assign it
      // would replace a prototype
      if (key === '__proto__') return { kind: 'key', path: join(path, key) };
      stack.push({ value: (value as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

/** The fault as the domain error the filter answers with (400, `details[0].path` naming the field). */
export function bodyFaultError(fault: BodyFault, maxDepth = MAX_BODY_DEPTH): DomainError {
  switch (fault.kind) {
    case 'depth':
      return PLATFORM_ERRORS['REQUEST.TOO_DEEP'](
        { max: maxDepth },
        {
          details: [
            {
              path: fault.path,
              message: {
                zh: `${fault.path} 嵌套超过 ${maxDepth} 层`,
                en: `${fault.path} is nested more than ${maxDepth} levels deep`,
              },
            },
          ],
        },
      );
    case 'character':
      return PLATFORM_ERRORS['REQUEST.BAD_CHARACTER']({
        details: [
          {
            path: fault.path,
            message: {
              zh: `${fault.path} 含有不允许的字符：${fault.what}`,
              en: `${fault.path} contains ${fault.what}`,
            },
          },
        ],
      });
    case 'key':
      return PLATFORM_ERRORS['VALIDATION.MALFORMED']({
        details: [{ path: fault.path, message: `unknown field / 未知字段: ${fault.path}` }],
      });
    case 'number':
      return PLATFORM_ERRORS['REQUEST.NUMBER_OUT_OF_RANGE']({
        details: [
          {
            path: fault.path,
            message: {
              zh: `${fault.path} 超出范围（绝对值不得超过 ${Number.MAX_SAFE_INTEGER}）`,
              en: `${fault.path} is out of range (at most ${Number.MAX_SAFE_INTEGER} in absolute value)`,
            },
          },
        ],
      });
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** tus speaks its own content types (application/offset+octet-stream); its middleware judges them. */
const TUS_PATH = /^\/api\/applications\/[^/]+\/uploads(?:\/|$|\?)/;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const MULTIPART_TYPE = /^multipart\/form-data$/i;

function mediaType(req: express.Request): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

function hasBody(req: express.Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isNaN(length) || length > 0;
}

function isApiWrite(req: express.Request): boolean {
  return WRITE_METHODS.has(req.method) && req.path.startsWith('/api/') && !TUS_PATH.test(req.originalUrl);
}

/**
 * Before the parsers: a write under /api with a body must send JSON or multipart/form-data (the upload routes);
 * text/plain, a form, XML or no type at all is 415, never parsed into something half-understood.
 */
export function contentTypeGuard(req: express.Request, _res: express.Response, next: express.NextFunction): void {
  if (!isApiWrite(req) || !hasBody(req)) return next();
  const type = mediaType(req);
  if (JSON_TYPE.test(type) || MULTIPART_TYPE.test(type)) return next();
  req.resume(); // drain what was sent, so the answer is not cut off by an unread body
  next(
    PLATFORM_ERRORS['REQUEST.UNSUPPORTED_MEDIA_TYPE'](
      { type: type || 'none' },
      {
        details: [
          {
            path: 'Content-Type',
            message: {
              zh: `收到 ${type || '（无）'}，应为 application/json（上传文件为 multipart/form-data）`,
              en: `got ${type || '(none)'}; expected application/json (multipart/form-data for uploads)`,
            },
          },
        ],
      },
    ),
  );
}

interface BodyParserError {
  type?: string;
  status?: number;
  body?: string;
  message?: string;
  charset?: string;
  encoding?: string;
}

/**
 * After the JSON parser, an error handler for its errors only: they become domain errors with a reason (the
 * filter answers them), instead of the parser's bare English or a generic text.
 */
export function bodyParserErrors(
  err: unknown,
  _req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
): void {
  const e = (err ?? {}) as BodyParserError;
  switch (e.type) {
    case 'entity.too.large':
      return next(
        PLATFORM_ERRORS['REQUEST.TOO_LARGE'](
          { limit: JSON_BODY_LIMIT.toUpperCase().replace('MB', ' MB') },
          { details: [{ path: 'body', message: `the JSON body may hold at most ${JSON_BODY_LIMIT}` }] },
        ),
      );
    case 'entity.parse.failed': {
      const first = String(e.body ?? '').trimStart()[0];
      if (first !== undefined && first !== '{' && first !== '[')
        return next(
          PLATFORM_ERRORS['REQUEST.NOT_AN_OBJECT']({
            details: [{ path: 'body', message: 'a JSON object `{ … }` is expected, not a string, number or null' }],
          }),
        );
      return next(
        PLATFORM_ERRORS['REQUEST.MALFORMED_JSON']({
          details: [{ path: 'body', message: e.message ?? 'not valid JSON' }],
        }),
      );
    }
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return next(
        PLATFORM_ERRORS['REQUEST.UNSUPPORTED_MEDIA_TYPE'](
          { type: `${e.charset ?? e.encoding ?? 'unknown'}` },
          { details: [{ path: 'Content-Type', message: 'send UTF-8 JSON, without a content encoding' }] },
        ),
      );
    default:
      return next(err);
  }
}

/** After the JSON parser: a JSON body must be an object, nested at most MAX_BODY_DEPTH deep, with storable text. */
export function jsonBodyGuard(req: express.Request, _res: express.Response, next: express.NextFunction): void {
  if (!isApiWrite(req) || !JSON_TYPE.test(mediaType(req)) || req.body === undefined) return next();
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))
    return next(
      PLATFORM_ERRORS['REQUEST.NOT_AN_OBJECT']({
        details: [{ path: 'body', message: 'a JSON object `{ … }` is expected, not an array' }],
      }),
    );
  const fault = inspectBody(req.body);
  next(fault ? bodyFaultError(fault) : undefined);
}

/**
 * The same check for bodies the JSON parser never saw: multipart fields, parsed by an interceptor after the
 * middleware (objection evidence). Runs before the ValidationPipe.
 */
@Injectable()
export class BodyGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    const fault = inspectBody(value);
    if (fault) throw bodyFaultError(fault);
    return value;
  }
}
