import type { ProviderSettings } from '@app/config';
import type { OAuthSpec } from '../providers/provider.types';
import { ProviderHttpError } from '../providers/provider-api';

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string[];
  raw: Record<string, unknown>;
}

/** Calls an OAuth 2 token endpoint (authorization_code or refresh_token grant) and reads the answer. */
export async function requestToken(
  provider: string,
  spec: OAuthSpec,
  settings: ProviderSettings,
  grant: Record<string, string>,
  now: Date,
): Promise<TokenSet> {
  const body = new URLSearchParams({ ...grant, ...spec.extraTokenParams });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (spec.clientAuth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${settings.clientId ?? ''}:${settings.clientSecret ?? ''}`).toString('base64')}`;
  } else {
    body.set('client_id', settings.clientId ?? '');
    body.set('client_secret', settings.clientSecret ?? '');
  }
  const url = spec.tokenUrl(settings);
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (!res.ok) throw new ProviderHttpError(provider, res.status, url, text.replace(/"(access|refresh)_token"\s*:\s*"[^"]+"/g, '"$1_token":"***"'));
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const json = spec.readTokenResponse ? spec.readTokenResponse(parsed) : parsed;
  if (typeof json.access_token !== 'string') throw new ProviderHttpError(provider, res.status, url, 'token response without access_token');
  const expiresAt =
    typeof json.expires_at === 'number'
      ? new Date(json.expires_at * 1000)
      : typeof json.expires_in === 'number'
        ? new Date(now.getTime() + json.expires_in * 1000)
        : null;
  const scope = typeof json.scope === 'string' ? json.scope : '';
  return {
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : null,
    expiresAt,
    scopes: scope.split(/[\s,]+/).filter(Boolean),
    raw: json,
  };
}
