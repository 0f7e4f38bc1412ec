/**
 * The one HTTP client of the web front end: a fetch wrapper that sends the bearer token, refreshes it
 * once on a 401, and turns error bodies into ApiError.
 */
import type { I18nText } from './i18n';

export interface ErrorDetail {
  path: string;
  message: string | I18nText;
}

export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly text: string | I18nText;
  readonly details: ErrorDetail[];
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    // the API's error body: { error, message: string | { zh, en } | string[], details? } (anything else: HTTP nnn)
    const b = (body && typeof body === 'object' ? body : {}) as {
      error?: unknown;
      message?: unknown;
      details?: unknown;
    };
    const message = b.message;
    const text: string | I18nText =
      typeof message === 'string' || (message && typeof message === 'object' && !Array.isArray(message))
        ? (message as string | I18nText)
        : Array.isArray(message)
          ? message.join('; ')
          : `HTTP ${status}`;
    super(typeof text === 'string' ? text : text.zh);
    this.status = status;
    this.error = typeof b.error === 'string' ? b.error : '';
    this.text = text;
    this.details = Array.isArray(b.details) ? (b.details as ErrorDetail[]) : [];
    this.body = body;
  }
}

// ------------------------------------------------------------------ tokens
const ACCESS = 'portal.accessToken';
const REFRESH = 'portal.refreshToken';
const EXPIRES = 'portal.expiresAt';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number; // seconds
}

export const tokens = {
  access(): string | null {
    return localStorage.getItem(ACCESS);
  },
  refresh(): string | null {
    return localStorage.getItem(REFRESH);
  },
  expiresAt(): number {
    return Number(localStorage.getItem(EXPIRES) ?? 0);
  },
  set(pair: TokenPair) {
    localStorage.setItem(ACCESS, pair.accessToken);
    localStorage.setItem(REFRESH, pair.refreshToken);
    localStorage.setItem(EXPIRES, String(Date.now() + (pair.expiresIn ?? 900) * 1000));
  },
  clear() {
    localStorage.removeItem(ACCESS);
    localStorage.removeItem(REFRESH);
    localStorage.removeItem(EXPIRES);
  },
};

/** Called when the session is over (refresh failed): the app sends the user to /login. */
let onSessionLost: () => void = () => {
  if (!location.pathname.startsWith('/login')) location.assign('/login');
};
export function setSessionLostHandler(fn: () => void) {
  onSessionLost = fn;
}

let refreshing: Promise<boolean> | null = null;

/** Exchange the refresh token for a new pair; concurrent callers share one request. */
export function refreshTokens(): Promise<boolean> {
  if (refreshing) return refreshing;
  const rt = tokens.refresh();
  if (!rt) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: rt }),
      });
      if (!res.ok) {
        tokens.clear();
        return false;
      }
      tokens.set((await res.json()) as TokenPair);
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

/** A token that is good for at least the next 30 s (used before long uploads and signed links). */
export async function freshAccessToken(): Promise<string | null> {
  if (tokens.access() && tokens.expiresAt() - Date.now() < 30_000) await refreshTokens();
  return tokens.access();
}

const NETWORK_ERROR = { message: { zh: '网络连接失败，请稍后重试', en: 'Network error, please try again' } };

async function fetchOrNetworkError(req: Request | string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(req, init);
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR);
  }
}

/**
 * The `fetch` of the typed client (api.ts, openapi-fetch): sends the bearer token, refreshes it once on a 401 and
 * retries, and ends the session when the refresh fails.
 */
export async function authorizedFetch(input: Request): Promise<Response> {
  // the body is read once and sent as bytes (a Request's own body is a stream: it could not be sent twice, and a
  // streamed upload hides the body from the browser's tools)
  const body = input.body ? await input.arrayBuffer() : undefined;
  const attempt = () => {
    const headers = new Headers(input.headers);
    const token = tokens.access();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetchOrNetworkError(input.url, { method: input.method, headers, body, signal: input.signal });
  };
  let res = await attempt();
  if (res.status === 401 && tokens.refresh()) {
    if (await refreshTokens()) res = await attempt();
    if (res.status === 401) {
      tokens.clear();
      onSessionLost();
    }
  } else if (res.status === 401 && tokens.access()) {
    tokens.clear();
    onSessionLost();
  }
  return res;
}

/** The `fetch` for public and auth endpoints: no token, no refresh. */
export async function anonymousFetch(input: Request): Promise<Response> {
  const body = input.body ? await input.arrayBuffer() : undefined;
  return fetchOrNetworkError(input.url, { method: input.method, headers: input.headers, body, signal: input.signal });
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  /** Return the raw Response (downloads). */
  raw?: boolean;
  /** Do not send the token nor try to refresh (public and auth endpoints). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

async function send(method: string, url: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const token = opts.anonymous ? null : tokens.access();
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(url, { method, headers, body, signal: opts.signal });
}

async function parseBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return res.json().catch(() => undefined);
  const text = await res.text().catch(() => '');
  return text ? { message: text } : undefined;
}

export async function request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const url = withQuery(path, opts.query);
  let res: Response;
  try {
    res = await send(method, url, opts);
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR);
  }
  if (res.status === 401 && !opts.anonymous && tokens.refresh()) {
    if (await refreshTokens()) res = await send(method, url, opts);
    if (res.status === 401) {
      tokens.clear();
      onSessionLost();
    }
  } else if (res.status === 401 && !opts.anonymous && tokens.access()) {
    tokens.clear();
    onSessionLost();
  }
  if (opts.raw && res.ok) return res as unknown as T;
  const data = await parseBody(res);
  if (!res.ok) throw new ApiError(res.status, data ?? {});
  return data as T;
}

/** Download a protected file with the bearer token and hand it to the browser as a file. */
export async function downloadFile(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await request<Response>('GET', path, { query, raw: true });
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  // RFC 6266: the UTF-8 name (filename*) wins over the ASCII fallback (filename), whichever comes first
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const ascii = /filename="?([^";]+)"?/i.exec(cd);
  const name = utf8 ? decodeURIComponent(utf8[1]) : ascii ? ascii[1] : fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Multipart upload with progress (fetch cannot report upload progress, so XMLHttpRequest).
 * Refreshes the token once on a 401.
 */
export function uploadMultipart<T = unknown>(
  path: string,
  form: FormData,
  onProgress?: (sent: number, total: number) => void,
): { promise: Promise<T>; abort(): void } {
  let xhr: XMLHttpRequest | null = null;
  let aborted = false;
  const attempt = (retry: boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Accept', 'application/json');
      const tk = tokens.access();
      if (tk) xhr.setRequestHeader('Authorization', `Bearer ${tk}`);
      xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
      xhr.onerror = () => reject(new ApiError(0, { message: { zh: '网络连接失败', en: 'Network error' } }));
      xhr.onabort = () => reject(new ApiError(0, { message: { zh: '已取消', en: 'Cancelled' } }));
      xhr.onload = () => {
        const x = xhr!;
        let data: unknown;
        try {
          data = x.responseText ? JSON.parse(x.responseText) : undefined;
        } catch {
          data = { message: x.responseText };
        }
        if (x.status === 401 && retry && !aborted) {
          refreshTokens().then((ok) =>
            ok ? attempt(false).then(resolve, reject) : reject(new ApiError(401, data ?? {})),
          );
          return;
        }
        if (x.status >= 200 && x.status < 300) resolve(data as T);
        else reject(new ApiError(x.status, data ?? {}));
      };
      xhr.send(form);
    });
  return {
    promise: attempt(true),
    abort() {
      aborted = true;
      (xhr as XMLHttpRequest | null)?.abort();
    },
  };
}
