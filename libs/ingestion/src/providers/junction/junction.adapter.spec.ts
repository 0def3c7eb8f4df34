import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { signStandardWebhook } from '../../standard/standard-webhook.signature';
import type { ProviderApi } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { junctionAdapter, svixHeaders } from './junction.adapter';

const fixtureText = (name: string) => readFileSync(join(__dirname, '../../../../../tests/fixtures/providers/junction', name), 'utf8');

// The Svix vector of webhooks.md §13 (checked there with the official svix@2.5.0 package).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1772348400',
  body: '{"test": 2432232314}',
  signature: 'v1,2im3QDk0ydTeQzaJ8kQ9riGTOQk28l4/BA8rAPZoVPw=',
};
const frozen = new Date(Number(VECTOR.timestamp) * 1000);
const settings: ProviderSettings = { webhookSecret: VECTOR.secret };

function request(body: string, headers: Record<string, string | undefined>): InboundRequest {
  return { method: 'POST', pathToken: undefined, query: {}, headers, rawBody: Buffer.from(body) };
}
const svix = (id = VECTOR.id, timestamp = VECTOR.timestamp, signature = VECTOR.signature) => ({ 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature });
const signed = (body: string, id = 'msg_2') => request(body, svix(id, VECTOR.timestamp, signStandardWebhook(VECTOR.secret, id, VECTOR.timestamp, body)));

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
  getJson: () => Promise.reject(new Error('Junction needs no fetch-back')),
  getBytes: () => Promise.reject(new Error('unused')),
};
const ctx: ProcessContext = { settings, api: noApi, providerUserId: '4a29dbc7-6db3-4c83-bfac-70a20a4be1b2' };

async function changesOf(events: DeliveryEvent[]): Promise<ProviderChange[]> {
  const out: ProviderChange[] = [];
  for (const e of events) out.push(...(await junctionAdapter.process(JSON.parse(JSON.stringify(e)) as DeliveryEvent, ctx)));
  return out;
}

describe('junctionAdapter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('verify (the shared Standard Webhooks verifier, with Svix header names)', () => {
    it('should accept the §13 Svix vector with the clock frozen at its timestamp', () => {
      expect(domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, svix()), settings, frozen))).toBeNull();
    });

    it('should accept the same signature under the webhook-* header names', () => {
      const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': VECTOR.timestamp, 'webhook-signature': VECTOR.signature };
      expect(domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, headers), settings, frozen))).toBeNull();
      expect(svixHeaders({ 'svix-id': 'a', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' })).toBeNull();
    });

    it('should refuse a timestamp more than five minutes off in either direction', () => {
      const at = (skewS: number) => domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, svix()), settings, new Date(frozen.getTime() + skewS * 1000)))?.code ?? 'none';
      expect(at(300)).toBe('none');
      expect(at(-300)).toBe('none');
      expect(at(301)).toBe(ErrorCode.TimestampOutOfTolerance);
      expect(at(-301)).toBe(ErrorCode.TimestampOutOfTolerance);
    });

    it('should accept a rotated secret list and any of several signatures, and refuse a wrong one', () => {
      const rotated = { webhookSecret: `whsec_${Buffer.from('new-secret-bytes-0123').toString('base64')} ${VECTOR.secret}` };
      expect(domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, svix(VECTOR.id, VECTOR.timestamp, `v1,AAAA ${VECTOR.signature}`)), rotated, frozen))).toBeNull();
      expect(domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, svix(VECTOR.id, VECTOR.timestamp, 'v1,AAAA')), settings, frozen))?.code).toBe(ErrorCode.SignatureInvalid);
      expect(domainErrorOf(() => junctionAdapter.verify(request('{"test": 2432232315}', svix()), settings, frozen))?.code).toBe(ErrorCode.SignatureInvalid);
    });

    it('should refuse a request without the headers, and everything while JUNCTION_WEBHOOK_SECRET is not set', () => {
      expect(domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, { 'svix-id': VECTOR.id }), settings, frozen))?.code).toBe(ErrorCode.SignatureMissing);
      expect(domainErrorOf(() => junctionAdapter.verify(request(VECTOR.body, svix()), {}, frozen))?.code).toBe(ErrorCode.NotFound);
      expect(junctionAdapter.handshake(request('', {}), settings)).toBeNull();
    });
  });

  describe('parseDelivery and process', () => {
    it('should store a workout message under its svix-id for its Junction user, and upsert the session', async () => {
      const events = junctionAdapter.parseDelivery(signed(fixtureText('junction_workout_created.json'), 'msg_workout_1'));
      expect(events).toEqual([
        {
          dedupeKey: 'msg_workout_1',
          providerUserId: '4a29dbc7-6db3-4c83-bfac-70a20a4be1b2',
          eventType: 'daily.data.workouts.created',
          payload: expect.objectContaining({ resource: 'workouts', deliveredAt: '2026-03-01T07:00:00.000Z' }),
        },
      ]);
      expect(await changesOf(events)).toEqual([
        { kind: 'session.upsert', session: expect.objectContaining({ externalId: '0f4f5c1e-7a0d-4c53-9c8e-7f1d2b0f9a11', sport: 'run', avgHr: 156, sourceUpdatedAt: new Date('2026-03-01T08:12:00Z') }) },
      ]);
    });

    it('should turn a sleep message into the day’s recovery row, and store nothing for a nap', async () => {
      const body = JSON.parse(fixtureText('junction_sleep_created.json')) as { event_type: string; data: Record<string, unknown> };
      expect(await changesOf(junctionAdapter.parseDelivery(signed(JSON.stringify(body))))).toEqual([
        { kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 48, hrvRmssd: 62.5, sleepS: 26460 } },
      ]);
      const nap = { ...body, event_type: 'daily.data.sleep.updated', data: { ...body.data, type: 'acknowledged_nap' } };
      expect(junctionAdapter.parseDelivery(signed(JSON.stringify(nap)))).toEqual([]);
    });

    it('should acknowledge historical, lifecycle, timeseries and other summary events without storing anything', () => {
      for (const type of ['historical.data.workouts.created', 'provider.connection.created', 'provider.connection.error', 'daily.data.activity.created', 'daily.data.heartrate.created']) {
        expect(junctionAdapter.parseDelivery(signed(JSON.stringify({ event_type: type, user_id: 'u', data: {} })))).toEqual([]);
      }
    });

    it('should refuse malformed deliveries with a coded error naming the field', () => {
      const check = (body: string) => domainErrorOf(() => junctionAdapter.parseDelivery(signed(body)));
      expect(check('{"event_type":')?.code).toBe(ErrorCode.MalformedJson);
      expect(check(VECTOR.body)?.message).toMatch(/^event_type /);
      expect(check('{"event_type":"daily.data.workouts.created","data":{}}')?.message).toMatch(/^user_id /);
      expect(check('{"event_type":"daily.data.workouts.created","user_id":"u","data":[]}')?.message).toBe('data must be an object');
      expect(check('{"event_type":"daily.data.workouts.updated","user_id":"u","data":{"id":"w","time_start":"2026-03-01T06:00:00Z","time_end":"later"}}')?.message).toBe(
        'data.time_end must be an ISO-8601 date-time',
      );
    });

    it('should throw nothing but a 400/422 DomainError for any body', () => {
      const value = fc.oneof(fc.jsonValue(), fc.constantFrom('daily.data.workouts.created', 'daily.data.sleep.updated', 'historical.data.sleep.created', '2026-03-01T06:00:00Z', '2026-03-01'));
      const data = fc.oneof(value, fc.record({ id: value, time_start: value, time_end: value, calendar_date: value, type: value, total: value }, { requiredKeys: [] }));
      const bodyLike = fc.record({ event_type: value, user_id: value, data }, { requiredKeys: [] });
      const raw = fc.oneof(bodyLike.map((b) => JSON.stringify(b)), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), fc.string());
      fc.assert(
        fc.property(raw, (body) => {
          const error = domainErrorOf(() => junctionAdapter.parseDelivery(signed(body)));
          return error === null || error.code === ErrorCode.ValidationFailed || error.code === ErrorCode.MalformedJson;
        }),
        { numRuns: 500 },
      );
    });

    it('should reject a stored payload that is not a Junction event', async () => {
      await expect(junctionAdapter.process({ dedupeKey: 'x', providerUserId: 'u', eventType: 'x', payload: { resource: 'activity' } }, ctx)).rejects.toBeInstanceOf(DomainError);
    });

    it('should offer neither OAuth nor backfill (the Link widget authorizes; §10 documents no history endpoint)', () => {
      expect(junctionAdapter.oauth).toBeUndefined();
      expect(junctionAdapter.backfill).toBeUndefined();
    });
  });
});
