/** Text shown to people: both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface ErrorDetail {
  path: string;
  message: string | Bilingual;
}

/**
 * What went wrong, in business terms. The one filter maps the kind to an HTTP status;
 * business code never throws HTTP exceptions.
 */
export type DomainErrorKind =
  | 'invalid' // 400 malformed input
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not-found' // 404 (also: not yours)
  | 'conflict' // 409 state, version, window, duplicate
  | 'too-large' // 413
  | 'unsupported-type' // 415
  | 'unprocessable' // 422 breaks a rule
  | 'rate-limited' // 429
  | 'unavailable'; // 503 a dependency (database, Redis) is down or too slow: try again later

export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-type': 415,
  unprocessable: 422,
  'rate-limited': 429,
  unavailable: 503,
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable code, e.g. APPLICATION.WINDOW_CLOSED */
    readonly code: string,
    readonly text: Bilingual,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'DomainError';
  }

  get status(): number {
    return STATUS_OF_KIND[this.kind];
  }
}
