/** What a stored Terra event carries to the worker: one data item, or a lifecycle event of one Terra user. */
export type TerraEventPayload =
  | {
      kind: 'activity';
      /** The wearable behind the Terra user (namespaces the summary id). */
      provider: string;
      /** When Terra signed the delivery (terra-signature `t`): the version stamp, Terra objects carry none. */
      sentAt: string;
      item: unknown;
    }
  | { kind: 'sleep'; item: unknown }
  | { kind: 'daily'; item: unknown }
  | { kind: 'deauth' | 'access_revoked' }
  | { kind: 'connection_error'; message: string | null }
  | { kind: 'user_reauth'; newUserId: string | null };

/** Event types that carry data this adapter maps (webhooks.md §9c). */
export const TERRA_DATA_TYPES = ['activity', 'sleep', 'daily'] as const;

/**
 * Event types that are acknowledged and dropped: data this adapter does not map, Terra's own bookkeeping, and
 * `auth` (linking happens through POST /api/athletes/:id/connections/terra/link).
 */
export const TERRA_IGNORED_TYPES = [
  'auth',
  'body',
  'nutrition',
  'menstruation',
  'athlete',
  'healthcheck',
  'processing',
  'large_request_processing',
  'large_request_sending',
  'rate_limit_hit',
  'google_no_datasource',
  's3_upload',
] as const;
