import { randomUUID } from 'node:crypto';
import { signStandardWebhook } from '@app/ingestion';

export interface SignOptions {
  id?: string;
  timestamp?: number;
  secret?: string;
}

/** Headers for a Standard Webhooks delivery of `body`, signed with `secret`. */
export function standardWebhookHeaders(secret: string, body: string, options: SignOptions = {}): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signStandardWebhook(options.secret ?? secret, id, timestamp, body),
  };
}
