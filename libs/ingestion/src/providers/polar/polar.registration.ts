import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderHttpError, ProviderWriteApi } from '../provider-api';

/**
 * AccessLink only shares a user's data with a partner after `POST /v3/users` registered that user, and only
 * exercises uploaded after the registration (webhooks.md §5a). It runs as the OAuth `afterConnect` hook.
 */

export const POLAR_API_URL = 'https://www.polaraccesslink.com/v3';

/** The REST base the adapter talks to (POLAR_API_URL or the real one), without a trailing slash. */
export function polarApiBase(settings: ProviderSettings): string {
  return (settings.apiUrl ?? POLAR_API_URL).replace(/\/$/, '');
}

/** `x_user_id` of a token response, when it is a Polar user id. */
export function polarUserIdOf(token: Record<string, unknown>): string | null {
  const id = token.x_user_id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^\d{1,20}$/.test(id)) return id;
  return null;
}

/** POST /v3/users. 200 = registered now, 409 = registered before (a re-connect); anything else fails the connect. */
export async function registerPolarUser(api: ProviderWriteApi, userId: string): Promise<void> {
  try {
    await api.send('POST', 'users', { json: { 'member-id': `loadwatch-${userId}` } });
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 409) return;
    const why = error instanceof ProviderHttpError ? `HTTP ${error.status}` : 'unreachable';
    throw new DomainError(ErrorCode.ServiceUnavailable, `Polar AccessLink did not register the user (${why}); connect again later`);
  }
}
