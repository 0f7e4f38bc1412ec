import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'http';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorDetail } from './domain-error';
import { PLATFORM_ERRORS } from './platform-errors';
import { unavailablePart } from './unavailable-error';

/** Seconds a client is asked to wait after a 503 (PLATFORM.UNAVAILABLE) before trying again. */
export const RETRY_AFTER_SECONDS = 5;

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | { zh: string; en: string };
  code?: string;
  details: ErrorDetail[];
  correlationId?: string;
}

/**
 * The one place where errors become HTTP answers (API.md's error shape).
 * A 500 shows only a correlation id; the log has the rest.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse();
    const req = ctx.getRequest();
    const correlationId: string | undefined = req?.id ?? req?.headers?.['x-request-id'];
    const part = exception instanceof DomainError ? null : unavailablePart(exception);
    if (part) {
      // an outage, not a fault: 503 with Retry-After, one short log line (no stack per request)
      this.logger.warn(
        { part, err: String((exception as Error)?.message ?? exception), correlationId, path: req?.url },
        `${part} unavailable`,
      );
      exception = PLATFORM_ERRORS['PLATFORM.UNAVAILABLE']({ headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
    }
    const body = this.toBody(exception, correlationId);
    if (body.statusCode >= 500 && !part) {
      this.logger.error({ err: exception, correlationId, path: req?.url }, 'unhandled error');
    }
    if (exception instanceof DomainError) {
      for (const [k, v] of Object.entries(exception.headers)) res.setHeader(k, v);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, correlationId?: string): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        error: STATUS_CODES[exception.status] ?? 'Error',
        message: exception.text,
        code: exception.code,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse() as
        string | { message?: ErrorBody['message'] | string[]; details?: unknown; code?: string };
      let message: ErrorBody['message'] | string[] =
        typeof response === 'string' ? response : (response?.message ?? exception.message);
      let details: ErrorDetail[] = [];
      if (typeof response !== 'string' && Array.isArray(response?.details)) details = response.details as ErrorDetail[];
      if (Array.isArray(message)) {
        details = message.map((m: string) => ({ path: String(m).split(' ')[0], message: m }));
        message = { zh: '请求内容有误', en: 'The request is not valid' };
      }
      const code = typeof response === 'string' ? undefined : response?.code;
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, code, details };
    }
    // Body parser errors (malformed JSON, too large) carry a status of their own.
    const anyErr = exception as { status?: unknown; statusCode?: unknown } | null;
    const status =
      typeof anyErr?.status === 'number'
        ? anyErr.status
        : typeof anyErr?.statusCode === 'number'
          ? anyErr.statusCode
          : undefined;
    if (status && status >= 400 && status < 500) {
      const message =
        status === 413
          ? { zh: '请求内容过大', en: 'Request body too large' }
          : { zh: '请求格式有误', en: 'Malformed request' };
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, details: [] };
    }
    if (exception instanceof QueryFailedError && (exception as QueryFailedError & { code?: string }).code === '22P02') {
      // invalid text representation (e.g. a malformed uuid slipped through)
      return { statusCode: 404, error: 'Not Found', message: { zh: '记录不存在', en: 'Not found' }, details: [] };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: {
        zh: `服务器内部错误（编号 ${correlationId ?? '-'}）`,
        en: `Internal error (reference ${correlationId ?? '-'})`,
      },
      details: [],
      correlationId,
    };
  }
}
