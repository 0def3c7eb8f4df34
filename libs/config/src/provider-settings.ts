/** Per-platform settings, read from <PROVIDER>_* variables (e.g. STRAVA_CLIENT_ID). Unset fields stay undefined. */
export interface ProviderSettings {
  /** OAuth client id / consumer key (Garmin checks it against the garmin-client-id header). */
  clientId?: string;
  /** OAuth client secret; also the HMAC key for Fitbit, Oura and WHOOP webhooks. */
  clientSecret?: string;
  /** Webhook signing secret where it is not the client secret (Polar, Terra, Junction). */
  webhookSecret?: string;
  /** Strava hub.verify_token, Oura verification_token, Fitbit subscriber verification code. */
  verifyToken?: string;
  /** A long random path segment for platforms that do not sign (/webhooks/strava/<token>). */
  pathToken?: string;
  /** Strava push subscription id that deliveries must carry. */
  subscriptionId?: string;
  /** REST API base URL; each adapter has the real one as default. */
  apiUrl?: string;
  /** OAuth authorize and token endpoints; each adapter has the real ones as defaults. */
  authUrl?: string;
  tokenUrl?: string;
}

const FIELDS: Record<keyof ProviderSettings, string> = {
  clientId: 'CLIENT_ID',
  clientSecret: 'CLIENT_SECRET',
  webhookSecret: 'WEBHOOK_SECRET',
  verifyToken: 'VERIFY_TOKEN',
  pathToken: 'PATH_TOKEN',
  subscriptionId: 'SUBSCRIPTION_ID',
  apiUrl: 'API_URL',
  authUrl: 'AUTH_URL',
  tokenUrl: 'TOKEN_URL',
};

export const PROVIDER_ENV_PREFIXES = ['STRAVA', 'GARMIN', 'FITBIT', 'POLAR', 'OURA', 'WHOOP', 'WITHINGS', 'TERRA', 'JUNCTION'] as const;

export function readProviderSettings(env: NodeJS.ProcessEnv): { settings: Record<string, ProviderSettings>; errors: string[] } {
  const settings: Record<string, ProviderSettings> = {};
  const errors: string[] = [];
  for (const prefix of PROVIDER_ENV_PREFIXES) {
    const s: ProviderSettings = {};
    for (const [field, suffix] of Object.entries(FIELDS) as [keyof ProviderSettings, string][]) {
      const value = env[`${prefix}_${suffix}`];
      if (value === undefined || value === '') continue;
      if (field.endsWith('Url') && !/^https?:\/\/[^\s]+$/.test(value)) errors.push(`${prefix}_${suffix} must be an http(s) URL`);
      if (field === 'pathToken' && value.length < 24) errors.push(`${prefix}_PATH_TOKEN must be at least 24 characters (it is the only secret of an unsigned webhook)`);
      s[field] = value;
    }
    settings[prefix.toLowerCase()] = s;
  }
  return { settings, errors };
}
