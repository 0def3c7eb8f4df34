/** What an adapter may ask of a platform's REST API; the implementation adds auth, refresh and rate limits. */
export interface ProviderApi {
  /** GET a JSON resource: `path` is relative to the API base URL, or an absolute URL the platform handed us. */
  getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  /** GET raw bytes (FIT files). */
  getBytes(path: string, query?: Record<string, string | number | undefined>): Promise<Buffer>;
}

/** The API as connect/disconnect hooks see it: reads plus writes (registration, revocation). */
export interface ProviderWriteApi extends ProviderApi {
  /**
   * Any other call: a JSON or form body, the parsed JSON answer or null for an empty one. Errors as for GET.
   */
  send(method: 'POST' | 'PUT' | 'DELETE', path: string, options?: { json?: unknown; form?: Record<string, string>; query?: Record<string, string | number | undefined> }): Promise<unknown>;
}

/** The platform said "too many requests": retry no earlier than `retryAfterMs` from now. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly provider: string,
    readonly retryAfterMs: number,
  ) {
    super(`${provider} rate limit reached; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/** The platform answered with an error that retrying will not fix (or that it took several retries to see). */
export class ProviderHttpError extends Error {
  override readonly name = 'ProviderHttpError';
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly url: string,
    body: string,
  ) {
    super(`${provider} answered ${status} for ${url.replace(/([?&](token|access_token)=)[^&]+/gi, '$1***')}: ${body.slice(0, 200)}`);
  }
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number, fallbackMs = 60_000): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : fallbackMs;
}
