import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';

/**
 * AccessLink only shares a user's data with a partner after `POST /v3/users` registered that user, and only
 * exercises uploaded after the registration (webhooks.md §5a). The provider framework has no post-connect hook
 * and its ProviderApi can only GET, so the registration rides on the two OAuth callbacks it does have:
 *
 *   OAuthService.callback:  userIdFromToken(token) ?? await fetchUserId(api)
 *
 * `userIdFromToken` stashes the token response and answers null, which makes the framework call `fetchUserId`
 * immediately: nothing runs between the two calls (no await), so the stash read at the top of `fetchUserId`
 * is always the token of the same callback, even with many callbacks in flight. `fetchUserId` then registers the
 * user with a plain POST and returns `x_user_id`. See the report for the framework gap this works around.
 */

export const POLAR_API_URL = 'https://www.polaraccesslink.com/v3';

let pending: { accessToken: string; userId: string } | null = null;
let lastSettings: ProviderSettings = {};

/** The REST base the adapter talks to (POLAR_API_URL or the real one), without a trailing slash. */
export function polarApiBase(settings: ProviderSettings): string {
  return (settings.apiUrl ?? POLAR_API_URL).replace(/\/$/, '');
}

/** Called from `oauth.tokenUrl`, which the framework calls before every token request: the settings to use. */
export function rememberPolarSettings(settings: ProviderSettings): void {
  lastSettings = settings;
}

/** `x_user_id` of a token response, when it is a Polar user id. */
export function polarUserIdOf(token: Record<string, unknown>): string | null {
  const id = token.x_user_id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^\d{1,20}$/.test(id)) return id;
  return null;
}

/** `oauth.userIdFromToken`: keeps the token for the registration and always answers null (see above). */
export function stashForRegistration(token: Record<string, unknown>): null {
  const userId = polarUserIdOf(token);
  pending = userId && typeof token.access_token === 'string' ? { accessToken: token.access_token, userId } : null;
  return null;
}

/** `oauth.fetchUserId`: registers the user whose token was just stashed and returns their Polar user id. */
export async function registerStashedUser(fetchImpl: typeof fetch = fetch): Promise<string> {
  const stashed = pending; // read before any await: this is the token of the callback that called us
  pending = null;
  if (!stashed) throw new DomainError(ErrorCode.ServiceUnavailable, 'Polar answered the token request without x_user_id; connect again later');
  await registerPolarUser(polarApiBase(lastSettings), stashed.accessToken, stashed.userId, fetchImpl);
  return stashed.userId;
}

/** POST /v3/users. 200 = registered now, 409 = registered before (a re-connect); anything else fails the connect. */
export async function registerPolarUser(apiBase: string, accessToken: string, userId: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  let res: Response;
  try {
    res = await fetchImpl(`${apiBase}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ 'member-id': `loadwatch-${userId}` }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new DomainError(ErrorCode.ServiceUnavailable, 'Polar AccessLink is unreachable; connect again later');
  }
  await res.text().catch(() => '');
  if (res.ok || res.status === 409) return;
  throw new DomainError(ErrorCode.ServiceUnavailable, `Polar AccessLink refused to register the user (HTTP ${res.status}); connect again later`);
}
