import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderApi, ProviderHttpError, ProviderWriteApi } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { fitbitAdapter, fitbitSignature, fitbitSubscriptionId, parseFitbitDelivery } from './fitbit.adapter';

const FIXTURES = path.resolve(__dirname, '../../../../../tests/fixtures/providers/fitbit');
const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const fixture = (name: string): unknown => JSON.parse(fixtureText(name));

// webhooks.md §13: the Fitbit signature vector.
const VECTOR_SECRET = 'fitbit_client_secret_example';
const VECTOR_BODY = '[{"collectionType":"activities","date":"2026-03-01","ownerId":"228TQ4","ownerType":"user","subscriptionId":"athlete-42-activities"}]';
const VECTOR_SIGNATURE = 'hncHrLc0FSUfk0AQJfBSttgT1KA=';

const settings: ProviderSettings = { clientId: 'client', clientSecret: VECTOR_SECRET, verifyToken: 'verify-code-1234' };
const AT = new Date('2026-03-01T09:00:00.123Z');

function request(over: Partial<InboundRequest> = {}): InboundRequest {
  return { method: 'POST', pathToken: undefined, query: {}, headers: {}, rawBody: Buffer.from(VECTOR_BODY), ...over };
}

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

type Query = Record<string, string | number | undefined>;
/** A canned answer, or a function of the query that returns one (or throws, e.g. a ProviderHttpError). */
type Answer = unknown;

/** A ProviderApi answering by path (a function answer can throw, e.g. a ProviderHttpError), recording every call. */
function fakeApi(routes: Record<string, Answer>) {
  const calls: { path: string; query: Record<string, string | number | undefined> }[] = [];
  const api: ProviderApi = {
    getJson: <T>(p: string, query: Record<string, string | number | undefined> = {}) => {
      calls.push({ path: p, query });
      if (!(p in routes)) return Promise.reject(new ProviderHttpError('fitbit', 404, p, 'not found'));
      const answer = routes[p];
      // An answer function that throws rejects the promise, as a failed request would.
      return new Promise<T>((resolve) => resolve((typeof answer === 'function' ? (answer as (q: Query) => unknown)(query) : answer) as T));
    },
    getBytes: () => Promise.reject(new Error('not used')),
  };
  const ctx: ProcessContext = { settings, api, providerUserId: '228TQ4' };
  return { api, calls, ctx };
}

const event = (collectionType: string, date = '2026-03-01'): DeliveryEvent => ({
  dedupeKey: `228TQ4:${collectionType}:${date}:1`,
  providerUserId: '228TQ4',
  eventType: collectionType,
  payload: { collectionType, ownerId: '228TQ4', date, subscriptionId: 'athlete-42', receivedAt: AT.toISOString() },
});

const DAY_ROUTES = {
  '1/user/-/activities/list.json': fixture('activity_list_page.json'),
  '1/user/-/activities/heart/date/2026-03-01/1d.json': fixture('heart_1d.json'),
  '1/user/-/hrv/date/2026-03-01.json': fixture('hrv_1d.json'),
  '1.2/user/-/sleep/date/2026-03-01.json': fixture('sleep_date.json'),
};

const kinds = (changes: ProviderChange[]) => changes.map((c) => c.kind);

describe('fitbitAdapter', () => {
  describe('signature (X-Fitbit-Signature)', () => {
    it('should reproduce the webhooks.md §13 vector', () => {
      expect(fitbitSignature(VECTOR_SECRET, Buffer.from(VECTOR_BODY))).toBe(VECTOR_SIGNATURE);
    });

    it('should accept the vector and answer 404 (NotFound) to a wrong, missing or unconfigured signature', () => {
      expect(() => fitbitAdapter.verify(request({ headers: { 'x-fitbit-signature': VECTOR_SIGNATURE } }), settings, AT)).not.toThrow();
      const tampered = VECTOR_SIGNATURE.replace('h', 'H');
      expect(domainError(() => fitbitAdapter.verify(request({ headers: { 'x-fitbit-signature': tampered } }), settings, AT)).code).toBe(ErrorCode.NotFound);
      expect(domainError(() => fitbitAdapter.verify(request(), settings, AT)).code).toBe(ErrorCode.NotFound);
      const changedBody = request({ headers: { 'x-fitbit-signature': VECTOR_SIGNATURE }, rawBody: Buffer.from(VECTOR_BODY.replace('228TQ4', '228TQ5')) });
      expect(domainError(() => fitbitAdapter.verify(changedBody, settings, AT)).code).toBe(ErrorCode.NotFound);
      const unconfigured = { ...settings, clientSecret: undefined };
      expect(domainError(() => fitbitAdapter.verify(request({ headers: { 'x-fitbit-signature': VECTOR_SIGNATURE } }), unconfigured, AT)).code).toBe(ErrorCode.NotFound);
    });

    it('should verify over the raw bytes, not a re-serialisation of the JSON', () => {
      const spaced = Buffer.from(JSON.stringify(JSON.parse(VECTOR_BODY), null, 2));
      expect(() => fitbitAdapter.verify(request({ rawBody: spaced, headers: { 'x-fitbit-signature': fitbitSignature(VECTOR_SECRET, spaced) } }), settings, AT)).not.toThrow();
      expect(domainError(() => fitbitAdapter.verify(request({ rawBody: spaced, headers: { 'x-fitbit-signature': VECTOR_SIGNATURE } }), settings, AT)).code).toBe(ErrorCode.NotFound);
    });
  });

  describe('handshake (subscriber verification)', () => {
    it('should answer 204 to the right verification code', () => {
      expect(fitbitAdapter.handshake(request({ method: 'GET', query: { verify: 'verify-code-1234' } }), settings)).toEqual({ status: 204 });
    });

    it('should answer 404 to a wrong or missing code, and when no code is configured', () => {
      expect(domainError(() => fitbitAdapter.handshake(request({ method: 'GET', query: { verify: 'wrong' } }), settings)).code).toBe(ErrorCode.NotFound);
      expect(domainError(() => fitbitAdapter.handshake(request({ method: 'GET' }), settings)).code).toBe(ErrorCode.NotFound);
      expect(domainError(() => fitbitAdapter.handshake(request({ method: 'GET', query: { verify: 'x' } }), { ...settings, verifyToken: undefined })).code).toBe(
        ErrorCode.NotFound,
      );
    });

    it('should leave a POST to delivery handling and acknowledge deliveries with 204', () => {
      expect(fitbitAdapter.handshake(request(), settings)).toBeNull();
      expect(fitbitAdapter.ackStatus).toBe(204);
    });
  });

  describe('parseDelivery', () => {
    it('should split a batch into one event per (owner, collection, date), dropping duplicates and foreign collections', () => {
      const events = parseFitbitDelivery(Buffer.from(fixtureText('notification_batch.json')), AT);
      expect(events).toEqual([
        {
          dedupeKey: `228TQ4:activities:2026-03-01:${AT.getTime()}`,
          providerUserId: '228TQ4',
          eventType: 'activities',
          payload: { collectionType: 'activities', ownerId: '228TQ4', date: '2026-03-01', subscriptionId: 'athlete-42-activities', receivedAt: AT.toISOString() },
        },
        {
          dedupeKey: `228TQ4:sleep:2026-03-01:${AT.getTime()}`,
          providerUserId: '228TQ4',
          eventType: 'sleep',
          payload: { collectionType: 'sleep', ownerId: '228TQ4', date: '2026-03-01', subscriptionId: 'athlete-42-sleep', receivedAt: AT.toISOString() },
        },
        {
          dedupeKey: `7ZZ9K1:userRevokedAccess:2026-03-02:${AT.getTime()}`,
          providerUserId: '7ZZ9K1',
          eventType: 'userRevokedAccess',
          payload: { collectionType: 'userRevokedAccess', ownerId: '7ZZ9K1', date: '2026-03-02', subscriptionId: 'athlete-77', receivedAt: AT.toISOString() },
        },
      ]);
    });

    it('should give a later notification of the same day a new key, and a redelivery at the same instant the same key', () => {
      const body = Buffer.from(VECTOR_BODY);
      const first = parseFitbitDelivery(body, AT)[0].dedupeKey;
      expect(parseFitbitDelivery(body, new Date(AT.getTime())).map((e) => e.dedupeKey)).toEqual([first]);
      expect(parseFitbitDelivery(body, new Date(AT.getTime() + 1))[0].dedupeKey).not.toBe(first);
    });

    it('should accept an empty batch and stamp the delivery with the current time through the adapter', () => {
      expect(fitbitAdapter.parseDelivery(request({ rawBody: Buffer.from('[]') }))).toEqual([]);
      const [e] = fitbitAdapter.parseDelivery(request());
      const stamp = Number(e.dedupeKey.split(':').pop());
      expect(e.dedupeKey).toBe(`228TQ4:activities:2026-03-01:${stamp}`);
      expect((e.payload as { receivedAt: string }).receivedAt).toBe(new Date(stamp).toISOString());
    });

    it('should reject bodies that are not JSON (400) or not a batch of notifications (422 naming the field)', () => {
      expect(domainError(() => parseFitbitDelivery(Buffer.from('[{"collectionType":'), AT)).code).toBe(ErrorCode.MalformedJson);
      const notArray = domainError(() => parseFitbitDelivery(Buffer.from('{"collectionType":"activities"}'), AT));
      expect([notArray.code, notArray.message]).toEqual([ErrorCode.ValidationFailed, 'body must be an array of notifications']);
      expect(domainError(() => parseFitbitDelivery(Buffer.from('[{"collectionType":"activities","date":"2026-03-01"}]'), AT)).message).toMatch(/^\[0\]\.ownerId /);
      expect(domainError(() => parseFitbitDelivery(Buffer.from('[{"collectionType":"sleep","ownerId":"A","date":"2026-02-30"}]'), AT)).message).toMatch(/^\[0\]\.date /);
      expect(domainError(() => parseFitbitDelivery(Buffer.from('[{"ownerId":"A","date":"2026-03-01"}]'), AT)).message).toMatch(/^\[0\]\.collectionType /);
      expect(domainError(() => parseFitbitDelivery(Buffer.from('[null]'), AT)).message).toMatch(/^\[0\] /);
    });

    it('should never throw anything but a coded DomainError, whatever the body', () => {
      const entry = fc.record(
        {
          collectionType: fc.oneof(fc.constantFrom('activities', 'sleep', 'userRevokedAccess', 'body', ''), fc.anything()),
          ownerId: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.anything()),
          date: fc.oneof(fc.constantFrom('2026-03-01', '2026-02-29', '2026-3-1'), fc.string(), fc.anything()),
          subscriptionId: fc.anything(),
        },
        { requiredKeys: [] },
      );
      const body = fc.oneof(
        fc.string().map((s) => Buffer.from(s)),
        fc.uint8Array().map((b) => Buffer.from(b)),
        fc.json().map((s) => Buffer.from(s)),
        fc.array(fc.oneof(entry, fc.anything())).map((a) => Buffer.from(JSON.stringify(a))),
      );
      fc.assert(
        fc.property(body, (raw) => {
          try {
            parseFitbitDelivery(raw, AT);
            return true;
          } catch (error) {
            return error instanceof DomainError && Object.values(ErrorCode).includes(error.code);
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('process', () => {
    it('should re-fetch the day, upsert what Fitbit lists, replace the days around it and read the resting HR', async () => {
      const { ctx, calls } = fakeApi(DAY_ROUTES);
      const changes = await fitbitAdapter.process(event('activities'), ctx);

      expect(calls[0]).toEqual({ path: '1/user/-/activities/list.json', query: { afterDate: '2026-02-27T00:00:00', sort: 'asc', limit: 100, offset: 0 } });
      expect(kinds(changes)).toEqual(['session.upsert', 'session.upsert', 'session.upsert', 'sessions.replace-day', 'sessions.replace-day', 'sessions.replace-day', 'recovery.upsert']);
      const sessions = changes.flatMap((c) => (c.kind === 'session.upsert' ? [c.session] : []));
      // The Weights entry of 03-04 lies beyond day+2: it ends the listing and is not touched.
      expect(sessions.map((s) => s.externalId)).toEqual(['61402970001', '61402981234', '61402990077']);
      expect(sessions[1]).toMatchObject({ startTime: new Date('2026-03-01T06:02:11Z'), durationS: 3012, distanceM: 8120, avgHr: 151, sport: 'run' });
      expect(sessions[2]).toMatchObject({ sport: 'ride', movingTimeS: 2640, avgHr: 137 });
      expect(sessions[2].distanceM).toBe(23496.422); // 14.6 mi, to the millimetre
      // One version for everything read in this fetch (sessions and the deletes decided from it).
      const version = sessions[0].sourceUpdatedAt as Date;
      expect(version).toBeInstanceOf(Date);
      expect(sessions.every((s) => s.sourceUpdatedAt === version)).toBe(true);

      const replaces = changes.filter((c) => c.kind === 'sessions.replace-day');
      expect(replaces).toEqual(
        ['2026-02-28', '2026-03-01', '2026-03-02'].map((date) => ({ kind: 'sessions.replace-day', date, keepExternalIds: ['61402970001', '61402981234', '61402990077'], at: version })),
      );
      // Resting HR only: HRV and sleep come with the sleep notification, and recovery rows merge.
      expect(changes.at(-1)).toEqual({ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 54, hrvRmssd: null, sleepS: null } });
      expect(calls.map((c) => c.path)).toEqual(['1/user/-/activities/list.json', '1/user/-/activities/heart/date/2026-03-01/1d.json']);
    });

    it('should follow pagination.next on its own API base, never to the host the answer names', async () => {
      const next = 'https://evil.example/1/user/-/activities/list.json?offset=100&limit=100&sort=asc&afterDate=2026-02-27T00:00:00';
      const second = fixture('activity_list_page.json') as { activities: unknown[] };
      const page1 = { activities: [second.activities[0]], pagination: { next } };
      const { ctx, calls } = fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': (q: Record<string, unknown>) => (q.offset === '100' ? second : page1) });
      const changes = await fitbitAdapter.process(event('activities'), ctx);
      const lists = calls.filter((c) => c.path === '1/user/-/activities/list.json');
      expect(lists.map((c) => c.query)).toEqual([
        { afterDate: '2026-02-27T00:00:00', sort: 'asc', limit: 100, offset: 0 },
        { offset: '100', limit: '100', sort: 'asc', afterDate: '2026-02-27T00:00:00' },
      ]);
      expect(calls.every((c) => !c.path.includes('evil.example'))).toBe(true);
      expect(kinds(changes).filter((k) => k === 'sessions.replace-day')).toHaveLength(3);
    });

    it('should replace the days with nothing kept when Fitbit lists nothing, but not after an empty page that promises more', async () => {
      const none = await fitbitAdapter.process(event('activities'), fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': { activities: [], pagination: { next: '' } } }).ctx);
      expect(none.filter((c) => c.kind === 'sessions.replace-day')).toEqual(
        ['2026-02-28', '2026-03-01', '2026-03-02'].map((date) => expect.objectContaining({ date, keepExternalIds: [] })),
      );
      const odd = { activities: [], pagination: { next: 'https://api.fitbit.com/1/user/-/activities/list.json?offset=100' } };
      const changes = await fitbitAdapter.process(event('activities'), fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': odd }).ctx);
      expect(kinds(changes)).toEqual(['recovery.upsert']);
    });

    it('should emit no deletes when an entry cannot be read or the listing never ends', async () => {
      const broken = { activities: [{ activityName: 'Run', startTime: '2026-03-01T07:00:00Z', duration: 60000 }, ...(fixture('activity_list_page.json') as { activities: unknown[] }).activities] };
      const unreadable = await fitbitAdapter.process(event('activities'), fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': broken }).ctx);
      expect(kinds(unreadable)).toEqual(['session.upsert', 'session.upsert', 'session.upsert', 'recovery.upsert']);

      const endless = { activities: [{ logId: 1, startTime: '2026-03-01T07:00:00Z', duration: 60000 }], pagination: { next: 'https://api.fitbit.com/1/user/-/activities/list.json?offset=1' } };
      const { ctx, calls } = fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': endless });
      const changes = await fitbitAdapter.process(event('activities'), ctx);
      expect(kinds(changes)).not.toContain('sessions.replace-day');
      expect(calls.filter((c) => c.path === '1/user/-/activities/list.json')).toHaveLength(10);
    });

    it('should keep the id of an entry it cannot map, so a glitch in one field never deletes the session', async () => {
      const list = { activities: [{ logId: 5, startTime: '2026-03-01T07:00:00Z', duration: 'long' }], pagination: { next: '' } };
      const changes = await fitbitAdapter.process(event('activities'), fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': list }).ctx);
      expect(changes.filter((c) => c.kind === 'session.upsert')).toHaveLength(0);
      expect(changes.find((c) => c.kind === 'sessions.replace-day')).toMatchObject({ keepExternalIds: ['5'] });
    });

    it('should turn a sleep notification into the night’s HRV and sleep, without a resource the athlete did not grant (403)', async () => {
      const { ctx, calls } = fakeApi(DAY_ROUTES);
      expect(await fitbitAdapter.process(event('sleep'), ctx)).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: null, hrvRmssd: 41.27, sleepS: 412 * 60 } }]);
      expect(calls.map((c) => c.path)).toEqual(['1/user/-/hrv/date/2026-03-01.json', '1.2/user/-/sleep/date/2026-03-01.json']);

      const forbidden = () => {
        throw new ProviderHttpError('fitbit', 403, 'hrv', 'insufficient_scope');
      };
      const withoutHrv = await fitbitAdapter.process(event('sleep'), fakeApi({ ...DAY_ROUTES, '1/user/-/hrv/date/2026-03-01.json': forbidden }).ctx);
      expect(withoutHrv).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: null, hrvRmssd: null, sleepS: 412 * 60 } }]);
      const nothing = await fitbitAdapter.process(event('sleep'), fakeApi({ '1/user/-/hrv/date/2026-03-01.json': { hrv: [] }, '1.2/user/-/sleep/date/2026-03-01.json': { sleep: [] } }).ctx);
      expect(nothing).toEqual([]);
    });

    it('should reject (DomainError) an answer that is not what Fitbit documents, and retry (rethrow) a server error', async () => {
      await expect(fitbitAdapter.process(event('activities'), fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': { error: 'x' } }).ctx)).rejects.toBeInstanceOf(DomainError);
      const down = () => {
        throw new ProviderHttpError('fitbit', 502, 'list', 'bad gateway');
      };
      await expect(fitbitAdapter.process(event('activities'), fakeApi({ ...DAY_ROUTES, '1/user/-/activities/list.json': down }).ctx)).rejects.toMatchObject({ status: 502 });
    });

    it('should report a revocation only when the API refuses the athlete’s token', async () => {
      expect(await fitbitAdapter.process(event('userRevokedAccess'), fakeApi({ '1/user/-/profile.json': { user: { encodedId: '228TQ4' } } }).ctx)).toEqual([]);
      for (const status of [400, 401]) {
        const refused = () => {
          throw new ProviderHttpError('fitbit', status, 'token', 'invalid_grant');
        };
        expect(await fitbitAdapter.process(event('userRevokedAccess'), fakeApi({ '1/user/-/profile.json': refused }).ctx)).toEqual([{ kind: 'deauthorized' }]);
      }
      const down = () => {
        throw new ProviderHttpError('fitbit', 503, 'profile', 'unavailable');
      };
      await expect(fitbitAdapter.process(event('userRevokedAccess'), fakeApi({ '1/user/-/profile.json': down }).ctx)).rejects.toMatchObject({ status: 503 });
    });

    it('should reject a stored payload that is not a Fitbit notification', async () => {
      const { ctx } = fakeApi({});
      for (const payload of [null, { collectionType: 'body', ownerId: 'A', date: '2026-03-01' }, { collectionType: 'sleep', ownerId: 'A', date: 'yesterday' }, { collectionType: 'sleep', date: '2026-03-01' }]) {
        await expect(fitbitAdapter.process({ ...event('sleep'), payload }, ctx)).rejects.toBeInstanceOf(DomainError);
      }
    });
  });

  describe('backfill', () => {
    it('should page the activity list by pagination.next and merge heart, HRV and sleep ranges into recovery rows', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
      const page1 = { activities: [{ logId: 1, activityName: 'Run', startTime: `${since}T07:00:00.000+01:00`, duration: 1800000 }], pagination: { next: 'https://api.fitbit.com/1/user/-/activities/list.json?afterDate=x&offset=100&limit=100&sort=asc' } };
      const page2 = { activities: [{ logId: 2, activityName: 'Swim', startTime: `${today}T07:00:00.000+01:00`, duration: 1200000 }, { logId: 3 }], pagination: { next: '' } };
      const heart = { 'activities-heart': [{ dateTime: since, value: { restingHeartRate: 55 } }] };
      const routes: Record<string, Answer> = {
        '1/user/-/activities/list.json': (q: Record<string, unknown>) => (q.offset === '100' ? page2 : page1),
        [`1/user/-/activities/heart/date/${since}/${today}.json`]: heart,
        [`1.2/user/-/sleep/date/${since}/${today}.json`]: { sleep: [{ dateOfSleep: today, minutesAsleep: 400, isMainSleep: true }] },
      };
      const { api, calls } = fakeApi(routes);
      // HRV comes in 30-day ranges.
      const hrvRanges: string[] = [];
      const ctx: ProcessContext = {
        settings,
        providerUserId: '228TQ4',
        api: {
          ...api,
          getJson: <T>(p: string, q?: Record<string, string | number | undefined>) => {
            if (p.startsWith('1/user/-/hrv/')) {
              hrvRanges.push(p);
              return Promise.resolve({ hrv: p.includes(`/${since}/`) ? [{ dateTime: since, value: { dailyRmssd: 38.5 } }] : [] } as T);
            }
            return api.getJson<T>(p, q);
          },
        },
      };
      const pages: ProviderChange[][] = [];
      for await (const page of fitbitAdapter.backfill!(ctx, since)) pages.push(page);

      expect(calls[0].query).toEqual({ afterDate: since, sort: 'asc', limit: 100, offset: 0 });
      expect(pages.map(kinds)).toEqual([['session.upsert'], ['session.upsert'], ['recovery.upsert', 'recovery.upsert']]);
      expect(hrvRanges).toHaveLength(4);
      expect(pages[2]).toEqual([
        { kind: 'recovery.upsert', recovery: { date: since, restingHr: 55, hrvRmssd: 38.5, sleepS: null } },
        { kind: 'recovery.upsert', recovery: { date: today, restingHr: null, hrvRmssd: null, sleepS: 24000 } },
      ]);
    });
  });

  describe('afterConnect (subscription)', () => {
    const writeApi = (send: (method: string, path: string) => Promise<unknown>) => {
      const sent: string[] = [];
      const api: ProviderWriteApi = {
        getJson: () => Promise.reject(new Error('not used')),
        getBytes: () => Promise.reject(new Error('not used')),
        send: (method, p) => {
          sent.push(`${method} ${p}`);
          return send(method, p);
        },
      };
      return { api, sent };
    };

    const CONNECT_CONTEXT = { settings: {}, webhookUrl: 'http://localhost/webhooks/fitbit' };

    it('should subscribe the new user to all collections under our subscription id', async () => {
      const { api, sent } = writeApi(() => Promise.resolve({ apiSubscriptions: [] }));
      await fitbitAdapter.oauth!.afterConnect!(api, '228TQ4', CONNECT_CONTEXT);
      expect(sent).toEqual(['POST 1/user/-/apiSubscriptions/loadwatch-228TQ4.json']);
      expect(fitbitSubscriptionId('X'.repeat(80))).toHaveLength(50);
    });

    it('should accept a user already subscribed under another id (409) and fail the connect on any other error', async () => {
      const conflict = writeApi(() => Promise.reject(new ProviderHttpError('fitbit', 409, 'apiSubscriptions', 'conflict')));
      await expect(fitbitAdapter.oauth!.afterConnect!(conflict.api, '228TQ4', CONNECT_CONTEXT)).resolves.toBeUndefined();
      const down = writeApi(() => Promise.reject(new ProviderHttpError('fitbit', 503, 'apiSubscriptions', 'unavailable')));
      await expect(fitbitAdapter.oauth!.afterConnect!(down.api, '228TQ4', CONNECT_CONTEXT)).rejects.toMatchObject({ status: 503 });
    });
  });

  describe('oauth', () => {
    it('should use PKCE, Basic client auth, the four scopes and the user id of the token answer', () => {
      const oauth = fitbitAdapter.oauth!;
      expect(oauth).toMatchObject({ pkce: true, clientAuth: 'basic', scopes: ['activity', 'heartrate', 'sleep', 'profile'] });
      expect(oauth.userIdFromToken({ access_token: 'a', user_id: '228TQ4' })).toBe('228TQ4');
      expect(oauth.userIdFromToken({ access_token: 'a' })).toBeNull();
      expect(oauth.tokenUrl({})).toBe('https://api.fitbit.com/oauth2/token');
      expect(oauth.authorizeUrl({})).toBe('https://www.fitbit.com/oauth2/authorize');
      expect(oauth.revokeUrl!({ tokenUrl: 'http://127.0.0.1:9/oauth2/token' })).toBe('http://127.0.0.1:9/oauth2/revoke');
    });
  });
});
