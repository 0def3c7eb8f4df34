import type { ProviderSettings } from '@app/config';
import type { RecoveryInput, SessionInput } from '@app/training-load';
import type { ProviderApi, ProviderWriteApi } from './provider-api';

export const PROVIDER_IDS = ['strava', 'garmin', 'fitbit', 'polar', 'oura', 'whoop', 'withings', 'terra', 'junction'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** An HTTP request to /webhooks/<provider>[/<token>], as the adapter sees it (raw bytes, lower-case headers). */
export interface InboundRequest {
  method: string;
  pathToken: string | undefined;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** What to answer a platform's subscription handshake (Strava hub.challenge, Fitbit verify, Polar PING …). */
export interface HandshakeReply {
  status: number;
  body?: unknown;
}

/** One event of a delivery, stored as a raw event under (provider, dedupeKey). A delivery may carry several. */
export interface DeliveryEvent {
  dedupeKey: string;
  providerUserId: string;
  eventType: string;
  /** The part of the delivery this event is about (stored as JSON and handed back to `process`). */
  payload: unknown;
}

/** A session as an adapter hands it over (the store adds the provider and a default version stamp). */
export type NormalizedSession = Omit<SessionInput, 'provider' | 'sourceUpdatedAt'> & {
  /** The platform's own version stamp; older versions never overwrite newer ones. */
  sourceUpdatedAt?: Date;
};

/** A day's recovery markers as an adapter hands them over (the store adds the source). */
export type NormalizedRecovery = Omit<RecoveryInput, 'source'>;

export type ProviderChange =
  | { kind: 'session.upsert'; session: NormalizedSession }
  | { kind: 'session.delete'; externalId: string; at?: Date }
  /**
   * For platforms that only say "something changed on this day" (Fitbit): after re-fetching the day, every
   * session of this platform on that local day that is not in `keepExternalIds` was deleted on the platform.
   */
  | { kind: 'sessions.replace-day'; date: string; keepExternalIds: string[]; at?: Date }
  | { kind: 'recovery.upsert'; recovery: NormalizedRecovery }
  /** Only after the platform's API confirmed the athlete revoked access. */
  | { kind: 'deauthorized' };

export interface ProcessContext {
  settings: ProviderSettings;
  /** Authorized, rate-limited access to the platform's REST API for this athlete's connection. */
  api: ProviderApi;
  providerUserId: string;
}

/** What a post-connect hook may need beyond the API (e.g. to subscribe our webhook URL for the user). */
export interface ConnectContext {
  settings: ProviderSettings;
  /** Where this platform's webhooks reach us (with the secret path token when one is configured). */
  webhookUrl: string;
}

export interface OAuthSpec {
  authorizeUrl: (settings: ProviderSettings) => string;
  tokenUrl: (settings: ProviderSettings) => string;
  scopes: string[];
  pkce: boolean;
  /** How the client authenticates at the token endpoint. */
  clientAuth: 'body' | 'basic';
  scopeSeparator?: string;
  /** Extra authorize-URL parameters the platform wants (e.g. Strava approval_prompt). */
  extraAuthorizeParams?: Record<string, string>;
  /** Extra form fields of every token request (Withings: action=requesttoken). */
  extraTokenParams?: Record<string, string>;
  /** Unwraps a token answer that is not a plain OAuth 2 JSON object (Withings: `{ status, body }`). */
  readTokenResponse?: (json: Record<string, unknown>) => Record<string, unknown>;
  /** The provider user id in the token response, or null when it must be fetched (see `fetchUserId`). */
  userIdFromToken: (token: Record<string, unknown>) => string | null;
  fetchUserId?: (api: ProviderApi) => Promise<string>;
  /** Called once the tokens are stored (e.g. Polar's user registration); a failure fails the connect. */
  afterConnect?: (api: ProviderWriteApi, providerUserId: string, context: ConnectContext) => Promise<void>;
  /** RFC 7009 style revocation endpoint (POST token=…); for anything else use `revoke`. */
  revokeUrl?: (settings: ProviderSettings) => string;
  /** Tells the platform the athlete disconnected (best effort; errors are logged, the disconnect goes on). */
  revoke?: (api: ProviderWriteApi, settings: ProviderSettings, providerUserId: string) => Promise<void>;
}

/**
 * One wearable platform: how its webhooks are answered, authenticated and split into events, and how an
 * event becomes sessions and recovery rows. Adding a provider is one folder with one of these.
 */
export interface ProviderAdapter {
  readonly id: ProviderId;
  /** Where its REST API lives by default (overridable with <PROVIDER>_API_URL). */
  readonly defaultApiUrl: string;
  /** Answers a handshake request, or returns null when the request is a delivery. */
  handshake(req: InboundRequest, settings: ProviderSettings): HandshakeReply | null;
  /** Throws a coded DomainError when the request is not from the platform. */
  verify(req: InboundRequest, settings: ProviderSettings, now: Date): void;
  /** Splits a verified delivery into events; throws a coded DomainError on a malformed body. */
  parseDelivery(req: InboundRequest): DeliveryEvent[];
  /** The HTTP status the platform expects for an accepted delivery (e.g. Fitbit 204). */
  readonly ackStatus: number;
  /** Worker: one stored event → changes, fetching details through `ctx.api` when the webhook carries only ids. */
  process(event: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]>;
  readonly oauth?: OAuthSpec;
  /** Worker: history since `since` (YYYY-MM-DD) for a new connection, page by page. */
  backfill?(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]>;
}
