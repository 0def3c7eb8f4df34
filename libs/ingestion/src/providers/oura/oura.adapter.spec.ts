import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { ouraAdapter, parseOuraTimestamp } from './oura.adapter';

const FIXTURES = join(__dirname, '../../../../../tests/fixtures/providers/oura');
const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const fixture = (name: string): Record<string, unknown> => JSON.parse(fixtureText(name));

// webhooks.md §13.
const VECTOR = {
  key: 'oura_client_secret_example',
  timestamp: '2026-03-01T07:12:45.123+00:00',
  body: '{"event_type":"create","data_type":"daily_readiness","object_id":"8f9a5221-639e-4a85-81cb-4065ef23f979","event_time":"2026-03-01T07:12:44.000+00:00","user_id":"3f1c2a"}',
  signature: '05645845BB08227917E81AA59A819FFD395DAEDA7C57DD5E7614C948A3BA9C81',
};
const SETTINGS: ProviderSettings = { clientSecret: VECTOR.key, verifyToken: 'oura-verify', clientId: 'cid' };
const AT_VECTOR = new Date('2026-03-01T07:12:50Z');

function request(body: string | Buffer, headers: Record<string, string> = {}, method = 'POST', query: Record<string, string> = {}): InboundRequest {
  return { method, pathToken: undefined, query, headers, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}
const signed = (body = VECTOR.body, signature = VECTOR.signature, timestamp = VECTOR.timestamp) => request(body, { 'x-oura-signature': signature, 'x-oura-timestamp': timestamp });

/** An in-memory Oura API: "path?query" or "path" → JSON, anything else 404; every call is recorded. */
class FakeApi implements ProviderApi {
  readonly calls: { path: string; query?: Record<string, string | number | undefined> }[] = [];
  constructor(private readonly routes: Record<string, unknown>) {}

  getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    this.calls.push({ path, query });
    const qs = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    const key = qs && `${path}?${qs}` in this.routes ? `${path}?${qs}` : path;
    if (!(key in this.routes)) return Promise.reject(new ProviderHttpError('oura', 404, path, '{"detail":"Not Found"}'));
    const value = this.routes[key];
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value as T);
  }

  getBytes(): Promise<Buffer> {
    return Promise.reject(new Error('not used'));
  }
}

const context = (api: ProviderApi): ProcessContext => ({ settings: SETTINGS, api, providerUserId: '3f1c2a' });
const event = (body: Record<string, unknown>): DeliveryEvent => ouraAdapter.parseDelivery(request(JSON.stringify(body)))[0];

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

async function collect(iterable: AsyncIterable<ProviderChange[]>): Promise<ProviderChange[][]> {
  const pages: ProviderChange[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('ouraAdapter.verify', () => {
  it('should accept the webhooks.md §13 Oura vector', () => {
    expect(() => ouraAdapter.verify(signed(), SETTINGS, AT_VECTOR)).not.toThrow();
  });

  it('should accept the vector signature in lower-case hex', () => {
    expect(() => ouraAdapter.verify(signed(VECTOR.body, VECTOR.signature.toLowerCase()), SETTINGS, AT_VECTOR)).not.toThrow();
  });

  it('should refuse the vector signature when the body or the timestamp changed', () => {
    expect(domainErrorOf(() => ouraAdapter.verify(signed(VECTOR.body.replace('3f1c2a', '3f1c2b')), SETTINGS, AT_VECTOR)).code).toBe(ErrorCode.SignatureInvalid);
    expect(domainErrorOf(() => ouraAdapter.verify(signed(VECTOR.body, VECTOR.signature, '2026-03-01T07:12:46.123+00:00'), SETTINGS, AT_VECTOR)).code).toBe(
      ErrorCode.SignatureInvalid,
    );
  });

  it('should refuse a delivery without the signature or the timestamp header', () => {
    expect(domainErrorOf(() => ouraAdapter.verify(request(VECTOR.body, { 'x-oura-timestamp': VECTOR.timestamp }), SETTINGS, AT_VECTOR)).code).toBe(ErrorCode.SignatureMissing);
    expect(domainErrorOf(() => ouraAdapter.verify(request(VECTOR.body, { 'x-oura-signature': VECTOR.signature }), SETTINGS, AT_VECTOR)).code).toBe(ErrorCode.SignatureMissing);
  });

  it('should refuse a correctly signed delivery whose timestamp is more than 5 minutes from now, either way', () => {
    expect(() => ouraAdapter.verify(signed(), SETTINGS, new Date('2026-03-01T07:17:45Z'))).not.toThrow();
    expect(domainErrorOf(() => ouraAdapter.verify(signed(), SETTINGS, new Date('2026-03-01T07:17:46Z'))).code).toBe(ErrorCode.TimestampOutOfTolerance);
    expect(domainErrorOf(() => ouraAdapter.verify(signed(), SETTINGS, new Date('2026-03-01T07:07:45Z'))).code).toBe(ErrorCode.TimestampOutOfTolerance);
  });

  it('should answer 404 while OURA_CLIENT_SECRET is not configured', () => {
    expect(domainErrorOf(() => ouraAdapter.verify(signed(), {}, AT_VECTOR)).code).toBe(ErrorCode.NotFound);
  });
});

describe('parseOuraTimestamp', () => {
  it.each([
    ['2026-03-01T07:12:45.123+00:00', Date.UTC(2026, 2, 1, 7, 12, 45, 123)],
    ['2026-03-01T07:12:45Z', Date.UTC(2026, 2, 1, 7, 12, 45)],
    ['1772348400', 1_772_348_400_000],
    ['1772348400.5', 1_772_348_400_500],
    ['1772348400000', 1_772_348_400_000],
  ])('should read %s', (text, ms) => {
    expect(parseOuraTimestamp(text)).toBe(ms);
  });

  it.each(['', 'yesterday', '2026-03-01T07:12:45', '17723484', '2026-03-01'])('should refuse %j', (text) => {
    expect(parseOuraTimestamp(text)).toBeNull();
  });

  it('should refuse a correctly signed delivery whose timestamp is not a time', () => {
    const body = VECTOR.body;
    const sig = (ts: string) => createHmac('sha256', VECTOR.key).update(ts).update(body).digest('hex').toUpperCase();
    expect(domainErrorOf(() => ouraAdapter.verify(signed(body, sig('soon'), 'soon'), SETTINGS, AT_VECTOR)).code).toBe(ErrorCode.TimestampOutOfTolerance);
  });
});

describe('ouraAdapter.handshake', () => {
  const get = (query: Record<string, string>) => request('', {}, 'GET', query);

  it('should echo the challenge when the verification token matches', () => {
    expect(ouraAdapter.handshake(get({ verification_token: 'oura-verify', challenge: 'c-123' }), SETTINGS)).toEqual({ status: 200, body: { challenge: 'c-123' } });
  });

  it('should answer 403 to a wrong token, 422 to a malformed handshake and 404 while unconfigured', () => {
    expect(domainErrorOf(() => ouraAdapter.handshake(get({ verification_token: 'nope', challenge: 'c' }), SETTINGS)).code).toBe(ErrorCode.Forbidden);
    expect(domainErrorOf(() => ouraAdapter.handshake(get({ verification_token: 'oura-verify' }), SETTINGS)).code).toBe(ErrorCode.ValidationFailed);
    expect(domainErrorOf(() => ouraAdapter.handshake(get({}), SETTINGS)).code).toBe(ErrorCode.ValidationFailed);
    expect(domainErrorOf(() => ouraAdapter.handshake(get({ verification_token: 'oura-verify', challenge: 'c' }), {})).code).toBe(ErrorCode.NotFound);
  });

  it('should treat a POST as a delivery', () => {
    expect(ouraAdapter.handshake(signed(), SETTINGS)).toBeNull();
  });
});

describe('ouraAdapter.parseDelivery', () => {
  it('should turn the webhooks.md §6c notification into one event keyed by user, type, object, event and time', () => {
    expect(ouraAdapter.parseDelivery(request(fixtureText('webhook_notification_docs_example.json')))).toEqual([
      {
        dedupeKey: '3f1c2a:daily_readiness:8f9a5221-639e-4a85-81cb-4065ef23f979:create:2026-03-01T07:12:44.000+00:00',
        providerUserId: '3f1c2a',
        eventType: 'daily_readiness.create',
        payload: {
          event_type: 'create',
          data_type: 'daily_readiness',
          object_id: '8f9a5221-639e-4a85-81cb-4065ef23f979',
          event_time: '2026-03-01T07:12:44.000+00:00',
          user_id: '3f1c2a',
        },
      },
    ]);
  });

  it('should accept the day-keyed shape of the open-wearables sample notification', () => {
    expect(ouraAdapter.parseDelivery(request(fixtureText('open_wearables_sample_oura_webhook_notification.json')))).toEqual([
      expect.objectContaining({
        dedupeKey: 'oura-user-123:daily_sleep:2024-01-15:create:2024-01-15T08:00:00+00:00',
        eventType: 'daily_sleep.create',
        payload: expect.objectContaining({ day: '2024-01-15', event_time: '2024-01-15T08:00:00+00:00' }),
      }),
    ]);
  });

  it('should give an update and a delete of the same document their own keys', () => {
    const base = fixture('webhook_notification_docs_example.json');
    const keys = ['create', 'update', 'delete'].map((t) => event({ ...base, data_type: 'workout', event_type: t }).dedupeKey);
    expect(new Set(keys).size).toBe(3);
    expect(event({ ...base, event_time: '2026-03-01T08:00:00+00:00' }).dedupeKey).not.toBe(event(base).dedupeKey);
  });

  it('should acknowledge data types Loadwatch does not use without storing them', () => {
    const base = fixture('webhook_notification_docs_example.json');
    expect(ouraAdapter.parseDelivery(request(JSON.stringify({ ...base, data_type: 'daily_spo2' })))).toEqual([]);
    expect(ouraAdapter.parseDelivery(request(JSON.stringify({ ...base, data_type: 'heartrate' })))).toEqual([]);
  });

  it.each([
    ['body', '"x"'],
    ['event_type', '{"event_type":"upsert","data_type":"workout","object_id":"w","event_time":"2026-03-01T07:12:44Z","user_id":"u"}'],
    ['data_type', '{"event_type":"create","object_id":"w","event_time":"2026-03-01T07:12:44Z","user_id":"u"}'],
    ['user_id', '{"event_type":"create","data_type":"workout","object_id":"w","event_time":"2026-03-01T07:12:44Z"}'],
    ['event_time', '{"event_type":"create","data_type":"workout","object_id":"w","event_time":"yesterday","user_id":"u"}'],
    ['object_id', '{"event_type":"create","data_type":"workout","event_time":"2026-03-01T07:12:44Z","user_id":"u","data_timestamp":"2026-03-01"}'],
    ['object_id', '{"event_type":"create","data_type":"sleep","event_time":"2026-03-01T07:12:44Z","user_id":"u"}'],
    ['object_id', '{"event_type":"create","data_type":"sleep","object_id":[],"event_time":"2026-03-01T07:12:44Z","user_id":"u"}'],
  ])('should reject a delivery with a bad %s with a 422 naming it', (name, body) => {
    const error = domainErrorOf(() => ouraAdapter.parseDelivery(request(body)));
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message.startsWith(name)).toBe(true);
  });

  it('should reject a body that is not JSON with a 400', () => {
    expect(domainErrorOf(() => ouraAdapter.parseDelivery(request('{"event_type"'))).code).toBe(ErrorCode.MalformedJson);
  });

  it('should never throw anything but a coded DomainError, whatever the body or headers', () => {
    const field = fc.oneof(fc.anything(), fc.constantFrom('create', 'delete', 'workout', 'sleep', 'daily_readiness', '2026-03-01', '2026-03-01T07:12:44Z', 'u1'));
    const body = fc.oneof(
      fc.string().map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
      fc
        .dictionary(fc.constantFrom('event_type', 'data_type', 'object_id', 'event_time', 'event_timestamp', 'data_timestamp', 'user_id'), field)
        .map((o) => Buffer.from(JSON.stringify(o) ?? '')),
    );
    const header = fc.option(fc.string({ maxLength: 80 }), { nil: undefined });
    fc.assert(
      fc.property(body, header, header, (raw, signature, timestamp) => {
        const headers: Record<string, string> = {};
        if (signature !== undefined) headers['x-oura-signature'] = signature;
        if (timestamp !== undefined) headers['x-oura-timestamp'] = timestamp;
        for (const step of [() => ouraAdapter.parseDelivery(request(raw)), () => ouraAdapter.verify(request(raw, headers), SETTINGS, AT_VECTOR)]) {
          try {
            step();
          } catch (error) {
            if (!(error instanceof DomainError) || !Object.values(ErrorCode).includes(error.code)) throw error;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ouraAdapter.process', () => {
  const workout = fixture('realistic_workout_cycling.json');
  const workoutId = workout.id as string;
  const note = (patch: Record<string, unknown>) =>
    event({ event_type: 'create', data_type: 'workout', object_id: workoutId, event_time: '2026-03-01T23:50:00.000+00:00', user_id: '3f1c2a', ...patch });

  it('should fetch a created or updated workout by id and upsert it, versioned by the event time', async () => {
    const api = new FakeApi({ [`v2/usercollection/workout/${workoutId}`]: workout });
    for (const eventType of ['create', 'update']) {
      expect(await ouraAdapter.process(note({ event_type: eventType }), context(api))).toEqual([
        { kind: 'session.upsert', session: expect.objectContaining({ externalId: workoutId, durationS: 5490, sport: 'ride', avgHr: null, sourceUpdatedAt: new Date('2026-03-01T23:50:00Z') }) },
      ]);
    }
    expect(api.calls.map((c) => c.path)).toEqual([`v2/usercollection/workout/${workoutId}`, `v2/usercollection/workout/${workoutId}`]);
  });

  it('should delete a workout only when the API confirms it is gone (404)', async () => {
    const stillThere = new FakeApi({ [`v2/usercollection/workout/${workoutId}`]: workout });
    expect(await ouraAdapter.process(note({ event_type: 'delete' }), context(stillThere))).toEqual([]);
    expect(await ouraAdapter.process(note({ event_type: 'delete' }), context(new FakeApi({})))).toEqual([
      { kind: 'session.delete', externalId: workoutId, at: new Date('2026-03-01T23:50:00Z') },
    ]);
  });

  it('should not read a failed confirmation as a delete', async () => {
    const failing = new FakeApi({ [`v2/usercollection/workout/${workoutId}`]: new ProviderHttpError('oura', 500, 'x', 'boom') });
    await expect(ouraAdapter.process(note({ event_type: 'delete' }), context(failing))).rejects.toMatchObject({ status: 500 });
  });

  it('should reject a fetched workout that is not the notified one', async () => {
    const api = new FakeApi({ [`v2/usercollection/workout/${workoutId}`]: { ...workout, id: 'another' } });
    await expect(ouraAdapter.process(note({}), context(api))).rejects.toThrow(/^id must be the notified workout/);
  });

  it('should re-read the readiness day’s sleep periods into one recovery day, the night beating the nap', async () => {
    const readiness = { id: 'rd-1', day: '2026-03-01', score: 82 };
    const api = new FakeApi({
      'v2/usercollection/daily_readiness/rd-1': readiness,
      'v2/usercollection/sleep?start_date=2026-03-01&end_date=2026-03-02': { data: [fixture('realistic_sleep_nap.json')], next_token: 'p2' },
      'v2/usercollection/sleep?start_date=2026-03-01&end_date=2026-03-02&next_token=p2': { data: [fixture('sleep_docs_example.json'), { ...fixture('sleep_docs_example.json'), id: 'prev', day: '2026-03-02' }], next_token: null },
    });
    const changes = await ouraAdapter.process(note({ data_type: 'daily_readiness', object_id: 'rd-1' }), context(api));
    expect(changes).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 44, hrvRmssd: 61, sleepS: 26400 } }]);
  });

  it('should use the day a notification names instead of fetching the document', async () => {
    const api = new FakeApi({ 'v2/usercollection/sleep?start_date=2024-01-15&end_date=2024-01-16': { data: [fixture('open_wearables_sample_oura_sleep.json')] } });
    const n = ouraAdapter.parseDelivery(request(fixtureText('open_wearables_sample_oura_webhook_notification.json')))[0];
    expect(await ouraAdapter.process(n, context(api))).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2024-01-15', restingHr: 48, hrvRmssd: 45, sleepS: 27000 } }]);
    expect(api.calls).toHaveLength(1);
  });

  it('should store nothing for a day without a main sleep, and for deleted sleep documents', async () => {
    const api = new FakeApi({ 'v2/usercollection/sleep/nap-2026-03-01-0001': fixture('realistic_sleep_nap.json'), 'v2/usercollection/sleep?start_date=2026-03-01&end_date=2026-03-02': { data: [fixture('realistic_sleep_nap.json')] } });
    expect(await ouraAdapter.process(note({ data_type: 'sleep', object_id: 'nap-2026-03-01-0001' }), context(api))).toEqual([]);
    expect(await ouraAdapter.process(note({ data_type: 'sleep', event_type: 'delete', object_id: 'nap-2026-03-01-0001' }), context(api))).toEqual([]);
  });

  it('should reject a sleep page that is not a page', async () => {
    const api = new FakeApi({ 'v2/usercollection/sleep/s1': fixture('sleep_docs_example.json'), 'v2/usercollection/sleep?start_date=2026-03-01&end_date=2026-03-02': [1, 2] });
    await expect(ouraAdapter.process(note({ data_type: 'sleep', object_id: 's1' }), context(api))).rejects.toThrow(/^data sleep page must carry a data list/);
  });
});

describe('ouraAdapter.backfill', () => {
  it('should page through workouts and sleep with next_token and turn sleep periods into recovery days', async () => {
    const w = fixture('realistic_workout_cycling.json');
    const night = fixture('sleep_docs_example.json');
    const routes: Record<string, unknown> = {};
    const api = new FakeApi(routes);
    const since = '2026-02-01';
    const end = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    routes[`v2/usercollection/workout?start_date=${since}&end_date=${end}`] = { data: [w, { ...w, id: 'bad', end_datetime: 'never' }], next_token: 't1' };
    routes[`v2/usercollection/workout?start_date=${since}&end_date=${end}&next_token=t1`] = { data: [{ ...w, id: 'w2' }], next_token: null };
    routes[`v2/usercollection/sleep?start_date=${since}&end_date=${end}`] = { data: [{ ...night, id: 'a', day: '2026-02-28' }, fixture('realistic_sleep_nap.json')], next_token: 's1' };
    routes[`v2/usercollection/sleep?start_date=${since}&end_date=${end}&next_token=s1`] = { data: [night], next_token: 's1' };
    const pages = await collect(ouraAdapter.backfill!(context(api), since));
    expect(pages.map((p) => p.map((c) => (c.kind === 'session.upsert' ? c.session.externalId : c.kind === 'recovery.upsert' ? c.recovery.date : c.kind)))).toEqual([
      [w.id],
      ['w2'],
      ['2026-02-28', '2026-03-01'],
    ]);
    // A repeated next_token ends the paging instead of looping.
    expect(api.calls.filter((c) => c.path === 'v2/usercollection/sleep')).toHaveLength(2);
  });
});

describe('ouraAdapter.oauth', () => {
  const oauth = ouraAdapter.oauth!;

  it('should authorize at cloud.ouraring.com and exchange at api.ouraring.com with the secret in the body', () => {
    expect(oauth.authorizeUrl({})).toBe('https://cloud.ouraring.com/oauth/authorize');
    expect(oauth.tokenUrl({})).toBe('https://api.ouraring.com/oauth/token');
    expect(oauth.clientAuth).toBe('body');
    expect(oauth.userIdFromToken({ access_token: 'x' })).toBeNull();
  });

  it('should read the user id from personal_info', async () => {
    const api = new FakeApi({ 'v2/usercollection/personal_info': { id: '3f1c2a', age: 31 } });
    expect(await oauth.fetchUserId!(api)).toBe('3f1c2a');
    await expect(oauth.fetchUserId!(new FakeApi({ 'v2/usercollection/personal_info': { age: 31 } }))).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
  });
});
