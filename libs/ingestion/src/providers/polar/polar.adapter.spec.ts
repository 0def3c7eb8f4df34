import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { polarAdapter, resourcePath } from './polar.adapter';
import { registerPolarUser } from './polar.registration';

const FIXTURES = join(__dirname, '../../../../../tests/fixtures/providers/polar');
const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const fixture = (name: string): Record<string, unknown> => JSON.parse(fixtureText(name));

// webhooks.md §13.
const VECTOR = {
  key: 'polar_signature_secret_key_example',
  body: '{"event":"EXERCISE","user_id":475,"entity_id":"aQlC83","timestamp":"2026-03-01T14:22:24Z","url":"https://www.polaraccesslink.com/v3/exercises/aQlC83"}',
  signature: '1775f744a5c34382f89131ed6fc28b3d5d275d477871a512f5ed0a9d5a2c36f2',
};
const SETTINGS: ProviderSettings = { webhookSecret: VECTOR.key, clientId: 'cid', clientSecret: 'cs' };
const NOW = new Date('2026-03-01T14:22:30Z');

function request(body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): InboundRequest {
  return { method, pathToken: undefined, query: {}, headers, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

/** An in-memory AccessLink: paths (or absolute URLs) → JSON, anything else 404; every call is recorded. */
class FakeApi implements ProviderApi {
  readonly calls: { path: string; query?: Record<string, string | number | undefined> }[] = [];
  constructor(private readonly routes: Record<string, unknown>) {}

  getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    this.calls.push({ path, query });
    if (!(path in this.routes)) return Promise.reject(new ProviderHttpError('polar', 404, path, '{"error":"Not found"}'));
    const value = this.routes[path];
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value as T);
  }

  getBytes(): Promise<Buffer> {
    return Promise.reject(new Error('not used'));
  }
}

const context = (api: ProviderApi, settings: ProviderSettings = SETTINGS): ProcessContext => ({ settings, api, providerUserId: '475' });

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

describe('polarAdapter.verify', () => {
  it('should accept the webhooks.md §13 Polar vector', () => {
    expect(() => polarAdapter.verify(request(VECTOR.body, { 'polar-webhook-signature': VECTOR.signature }), SETTINGS, NOW)).not.toThrow();
  });

  it('should accept the vector signature in upper-case hex', () => {
    expect(() => polarAdapter.verify(request(VECTOR.body, { 'polar-webhook-signature': VECTOR.signature.toUpperCase() }), SETTINGS, NOW)).not.toThrow();
  });

  it('should refuse the vector signature over a body changed by one byte', () => {
    const tampered = VECTOR.body.replace('475', '476');
    expect(domainErrorOf(() => polarAdapter.verify(request(tampered, { 'polar-webhook-signature': VECTOR.signature }), SETTINGS, NOW)).code).toBe(ErrorCode.SignatureInvalid);
  });

  it('should refuse a signature made with another key, and a delivery without one', () => {
    const other = { ...SETTINGS, webhookSecret: 'another_key' };
    expect(domainErrorOf(() => polarAdapter.verify(request(VECTOR.body, { 'polar-webhook-signature': VECTOR.signature }), other, NOW)).code).toBe(ErrorCode.SignatureInvalid);
    expect(domainErrorOf(() => polarAdapter.verify(request(VECTOR.body), SETTINGS, NOW)).code).toBe(ErrorCode.SignatureMissing);
  });

  it('should answer 404 while POLAR_WEBHOOK_SECRET is not configured', () => {
    expect(domainErrorOf(() => polarAdapter.verify(request(VECTOR.body, { 'polar-webhook-signature': VECTOR.signature }), {}, NOW)).code).toBe(ErrorCode.NotFound);
  });
});

describe('polarAdapter.handshake', () => {
  it('should answer the PING of webhook creation with 200, with or without a signature', () => {
    const ping = fixtureText('accesslink_webhook_ping_docs_example.json');
    expect(polarAdapter.handshake(request(ping), SETTINGS)).toEqual({ status: 200 });
    expect(polarAdapter.handshake(request(ping, { 'polar-webhook-signature': 'not-a-signature' }), {})).toEqual({ status: 200 });
  });

  it('should leave every other request to verification', () => {
    expect(polarAdapter.handshake(request(VECTOR.body), SETTINGS)).toBeNull();
    expect(polarAdapter.handshake(request('{"event":'), SETTINGS)).toBeNull();
    expect(polarAdapter.handshake(request('"PING"'), SETTINGS)).toBeNull();
    expect(polarAdapter.handshake(request('', {}, 'GET'), SETTINGS)).toBeNull();
  });
});

describe('polarAdapter.parseDelivery', () => {
  it('should turn the AccessLink EXERCISE example into one event keyed by (user, event, exercise)', () => {
    expect(polarAdapter.parseDelivery(request(fixtureText('accesslink_webhook_exercise_docs_example.json')))).toEqual([
      {
        dedupeKey: '475:EXERCISE:aQlC83',
        providerUserId: '475',
        eventType: 'EXERCISE',
        payload: { event: 'EXERCISE', user_id: '475', entity_id: 'aQlC83', timestamp: '2018-05-15T14:22:24Z', url: 'https://www.polaraccesslink.com/v3/exercises/aQlC83' },
      },
    ]);
  });

  it('should key an exercise without the send time (a re-send is the same exercise) and a night with it (a re-send is new data)', () => {
    const exercise = fixture('accesslink_webhook_exercise_docs_example.json');
    const sleep = fixture('accesslink_webhook_sleep_docs_example.json');
    const keyOf = (body: Record<string, unknown>) => polarAdapter.parseDelivery(request(JSON.stringify(body)))[0].dedupeKey;
    expect(keyOf({ ...exercise, timestamp: '2026-01-01T00:00:00Z' })).toBe(keyOf(exercise));
    expect(keyOf(sleep)).toBe('475:SLEEP:2019-12-31:2018-05-15T14:22:24Z');
    expect(keyOf({ ...sleep, timestamp: '2018-05-16T06:00:00Z' })).not.toBe(keyOf(sleep));
  });

  it('should acknowledge events that carry nothing Loadwatch uses without storing them', () => {
    expect(polarAdapter.parseDelivery(request(fixtureText('accesslink_webhook_activity_summary_docs_example.json')))).toEqual([]);
    expect(polarAdapter.parseDelivery(request('{"event":"CONTINUOUS_HEART_RATE","user_id":475,"date":"2026-03-01"}'))).toEqual([]);
    expect(polarAdapter.parseDelivery(request('{"event":"SOMETHING_POLAR_ADDS_LATER","user_id":475}'))).toEqual([]);
  });

  it.each([
    ['body', '[]'],
    ['event', '{"user_id":475}'],
    ['user_id', '{"event":"EXERCISE","entity_id":"aQlC83"}'],
    ['user_id', '{"event":"EXERCISE","user_id":{"id":475},"entity_id":"aQlC83"}'],
    ['entity_id', '{"event":"EXERCISE","user_id":475}'],
    ['date', '{"event":"SLEEP","user_id":475,"date":"2019-02-30"}'],
    ['url', '{"event":"EXERCISE","user_id":475,"entity_id":"aQlC83","url":"ftp://polar/x"}'],
    ['timestamp', '{"event":"EXERCISE","user_id":475,"entity_id":"aQlC83","timestamp":17}'],
  ])('should reject a delivery with a bad %s with a 422 naming it', (name, body) => {
    const error = domainErrorOf(() => polarAdapter.parseDelivery(request(body)));
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message.startsWith(name)).toBe(true);
  });

  it('should reject a body that is not JSON with a 400', () => {
    expect(domainErrorOf(() => polarAdapter.parseDelivery(request('{"event":'))).code).toBe(ErrorCode.MalformedJson);
  });

  it('should never throw anything but a coded DomainError, whatever the body', () => {
    const field = fc.oneof(fc.anything(), fc.constantFrom('EXERCISE', 'SLEEP', 'PING', 475, '2026-03-01', 'https://www.polaraccesslink.com/v3/x'));
    const body = fc.oneof(
      fc.string().map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
      fc.dictionary(fc.constantFrom('event', 'user_id', 'entity_id', 'date', 'url', 'timestamp'), field).map((o) => Buffer.from(JSON.stringify(o) ?? '')),
    );
    fc.assert(
      fc.property(body, (raw) => {
        try {
          const events = polarAdapter.parseDelivery(request(raw));
          expect(events.length).toBeLessThanOrEqual(1);
        } catch (error) {
          if (!(error instanceof DomainError) || !Object.values(ErrorCode).includes(error.code)) throw error;
        }
        expect(() => polarAdapter.handshake(request(raw), SETTINGS)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('polarAdapter.process', () => {
  const exercise = fixture('accesslink_exercise_docs_example.json');
  const event = (body: Record<string, unknown>): DeliveryEvent => polarAdapter.parseDelivery(request(JSON.stringify(body)))[0];
  const exerciseEvent = event(fixture('accesslink_webhook_exercise_docs_example.json'));

  it('should fetch the notified url with zones and turn the exercise into a session', async () => {
    const api = new FakeApi({ 'https://www.polaraccesslink.com/v3/exercises/aQlC83': exercise });
    const changes = await polarAdapter.process(exerciseEvent, context(api));
    expect(changes).toEqual([{ kind: 'session.upsert', session: expect.objectContaining({ externalId: 'aQlC83', durationS: 2952, avgHr: 156, sport: 'run', rpe: null }) }]);
    expect(api.calls).toEqual([{ path: 'https://www.polaraccesslink.com/v3/exercises/aQlC83', query: { zones: 'true' } }]);
  });

  it('should never send the token to a url outside the configured API, using the canonical path instead', async () => {
    const foreign = event({ ...fixture('accesslink_webhook_exercise_docs_example.json'), url: 'https://evil.example/v3/exercises/aQlC83' });
    const api = new FakeApi({ 'exercises/aQlC83': exercise });
    await polarAdapter.process(foreign, context(api));
    expect(api.calls.map((c) => c.path)).toEqual(['exercises/aQlC83']);
  });

  it('should follow urls on the API configured with POLAR_API_URL', () => {
    const settings = { ...SETTINGS, apiUrl: 'http://127.0.0.1:9999/v3' };
    expect(resourcePath('http://127.0.0.1:9999/v3/exercises/x', 'exercises/x', settings)).toBe('http://127.0.0.1:9999/v3/exercises/x');
    expect(resourcePath('http://127.0.0.1:9999/other/exercises/x', 'exercises/x', settings)).toBe('exercises/x');
    expect(resourcePath('https://www.polaraccesslink.com/v3/exercises/x', 'exercises/x', settings)).toBe('exercises/x');
    expect(resourcePath(undefined, 'exercises/x', settings)).toBe('exercises/x');
  });

  it('should reject an exercise that is not the notified one, and a malformed one, as DomainErrors', async () => {
    const wrong = new FakeApi({ 'https://www.polaraccesslink.com/v3/exercises/aQlC83': { ...exercise, id: 'other' } });
    await expect(polarAdapter.process(exerciseEvent, context(wrong))).rejects.toThrow(/^id must be the notified exercise aQlC83/);
    const broken = new FakeApi({ 'https://www.polaraccesslink.com/v3/exercises/aQlC83': { ...exercise, duration: 'soon' } });
    await expect(polarAdapter.process(exerciseEvent, context(broken))).rejects.toBeInstanceOf(DomainError);
  });

  it('should let a 404 (older than 30 days, or gone) reach the worker, which rejects the event', async () => {
    await expect(polarAdapter.process(exerciseEvent, context(new FakeApi({})))).rejects.toMatchObject({ status: 404 });
  });

  it('should combine the night’s sleep and Nightly Recharge into one recovery day on SLEEP', async () => {
    const sleepEvent = event({ event: 'SLEEP', user_id: 475, date: '2026-03-01', timestamp: '2026-03-01T07:00:00Z', url: 'https://www.polaraccesslink.com/v3/users/sleep/2026-03-01' });
    const api = new FakeApi({
      'https://www.polaraccesslink.com/v3/users/sleep/2026-03-01': fixture('realistic_sleep.json'),
      'users/nightly-recharge/2026-03-01': fixture('realistic_nightly_recharge.json'),
    });
    expect(await polarAdapter.process(sleepEvent, context(api))).toEqual([
      { kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 52, hrvRmssd: 58, sleepS: 25740 } },
    ]);
  });

  it('should store what there is when the night has no Nightly Recharge, and nothing when it has nothing', async () => {
    const sleepEvent = event({ event: 'SLEEP', user_id: 475, date: '2026-03-01' });
    const sleepOnly = new FakeApi({ 'users/sleep/2026-03-01': fixture('realistic_sleep.json') });
    expect(await polarAdapter.process(sleepEvent, context(sleepOnly))).toEqual([
      { kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: null, hrvRmssd: null, sleepS: 25740 } },
    ]);
    expect(await polarAdapter.process(sleepEvent, context(new FakeApi({})))).toEqual([]);
  });

  it('should reject a stored payload that is not a Polar notification', async () => {
    await expect(polarAdapter.process({ dedupeKey: 'k', providerUserId: '475', eventType: 'EXERCISE', payload: 'x' }, context(new FakeApi({})))).rejects.toBeInstanceOf(DomainError);
  });
});

describe('polarAdapter.backfill', () => {
  it('should read the 30-day exercise list and the 28-night lists, skipping bad items and days before `since`', async () => {
    const good = fixture('accesslink_exercise_docs_example.json');
    const api = new FakeApi({
      exercises: [good, { ...good, id: 'broken', duration: 'later' }, { ...good, id: 'old', start_time: '2026-01-01T07:00:00' }],
      'users/sleep': { nights: [fixture('realistic_sleep.json'), { ...fixture('realistic_sleep.json'), date: '2026-01-01' }] },
      'users/nightly-recharge': { recharges: [fixture('realistic_nightly_recharge.json'), { date: '2026-02-27', heart_rate_avg: 50, heart_rate_variability_avg: 70 }] },
    });
    const pages = await collect(polarAdapter.backfill!(context(api), '2026-02-15'));
    expect(pages).toEqual([
      [{ kind: 'session.upsert', session: expect.objectContaining({ externalId: 'aQlC83' }) }],
      [
        { kind: 'recovery.upsert', recovery: { date: '2026-02-27', restingHr: 50, hrvRmssd: 70, sleepS: null } },
        { kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 52, hrvRmssd: 58, sleepS: 25740 } },
      ],
    ]);
    expect(api.calls.find((c) => c.path === 'exercises')?.query).toEqual({ zones: 'true' });
  });

  it('should finish without pages when AccessLink has nothing (404 on every list)', async () => {
    expect(await collect(polarAdapter.backfill!(context(new FakeApi({})), '2026-02-15'))).toEqual([]);
  });

  it('should fail on a list that is not one', async () => {
    await expect(collect(polarAdapter.backfill!(context(new FakeApi({ exercises: { oops: true } })), '2026-02-15'))).rejects.toThrow(/^exercises must be a list/);
  });
});

describe('polarAdapter.oauth', () => {
  const oauth = polarAdapter.oauth!;

  it('should authorize at Polar Flow and exchange the code at polarremote.com with Basic client auth', () => {
    expect(oauth.authorizeUrl({})).toBe('https://flow.polar.com/oauth2/authorization');
    expect(oauth.tokenUrl({})).toBe('https://polarremote.com/v2/oauth2/token');
    expect(oauth.clientAuth).toBe('basic');
    expect(oauth.scopes).toEqual(['accesslink.read_all']);
  });

  it('should read the user id from x_user_id and register the user after the connect', async () => {
    expect(oauth.userIdFromToken({ access_token: 'tok', x_user_id: 475 })).toBe('475');
    expect(oauth.userIdFromToken({ access_token: 'tok' })).toBeNull();
    const calls: unknown[][] = [];
    const api = { getJson: jest.fn(), getBytes: jest.fn(), send: jest.fn((...args: unknown[]) => (calls.push(args), Promise.resolve(null))) };
    await oauth.afterConnect!(api, '475', { settings: {}, webhookUrl: 'http://localhost/webhooks/polar' });
    expect(calls).toEqual([['POST', 'users', { json: { 'member-id': 'loadwatch-475' } }]]);
  });

  it('should treat 409 (registered before) as success and anything else as a 503', async () => {
    const failing = (error: Error) => ({ getJson: jest.fn(), getBytes: jest.fn(), send: jest.fn(() => Promise.reject(error)) });
    await expect(registerPolarUser(failing(new ProviderHttpError('polar', 409, 'u', '')), '475')).resolves.toBeUndefined();
    await expect(registerPolarUser(failing(new ProviderHttpError('polar', 500, 'u', '')), '475')).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
    await expect(registerPolarUser(failing(new TypeError('fetch failed')), '475')).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
  });
});
