import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderHttpError, ProviderWriteApi } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { whoopAdapter } from './whoop.adapter';
import { signWhoopWebhook } from './whoop.signature';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '../../../../../tests/fixtures/providers/whoop', name), 'utf8'));

const SECRET = 'whoop_client_secret_example';
const VECTOR_BODY = '{"user_id":10129,"id":"ecfc6a15-4661-442f-a9a4-f160dd7afae8","type":"workout.updated","trace_id":"e369c784-5100-49e8-8098-75d35c47b31b"}';
const VECTOR_TS = '1772348400000';
const WORKOUT_ID = 'ecfc6a15-4661-442f-a9a4-f160dd7afae8';
const SLEEP_ID = 'b9a3c1e2-5f47-4d2a-8e61-0c7d9f3a2b14';
const settings: ProviderSettings = { clientId: 'whoop-client', clientSecret: SECRET };

function request(body: string | Buffer, headers: Record<string, string | undefined> = {}): InboundRequest {
  return { method: 'POST', pathToken: undefined, query: {}, headers, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

function signed(body: string, ts = VECTOR_TS): InboundRequest {
  return request(body, { 'x-whoop-signature': signWhoopWebhook(SECRET, ts, body), 'x-whoop-signature-timestamp': ts });
}

/** The DomainError a call throws (failing the test on any other error), or null. */
const domainErrorOf = (fn: () => unknown): DomainError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
};

/** A WHOOP API for one athlete: path → JSON, or an HTTP status the platform answers with. */
class StubApi implements ProviderWriteApi {
  readonly calls: { path: string; query?: Record<string, string | number | undefined> }[] = [];
  /** A route is a JSON value, an Error to fail with, or a function of the query (for paging). */
  constructor(private readonly routes: Record<string, unknown>) {}

  getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    this.calls.push({ path, query });
    const route = this.routes[path];
    const answer = typeof route === 'function' ? (route as (q?: Record<string, string | number | undefined>) => unknown)(query) : route;
    if (answer === undefined) return Promise.reject(new ProviderHttpError('whoop', 404, `https://api.example/${path}`, '{"message":"not found"}'));
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer as T);
  }

  getBytes(): Promise<Buffer> {
    return Promise.reject(new Error('not used'));
  }

  send(method: 'POST' | 'PUT' | 'DELETE', path: string): Promise<unknown> {
    this.calls.push({ path: `${method} ${path}` });
    const answer = this.routes[`${method} ${path}`];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? null);
  }
}

const ctx = (api: StubApi, s: ProviderSettings = settings): ProcessContext => ({ settings: s, api, providerUserId: '10129' });
const SIGNED_AT = '2026-03-01T09:00:00.000Z';
const event = (type: string, id: string): DeliveryEvent => ({ dedupeKey: `${type}:${id}:t`, providerUserId: '10129', eventType: type, payload: { type, id, traceId: 't', signedAt: SIGNED_AT } });

async function collect(iterable: AsyncIterable<ProviderChange[]>): Promise<ProviderChange[][]> {
  const pages: ProviderChange[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('whoopAdapter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('verify', () => {
    it('should accept the §13 vector with the clock frozen at its timestamp, and refuse it when it is stale', () => {
      const req = request(VECTOR_BODY, { 'x-whoop-signature': 'e+XL8P0Z8GlAm+WPgXWGUcYVVb24eVmhOvFXwgj2+XI=', 'x-whoop-signature-timestamp': VECTOR_TS });
      expect(domainErrorOf(() => whoopAdapter.verify(req, settings, new Date(Number(VECTOR_TS))))).toBeNull();
      expect(domainErrorOf(() => whoopAdapter.verify(req, settings, new Date(Number(VECTOR_TS) + 301_000)))?.code).toBe(ErrorCode.TimestampOutOfTolerance);
    });

    it('should refuse every delivery while WHOOP_CLIENT_SECRET is not set', () => {
      expect(domainErrorOf(() => whoopAdapter.verify(signed(VECTOR_BODY), {}, new Date(Number(VECTOR_TS))))?.code).toBe(ErrorCode.NotFound);
    });

    it('should not answer any handshake (WHOOP has none)', () => {
      expect(whoopAdapter.handshake(request('', {}), settings)).toBeNull();
    });
  });

  describe('parseDelivery', () => {
    it('should turn the §13 delivery into one event keyed by type, id and trace id', () => {
      expect(whoopAdapter.parseDelivery(signed(VECTOR_BODY))).toEqual([
        {
          dedupeKey: `workout.updated:${WORKOUT_ID}:e369c784-5100-49e8-8098-75d35c47b31b`,
          providerUserId: '10129',
          eventType: 'workout.updated',
          payload: { type: 'workout.updated', id: WORKOUT_ID, traceId: 'e369c784-5100-49e8-8098-75d35c47b31b', signedAt: '2026-03-01T07:00:00.000Z' },
        },
      ]);
    });

    it('should key an event without a trace id on its signed timestamp, and accept v1 integer ids', () => {
      const [e] = whoopAdapter.parseDelivery(signed('{"user_id":10129,"id":10235,"type":"recovery.updated"}', '1772348400123'));
      expect(e).toMatchObject({ dedupeKey: 'recovery.updated:10235:ts1772348400123', payload: { id: '10235', traceId: null, signedAt: '2026-03-01T07:00:00.123Z' } });
    });

    it('should acknowledge an event type it does not know without storing anything', () => {
      expect(whoopAdapter.parseDelivery(signed('{"user_id":10129,"id":93845,"type":"cycle.updated","trace_id":"x"}'))).toEqual([]);
    });

    it('should refuse malformed deliveries with a coded error naming the field', () => {
      expect(domainErrorOf(() => whoopAdapter.parseDelivery(signed('{"user_id":')))?.code).toBe(ErrorCode.MalformedJson);
      expect(domainErrorOf(() => whoopAdapter.parseDelivery(signed('[1]')))?.message).toBe('body must be an object');
      expect(domainErrorOf(() => whoopAdapter.parseDelivery(signed('{"user_id":1,"type":"workout.updated"}')))?.message).toMatch(/^id /);
      expect(domainErrorOf(() => whoopAdapter.parseDelivery(signed('{"user_id":1,"id":"../../admin","type":"workout.updated"}')))?.message).toMatch(/^id must be a UUID/);
      expect(domainErrorOf(() => whoopAdapter.parseDelivery(signed('{"id":1,"type":"workout.updated"}')))?.message).toMatch(/^user_id /);
      expect(domainErrorOf(() => whoopAdapter.parseDelivery(signed(`{"user_id":1,"id":"${WORKOUT_ID}","type":"workout.updated","trace_id":5}`)))?.message).toMatch(/^trace_id /);
    });

    it('should throw nothing but a 400/422 DomainError for any body', () => {
      const value = fc.oneof(fc.jsonValue(), fc.uuid(), fc.constantFrom('workout.updated', 'recovery.updated', 'sleep.deleted', 10129));
      const bodyLike = fc.record({ user_id: value, id: value, type: value, trace_id: value }, { requiredKeys: [] });
      const raw = fc.oneof(
        bodyLike.map((b) => JSON.stringify(b)),
        fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        fc.string(),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
      );
      fc.assert(
        fc.property(raw, (body) => {
          const error = domainErrorOf(() => whoopAdapter.parseDelivery(request(body)));
          return error === null || error.code === ErrorCode.ValidationFailed || error.code === ErrorCode.MalformedJson;
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('process', () => {
    it('should fetch an updated workout by its UUID and upsert the session', async () => {
      const api = new StubApi({ [`v2/activity/workout/${WORKOUT_ID}`]: fixture('whoop_docs_v2_workout_running.json') });
      const changes = await whoopAdapter.process(event('workout.updated', WORKOUT_ID), ctx(api));
      expect(changes).toEqual([{ kind: 'session.upsert', session: expect.objectContaining({ externalId: WORKOUT_ID, sport: 'run', avgHr: 156, durationS: 3112 }) }]);
      expect(api.calls.map((c) => c.path)).toEqual([`v2/activity/workout/${WORKOUT_ID}`]);
    });

    it('should delete a session only when the API answers 404 for the workout, as of the signed time', async () => {
      const gone = await whoopAdapter.process(event('workout.deleted', WORKOUT_ID), ctx(new StubApi({})));
      expect(gone).toEqual([{ kind: 'session.delete', externalId: WORKOUT_ID, at: new Date(SIGNED_AT) }]);
      const stillThere = await whoopAdapter.process(event('workout.deleted', WORKOUT_ID), ctx(new StubApi({ [`v2/activity/workout/${WORKOUT_ID}`]: fixture('whoop_docs_v2_workout_running.json') })));
      expect(stillThere).toEqual([]);
    });

    it('should delete the session of a workout re-labelled as a recovery activity', async () => {
      const sauna = { ...fixture('whoop_docs_v2_workout_running.json'), sport_name: 'sauna' };
      const changes = await whoopAdapter.process(event('workout.updated', WORKOUT_ID), ctx(new StubApi({ [`v2/activity/workout/${WORKOUT_ID}`]: sauna })));
      expect(changes).toEqual([{ kind: 'session.delete', externalId: WORKOUT_ID, at: new Date('2026-03-01T08:05:00.000Z') }]);
    });

    it('should build the day’s recovery row from the sleep and its cycle’s recovery, for sleep and v2 recovery events alike', async () => {
      const routes = { [`v2/activity/sleep/${SLEEP_ID}`]: fixture('whoop_v2_sleep.json'), 'v2/cycle/93845/recovery': fixture('whoop_v2_recovery.json') };
      const expected = [{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 51, hrvRmssd: 68.4, sleepS: 26640 } }];
      expect(await whoopAdapter.process(event('sleep.updated', SLEEP_ID), ctx(new StubApi(routes)))).toEqual(expected);
      expect(await whoopAdapter.process(event('recovery.updated', SLEEP_ID), ctx(new StubApi(routes)))).toEqual(expected);
    });

    it('should treat a v1 integer recovery id as the cycle id', async () => {
      const api = new StubApi({ [`v2/activity/sleep/${SLEEP_ID}`]: fixture('whoop_v2_sleep.json'), 'v2/cycle/93845/recovery': fixture('whoop_v2_recovery.json') });
      const changes = await whoopAdapter.process(event('recovery.updated', '93845'), ctx(api));
      expect(changes).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 51, hrvRmssd: 68.4, sleepS: 26640 } }]);
      expect(api.calls.map((c) => c.path)).toEqual(['v2/cycle/93845/recovery', `v2/activity/sleep/${SLEEP_ID}`]);
    });

    it('should write the sleep alone while the cycle has no recovery yet, and nothing for a nap', async () => {
      const sleepOnly = await whoopAdapter.process(event('sleep.updated', SLEEP_ID), ctx(new StubApi({ [`v2/activity/sleep/${SLEEP_ID}`]: fixture('whoop_v2_sleep.json') })));
      expect(sleepOnly).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: null, hrvRmssd: null, sleepS: 26640 } }]);
      const nap = await whoopAdapter.process(event('sleep.updated', SLEEP_ID), ctx(new StubApi({ [`v2/activity/sleep/${SLEEP_ID}`]: { ...fixture('whoop_v2_sleep.json'), nap: true } })));
      expect(nap).toEqual([]);
    });

    it('should reject (not retry) a v1 integer workout id with the reason', async () => {
      await expect(whoopAdapter.process(event('workout.updated', '10235'), ctx(new StubApi({})))).rejects.toThrow(/v1 integer id \(10235\); set the app's webhook model version to v2/);
    });

    it('should change nothing for sleep.deleted and recovery.deleted', async () => {
      const api = new StubApi({});
      expect(await whoopAdapter.process(event('sleep.deleted', SLEEP_ID), ctx(api))).toEqual([]);
      expect(await whoopAdapter.process(event('recovery.deleted', '93845'), ctx(api))).toEqual([]);
      expect(api.calls).toEqual([]);
    });

    it('should report the athlete deauthorized when the token endpoint refuses the refresh token, and rethrow other 400s', async () => {
      const s = { ...settings, tokenUrl: 'https://whoop.example/oauth/oauth2/token' };
      const refused = new ProviderHttpError('whoop', 400, 'https://whoop.example/oauth/oauth2/token', '{"error":"invalid_grant"}');
      const changes = await whoopAdapter.process(event('workout.updated', WORKOUT_ID), ctx(new StubApi({ [`v2/activity/workout/${WORKOUT_ID}`]: refused }), s));
      expect(changes).toEqual([{ kind: 'deauthorized' }]);
      const badRequest = new ProviderHttpError('whoop', 400, `https://whoop.example/developer/v2/activity/workout/${WORKOUT_ID}`, 'bad');
      await expect(whoopAdapter.process(event('workout.updated', WORKOUT_ID), ctx(new StubApi({ [`v2/activity/workout/${WORKOUT_ID}`]: badRequest }), s))).rejects.toBe(badRequest);
    });

    it('should reject a stored payload that is not a WHOOP event', async () => {
      await expect(whoopAdapter.process({ ...event('workout.updated', WORKOUT_ID), payload: { type: 'nope' } }, ctx(new StubApi({})))).rejects.toBeInstanceOf(DomainError);
    });
  });

  describe('backfill', () => {
    it('should page workouts, recoveries and sleeps from the start date with nextToken, and pair each night with its recovery', async () => {
      const run = fixture('whoop_docs_v2_workout_running.json');
      const lift = fixture('open_wearables_whoop_v2_workout.json');
      const api = new StubApi({
        'v2/activity/workout': (q?: Record<string, string | number | undefined>) => (q?.nextToken === 'page-2' ? { records: [lift], next_token: null } : { records: [run, { id: 'broken' }], next_token: 'page-2' }),
        'v2/recovery': { records: [fixture('whoop_v2_recovery.json')] },
        'v2/activity/sleep': { records: [fixture('whoop_v2_sleep.json'), { ...fixture('whoop_v2_sleep.json'), id: 'nap-1', nap: true }], next_token: '' },
      });
      const pages = await collect(whoopAdapter.backfill!(ctx(api), '2025-12-01'));
      expect(pages.map((p) => p.map((c) => c.kind))).toEqual([['session.upsert'], ['session.upsert'], ['recovery.upsert']]);
      expect(pages[2][0]).toEqual({ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 51, hrvRmssd: 68.4, sleepS: 26640 } });
      expect(api.calls.map((c) => [c.path, c.query?.nextToken])).toEqual([
        ['v2/activity/workout', undefined],
        ['v2/activity/workout', 'page-2'],
        ['v2/recovery', undefined],
        ['v2/activity/sleep', undefined],
      ]);
      expect(api.calls.every((c) => c.query?.start === '2025-12-01T00:00:00.000Z' && c.query?.limit === 25)).toBe(true);
    });

    it('should stop paging when WHOOP hands out the same next token again', async () => {
      const api = new StubApi({ 'v2/activity/workout': { records: [], next_token: 'same' }, 'v2/recovery': { records: [] }, 'v2/activity/sleep': { records: [] } });
      await collect(whoopAdapter.backfill!(ctx(api), '2025-12-01'));
      expect(api.calls.filter((c) => c.path === 'v2/activity/workout')).toHaveLength(2);
    });
  });

  describe('oauth', () => {
    it('should ask for offline access and read the user id from the profile', async () => {
      const oauth = whoopAdapter.oauth!;
      expect(oauth.authorizeUrl({})).toBe('https://api.prod.whoop.com/oauth/oauth2/auth');
      expect(oauth.tokenUrl({})).toBe('https://api.prod.whoop.com/oauth/oauth2/token');
      expect(oauth.scopes).toContain('offline');
      expect(oauth.userIdFromToken({ access_token: 'x' })).toBeNull();
      const api = new StubApi({ 'v2/user/profile/basic': { user_id: 10129, email: 'a@example.test' } });
      await expect(oauth.fetchUserId!(api)).resolves.toBe('10129');
      await expect(oauth.fetchUserId!(new StubApi({ 'v2/user/profile/basic': { email: 'a@example.test' } }))).rejects.toBeInstanceOf(DomainError);
    });

    it("should revoke the member's access with DELETE /v2/user/access when the athlete disconnects", async () => {
      const api = new StubApi({});
      await whoopAdapter.oauth!.revoke!(api, settings, '10129');
      expect(api.calls.map((c) => c.path)).toEqual(['DELETE v2/user/access']);
    });
  });
});
