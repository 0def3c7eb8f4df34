import { isRecord } from '../inbound-json';
import { ProviderHttpError, RateLimitedError, retryAfterMs } from '../provider-api';

/** The data types whose history a new Terra link asks for (the ones this adapter maps). */
export const TERRA_HISTORY_TYPES = ['activity', 'sleep', 'daily'] as const;
export type TerraHistoryType = (typeof TERRA_HISTORY_TYPES)[number];

export interface TerraRestConfig {
  /** e.g. https://api.tryterra.co/v2 */
  baseUrl: string;
  /** TERRA_CLIENT_ID */
  devId: string;
  /** TERRA_CLIENT_SECRET */
  apiKey: string;
  timeoutMs?: number;
}

/**
 * Asks Terra to send a user's history of one data type to our webhook (`GET /v2/<type>?user_id=&start_date=
 * &to_webhook=true`, webhooks.md §9d). Terra answers at once and delivers the data later as ordinary signed
 * `<type>` events sharing the returned `reference` (the `terra-reference` header).
 *
 * Terra authenticates with the `dev-id` and `x-api-key` headers, which the shared ProviderApi (bearer tokens
 * only) cannot send; hence this one direct call (no shared rate budget, which three calls per link do not need).
 */
export async function requestTerraHistory(config: TerraRestConfig, type: TerraHistoryType, userId: string, startDate: string): Promise<{ reference: string | null }> {
  const url = new URL(`${config.baseUrl.replace(/\/$/, '')}/${type}`);
  url.searchParams.set('user_id', userId);
  url.searchParams.set('start_date', startDate);
  url.searchParams.set('to_webhook', 'true');
  url.searchParams.set('with_samples', 'false');
  const res = await fetch(url, {
    headers: { 'dev-id': config.devId, 'x-api-key': config.apiKey, accept: 'application/json' },
    signal: AbortSignal.timeout(config.timeoutMs ?? 20_000),
  });
  const text = await res.text();
  if (res.status === 429) throw new RateLimitedError('terra', retryAfterMs(res.headers.get('retry-after'), Date.now()));
  if (!res.ok) throw new ProviderHttpError('terra', res.status, url.toString(), text);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // The request was accepted; the answer's wording does not matter.
  }
  return { reference: isRecord(body) && typeof body.reference === 'string' ? body.reference : null };
}
