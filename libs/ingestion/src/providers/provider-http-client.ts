import { Logger } from '@nestjs/common';
import { ProviderHttpError, ProviderWriteApi, RateLimitedError, retryAfterMs } from './provider-api';
import { RateBudget } from './rate-budget';

export interface ProviderHttpClientOptions {
  provider: string;
  baseUrl: string;
  /** The current access token (refreshed by the caller when close to expiry). */
  accessToken: () => Promise<string>;
  /** Called after a 401 with the token that was refused; returns a new one. */
  refreshAccessToken: (refused: string) => Promise<string>;
  budget: RateBudget;
  now?: () => number;
  /** A short Retry-After is waited out in place; a longer one is handed to the queue (RateLimitedError). */
  maxInlineWaitMs?: number;
  timeoutMs?: number;
}

/**
 * REST access to one platform for one connection: bearer auth, one refresh-and-retry on 401, 429 handling with
 * Retry-After, the platform's published budgets (RateBudget), and a retry on 5xx / network errors.
 */
export class ProviderHttpClient implements ProviderWriteApi {
  private readonly logger = new Logger(ProviderHttpClient.name);
  private readonly now: () => number;

  constructor(private readonly options: ProviderHttpClientOptions) {
    this.now = options.now ?? Date.now;
  }

  async getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    const res = await this.request(path, query, 'application/json');
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ProviderHttpError(this.options.provider, res.status, path, `not JSON: ${text.slice(0, 80)}`);
    }
  }

  async getBytes(path: string, query?: Record<string, string | number | undefined>): Promise<Buffer> {
    const res = await this.request(path, query, '*/*');
    return Buffer.from(await res.arrayBuffer());
  }

  async send(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { json?: unknown; form?: Record<string, string>; query?: Record<string, string | number | undefined> } = {},
  ): Promise<unknown> {
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.form ? new URLSearchParams(options.form).toString() : undefined;
    const contentType = options.json !== undefined ? 'application/json' : options.form ? 'application/x-www-form-urlencoded' : undefined;
    const res = await this.request(path, options.query, 'application/json', { method, body, contentType });
    const text = await res.text();
    if (!text) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  private url(path: string, query?: Record<string, string | number | undefined>): string {
    const url = new URL(/^https?:\/\//.test(path) ? path : `${this.options.baseUrl}/${path.replace(/^\//, '')}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private async request(
    path: string,
    query: Record<string, string | number | undefined> | undefined,
    accept: string,
    write: { method: string; body?: string; contentType?: string } = { method: 'GET' },
  ): Promise<Response> {
    const url = this.url(path, query);
    const { provider, budget } = this.options;
    let token = await this.options.accessToken();
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      budget.assertAvailable(this.now());
      let res: Response;
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept };
        if (write.contentType) headers['content-type'] = write.contentType;
        res = await fetch(url, { method: write.method, headers, body: write.body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000) });
      } catch (error) {
        if (attempt < 3) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        throw error;
      }
      budget.observe(res.headers, this.now());
      if (res.ok) return res;
      const body = await res.text();
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        token = await this.options.refreshAccessToken(token);
        continue;
      }
      if (res.status === 429) {
        const wait = retryAfterMs(res.headers.get('retry-after'), this.now());
        budget.blockFor(wait, this.now());
        if (wait <= (this.options.maxInlineWaitMs ?? 5_000) && attempt < 4) {
          this.logger.warn(`${provider} 429: waiting ${wait} ms`);
          await sleep(wait);
          continue;
        }
        throw new RateLimitedError(provider, wait);
      }
      if (res.status >= 500 && attempt < 3) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      throw new ProviderHttpError(provider, res.status, url, body);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
