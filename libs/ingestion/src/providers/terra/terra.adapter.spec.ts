import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderApi, ProviderHttpError, RateLimitedError } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { terraAdapter } from './terra.adapter';
import { terraSignatureHeader } from './terra.signature';

const fixtureText = (name: string) => readFileSync(join(__dirname, '../../../../../tests/fixtures/providers/terra', name), 'utf8');
const fixture = (name: string): Record<string, unknown> & { data: Record<string, unknown>[] } => JSON.parse(fixtureText(name));

const SECRET = 'terra-signing-secret';
const T = 1_772_348_400;
const NOW = new Date(T * 1000);
const settings: ProviderSettings = { webhookSecret: SECRET, clientId: 'loadwatch-dev', clientSecret: 'terra-api-key', apiUrl: 'https://terra.example/v2' };
// Terra's published vector (webhooks.md §13): its deauth body, byte for byte.
const VECTOR = {
  secret: '66142e0c2960f788b19830807d4aa25cfd27a610ec65fd36',
  body: '{"user": {"last_webhook_update": null, "provider": "FITBIT", "user_id": "d81ea08d-ad4d-44bd-8394-ee4b68a3f96f", "scopes": null}, "type": "deauth", "status": "success", "message": "User has deauthenticated", "version": "2022-03-16"}',
  header: 't=1669742999,v1=c885ce58891b69ab5b6c8fc7536544f4f515f2e22ec811152849295b3d995c93',
};

function request(body: string, headers: Record<string, string | undefined> = {}): InboundRequest {
  return { method: 'POST', pathToken: undefined, query: {}, headers, rawBody: Buffer.from(body) };
}
const signed = (body: string, t = T) => request(body, { 'terra-signature': terraSignatureHeader(SECRET, t, body), 'terra-reference': 'ref-1' });

const domainErrorOf = (fn: () => unknown): DomainError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
};

const noApi: ProviderApi = {
  getJson: () => Promise.reject(new Error('Terra needs no fetch-back')),
  getBytes: () => Promise.reject(new Error('unused')),
};
const ctx = (s: ProviderSettings = settings, userId = 'b1dbd691-8140-4071-9df1-8c47283bd0fa'): ProcessContext => ({ settings: s, api: noApi, providerUserId: userId });

/** Delivery → stored events → the changes the worker would apply (through a JSON round trip, as the raw event table does). */
async function changesOf(events: DeliveryEvent[]): Promise<ProviderChange[]> {
  const out: ProviderChange[] = [];
  for (const e of events) out.push(...(await terraAdapter.process(JSON.parse(JSON.stringify(e)) as DeliveryEvent, ctx())));
  return out;
}

describe('terraAdapter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('verify', () => {
    it("should accept Terra's published vector with the clock frozen at its t, given that secret", () => {
      const req = request(VECTOR.body, { 'terra-signature': VECTOR.header });
      expect(domainErrorOf(() => terraAdapter.verify(req, { webhookSecret: VECTOR.secret }, new Date(1669742999 * 1000)))).toBeNull();
      expect(domainErrorOf(() => terraAdapter.verify(req, { webhookSecret: VECTOR.secret }, new Date((1669742999 + 301) * 1000)))?.code).toBe(ErrorCode.TimestampOutOfTolerance);
      expect(domainErrorOf(() => terraAdapter.verify(req, settings, new Date(1669742999 * 1000)))?.code).toBe(ErrorCode.SignatureInvalid);
    });

    it('should refuse every delivery while TERRA_WEBHOOK_SECRET is not set', () => {
      expect(domainErrorOf(() => terraAdapter.verify(signed('{}'), {}, NOW))?.code).toBe(ErrorCode.NotFound);
      expect(terraAdapter.handshake(signed('{}'), settings)).toBeNull();
    });
  });

  describe('parseDelivery and process', () => {
    it('should revoke the connection of the user in the published deauth vector', async () => {
      const events = terraAdapter.parseDelivery(request(VECTOR.body, { 'terra-signature': VECTOR.header }));
      expect(events).toEqual([{ dedupeKey: expect.stringMatching(/^deauth:d81ea08d-ad4d-44bd-8394-ee4b68a3f96f:[0-9a-f]{32}$/), providerUserId: 'd81ea08d-ad4d-44bd-8394-ee4b68a3f96f', eventType: 'deauth', payload: { kind: 'deauth' } }]);
      expect(await changesOf(events)).toEqual([{ kind: 'deauthorized' }]);
      const revoked = terraAdapter.parseDelivery(signed(JSON.stringify({ type: 'access_revoked', user: { user_id: 'u-9', provider: 'OURA' }, status: 'warning', message: 'revoked' })));
      expect(await changesOf(revoked)).toEqual([{ kind: 'deauthorized' }]);
    });

    it('should make one event per activity item, versioned by the signed t, and map each to a session', async () => {
      const body = fixtureText('terra_activity_garmin.json');
      const events = terraAdapter.parseDelivery(signed(body));
      expect(events.map((e) => [e.eventType, e.providerUserId])).toEqual([
        ['activity', 'b1dbd691-8140-4071-9df1-8c47283bd0fa'],
        ['activity', 'b1dbd691-8140-4071-9df1-8c47283bd0fa'],
      ]);
      expect(events[0].dedupeKey).toMatch(/^activity:b1dbd691-8140-4071-9df1-8c47283bd0fa:GARMIN:11873561290:[0-9a-f]{32}$/);
      const changes = await changesOf(events);
      expect(changes).toEqual([
        { kind: 'session.upsert', session: expect.objectContaining({ externalId: 'GARMIN:11873561290', sport: 'run', avgHr: 156, durationS: 3112, sourceUpdatedAt: NOW }) },
        { kind: 'session.upsert', session: expect.objectContaining({ externalId: 'GARMIN:11873561377', sport: 'strength' }) },
      ]);
    });

    it('should key the same item the same way however often it is sent, and a changed version differently', () => {
      const body = fixture('terra_activity_garmin.json');
      const first = terraAdapter.parseDelivery(signed(JSON.stringify(body)))[0].dedupeKey;
      const resent = terraAdapter.parseDelivery(signed(JSON.stringify(body), T + 1800))[0].dedupeKey;
      const changed = structuredClone(body);
      (changed.data[0].heart_rate_data as { summary: { avg_hr_bpm: number } }).summary.avg_hr_bpm = 158;
      expect(resent).toBe(first);
      expect(terraAdapter.parseDelivery(signed(JSON.stringify(changed)))[0].dedupeKey).not.toBe(first);
    });

    it('should turn a deleted activity (upload_type 4) into a session delete at the signed time', async () => {
      const body = fixture('terra_activity_garmin.json');
      body.data = [{ ...body.data[0], metadata: { ...(body.data[0].metadata as object), upload_type: 4 } }];
      expect(await changesOf(terraAdapter.parseDelivery(signed(JSON.stringify(body))))).toEqual([{ kind: 'session.delete', externalId: 'GARMIN:11873561290', at: NOW }]);
    });

    it('should store the night of a sleep event as the day’s recovery row, and not store the nap', async () => {
      const events = terraAdapter.parseDelivery(signed(fixtureText('terra_sleep_oura.json')));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ eventType: 'sleep', providerUserId: '5e4c1d2f-8a3b-4f6e-9d21-7b0a1c2e3f45' });
      expect(await changesOf(events)).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 48, hrvRmssd: 62.5, sleepS: 26460 } }]);
    });

    it("should store a daily summary's resting HR alone, so the night's HRV and sleep stay as the sleep item wrote them", async () => {
      const events = terraAdapter.parseDelivery(signed(fixtureText('terra_daily_garmin.json')));
      expect(events).toEqual([expect.objectContaining({ eventType: 'daily', dedupeKey: expect.stringMatching(/^daily:b1dbd691-8140-4071-9df1-8c47283bd0fa:2026-03-01:[0-9a-f]{32}$/) })]);
      expect(await changesOf(events)).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 49 } }]);
      const withoutRestingHr = fixture('terra_daily_garmin.json');
      withoutRestingHr.data[0].heart_rate_data = { summary: { avg_hr_bpm: 71 } };
      expect(terraAdapter.parseDelivery(signed(JSON.stringify(withoutRestingHr)))).toEqual([]);
    });

    it('should acknowledge auth, healthcheck, body and unknown types without storing anything', () => {
      expect(terraAdapter.parseDelivery(signed('{"type":"body","user":{"user_id":"u-1","provider":"GARMIN"},"data":[{}]}'))).toEqual([]);
      expect(terraAdapter.parseDelivery(signed('{"type":"auth","user":{"user_id":"u-1","provider":"GARMIN"},"status":"success","reference_id":"athlete-42"}'))).toEqual([]);
      expect(terraAdapter.parseDelivery(signed('{"type":"healthcheck","status":"success","creation_timestamp":"2026-03-01T08:00:00Z"}'))).toEqual([]);
      expect(terraAdapter.parseDelivery(signed('{"type":"something_new"}'))).toEqual([]);
    });

    it('should store a re-authentication and a connection error under the old user and change nothing', async () => {
      const reauth = terraAdapter.parseDelivery(signed('{"type":"user_reauth","old_user":{"user_id":"old-1","provider":"GARMIN"},"new_user":{"user_id":"new-2","provider":"GARMIN"},"status":"warning"}'));
      expect(reauth).toEqual([expect.objectContaining({ providerUserId: 'old-1', eventType: 'user_reauth', payload: { kind: 'user_reauth', newUserId: 'new-2' } })]);
      const error = terraAdapter.parseDelivery(signed('{"type":"connection_error","user":{"user_id":"u-1","provider":"POLAR"},"status":"warning","message":"401"}'));
      expect(error).toEqual([expect.objectContaining({ providerUserId: 'u-1', payload: { kind: 'connection_error', message: '401' } })]);
      expect(await changesOf([...reauth, ...error])).toEqual([]);
      expect(terraAdapter.parseDelivery(signed('{"type":"user_reauth","status":"warning"}'))).toEqual([]);
    });

    it('should refuse malformed deliveries with a coded error naming the field', () => {
      const check = (body: string) => domainErrorOf(() => terraAdapter.parseDelivery(signed(body)));
      expect(check('{"type":')?.code).toBe(ErrorCode.MalformedJson);
      expect(check('"activity"')?.message).toBe('body must be an object');
      expect(check('{"data":[]}')?.message).toMatch(/^type /);
      expect(check('{"type":"activity","data":[]}')?.message).toBe('user must be an object');
      expect(check('{"type":"activity","user":{"user_id":"u"},"data":[]}')?.message).toBe('user.provider must name the wearable (e.g. GARMIN)');
      expect(check('{"type":"sleep","user":{"user_id":"u"},"data":{}}')?.message).toBe('data must be an array');
      expect(check('{"type":"activity","user":{"user_id":"u","provider":"GARMIN"},"data":[{"metadata":{"start_time":"2026-03-01T07:00:00Z"}}]}')?.message).toBe(
        'data[0].metadata.summary_id must be a non-empty string',
      );
      expect(check('{"type":"deauth","user":{"provider":"GARMIN"}}')?.message).toBe('user.user_id must be a non-empty string');
    });

    it('should throw nothing but a 400/422 DomainError for any body', () => {
      const value = fc.oneof(fc.jsonValue(), fc.constantFrom('activity', 'sleep', 'deauth', 'user_reauth', 'connection_error', '2026-03-01T07:00:00Z', 'GARMIN'));
      const user = fc.oneof(value, fc.record({ user_id: value, provider: value }, { requiredKeys: [] }));
      const item = fc.oneof(value, fc.record({ metadata: fc.oneof(value, fc.record({ summary_id: value, start_time: value, end_time: value, type: value, is_nap: value }, { requiredKeys: [] })) }, { requiredKeys: [] }));
      const bodyLike = fc.record({ type: value, user, old_user: user, new_user: user, data: fc.oneof(value, fc.array(item, { maxLength: 4 })), message: value }, { requiredKeys: [] });
      const raw = fc.oneof(bodyLike.map((b) => JSON.stringify(b)), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), fc.string());
      fc.assert(
        fc.property(raw, (body) => {
          const error = domainErrorOf(() => terraAdapter.parseDelivery(signed(body)));
          return error === null || error.code === ErrorCode.ValidationFailed || error.code === ErrorCode.MalformedJson;
        }),
        { numRuns: 500 },
      );
    });

    it('should reject a stored payload that is not a Terra event', async () => {
      await expect(terraAdapter.process({ dedupeKey: 'x', providerUserId: 'u', eventType: 'activity', payload: { kind: 'nope' } }, ctx())).rejects.toBeInstanceOf(DomainError);
      await expect(terraAdapter.process({ dedupeKey: 'x', providerUserId: 'u', eventType: 'activity', payload: { kind: 'activity', provider: 'GARMIN', sentAt: '', item: {} } }, ctx())).rejects.toThrow(
        'data[0].metadata must be an object',
      );
    });
  });

  describe('backfill', () => {
    let fetchSpy: jest.SpyInstance;
    afterEach(() => fetchSpy?.mockRestore());

    async function drain(s: ProviderSettings = settings): Promise<ProviderChange[][]> {
      const pages: ProviderChange[][] = [];
      for await (const page of terraAdapter.backfill!(ctx(s), '2025-12-01')) pages.push(page);
      return pages;
    }

    it('should ask Terra for activity, sleep and daily history since the date, to be sent to the webhook, with dev-id and x-api-key', async () => {
      fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response('{"status":"success","reference":"ref-42"}', { status: 200 })));
      expect(await drain()).toEqual([[], [], []]);
      const calls = fetchSpy.mock.calls.map(([url, init]) => ({ url: new URL(String(url)), headers: (init as RequestInit).headers as Record<string, string> }));
      expect(calls.map((c) => c.url.pathname)).toEqual(['/v2/activity', '/v2/sleep', '/v2/daily']);
      for (const c of calls) {
        expect(Object.fromEntries(c.url.searchParams)).toEqual({ user_id: 'b1dbd691-8140-4071-9df1-8c47283bd0fa', start_date: '2025-12-01', to_webhook: 'true', with_samples: 'false' });
        expect(c.headers).toMatchObject({ 'dev-id': 'loadwatch-dev', 'x-api-key': 'terra-api-key' });
      }
    });

    it('should fail with a clear reason when the dev-id or API key is not configured', async () => {
      fetchSpy = jest.spyOn(globalThis, 'fetch');
      await expect(drain({ webhookSecret: SECRET })).rejects.toThrow(/TERRA_CLIENT_ID \(dev-id\) and TERRA_CLIENT_SECRET \(API key\)/);
      expect(fetchSpy).not.toHaveBeenCalled();
    });

    it("should hand a 429 to the queue with Terra's Retry-After, and surface other refusals", async () => {
      fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response('slow down', { status: 429, headers: { 'retry-after': '120' } })));
      await expect(drain()).rejects.toEqual(expect.objectContaining({ name: 'RateLimitedError', retryAfterMs: 120_000 }));
      await expect(drain()).rejects.toBeInstanceOf(RateLimitedError);
      fetchSpy.mockImplementation(() => Promise.resolve(new Response('{"message":"invalid api key"}', { status: 401 })));
      await expect(drain()).rejects.toEqual(expect.objectContaining({ name: 'ProviderHttpError', status: 401 }));
      await expect(drain()).rejects.toBeInstanceOf(ProviderHttpError);
    });
  });
});
