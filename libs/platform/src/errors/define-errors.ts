import { DomainError, DomainErrorKind, ErrorDetail } from './domain-error';

/** A message in one language: fixed, or built from the error's parameters. */
export type ErrorText<P> = string | ((params: P) => string);

/** One error code's definition: its kind (→ HTTP status) and its text in both languages. */
export interface ErrorSpec<P = void> {
  kind: DomainErrorKind;
  zh: ErrorText<P>;
  en: ErrorText<P>;
}

export interface ErrorOptions {
  details?: ErrorDetail[];
  headers?: Record<string, string>;
}

type ParamsOf<S> = S extends { zh: (p: infer P) => string } ? P : S extends { en: (p: infer P) => string } ? P : void;

/** Throws nothing itself: `throw Errors.X()` or `throw Errors.X({ quota: 2 }, { details })`. */
export type ErrorFactory<P> = ([P] extends [void]
  ? (opts?: ErrorOptions) => DomainError
  : (params: P, opts?: ErrorOptions) => DomainError) & {
  readonly code: string;
  readonly kind: DomainErrorKind;
  /** True when `err` is a DomainError carrying this code. */
  is(err: unknown): err is DomainError;
};

export type ErrorCatalogue<T> = { readonly [K in keyof T]: ErrorFactory<ParamsOf<T[K]>> };

/**
 * A lib's error codes, each defined once: the key is the stable code API.md and the web rely on
 * (`APPLICATION.WINDOW_CLOSED`), the value its kind and bilingual text. Business code throws
 * `APPLICATION_ERRORS['APPLICATION.WINDOW_CLOSED']()` and never spells a code or its text again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec's own parameter type is inferred per code (ParamsOf)
export function defineErrors<T extends Record<string, ErrorSpec<any>>>(specs: T): ErrorCatalogue<T> {
  const out: Record<string, unknown> = {};
  for (const [code, spec] of Object.entries(specs)) {
    const text = (t: ErrorText<unknown>, p: unknown): string => (typeof t === 'function' ? t(p) : t);
    const hasParams = typeof spec.zh === 'function' || typeof spec.en === 'function';
    const make = (a?: unknown, b?: ErrorOptions): DomainError => {
      const params = hasParams ? a : undefined;
      const opts = (hasParams ? b : (a as ErrorOptions | undefined)) ?? {};
      return new DomainError(
        spec.kind,
        code,
        { zh: text(spec.zh, params), en: text(spec.en, params) },
        opts.details ?? [],
        opts.headers ?? {},
      );
    };
    out[code] = Object.assign(make, {
      code,
      kind: spec.kind,
      is: (err: unknown): err is DomainError => err instanceof DomainError && err.code === code,
    });
  }
  return out as ErrorCatalogue<T>;
}
