import { randomUUID } from 'node:crypto';
import { FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

/**
 * Terra's REST "request historical data" endpoints (webhooks.md §9d): `GET /v2/<type>?user_id=&start_date=
 * &to_webhook=true`, authenticated with the `dev-id` and `x-api-key` headers. Terra answers at once with a
 * reference and sends the data later by webhook; the test plays that part with signed deliveries.
 */
export class FakeTerra {
  readonly server = new FakeProviderServer();
  readonly devId = 'loadwatch-dev';
  readonly apiKey = 'terra-api-key-789';
  readonly signingSecret = 'terra-signing-secret-0123456789abcdef';
  /** The references handed out, in order (one per history request). */
  readonly references: string[] = [];

  async start(): Promise<string> {
    for (const type of ['activity', 'sleep', 'daily', 'body']) this.server.route('GET', `/v2/${type}`, (req) => this.history(type, req));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      TERRA_WEBHOOK_SECRET: this.signingSecret,
      TERRA_API_URL: `${this.server.url}/v2`,
      TERRA_CLIENT_ID: this.devId,
      TERRA_CLIENT_SECRET: this.apiKey,
    };
  }

  historyRequests(): FakeRequest[] {
    return this.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/'));
  }

  private history(type: string, req: FakeRequest): FakeResponse {
    if (req.headers['dev-id'] !== this.devId || req.headers['x-api-key'] !== this.apiKey) return { status: 401, json: { status: 'error', message: 'unauthorized' } };
    const userId = req.query.get('user_id');
    if (!userId || !req.query.get('start_date')) return { status: 400, json: { status: 'error', message: 'user_id and start_date are required' } };
    const reference = randomUUID();
    this.references.push(reference);
    return { json: { status: 'success', type, user: { user_id: userId, provider: 'GARMIN' }, reference, message: 'Data will be sent to your webhook' } };
  }
}
