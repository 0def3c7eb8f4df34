import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { ProviderApi, ProviderHttpError, RateLimitedError } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { parseWithingsDelivery, withingsAdapter } from './withings.adapter';
import { WithingsAuthError } from './withings.mapper';

const FIXTURES = path.resolve(__dirname, '../../../../../tests/fixtures/providers/withings');
const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const fixture = (name: string): unknown => JSON.parse(fixtureText(name));

const PATH_TOKEN = 'withings-path-token-0123456789abcdef';
const settings: ProviderSettings = { clientId: 'client', clientSecret: 'secret', pathToken: PATH_TOKEN };
const AT = new Date('2026-03-01T09:00:00.456Z');

function request(over: Partial<InboundRequest> = {}): InboundRequest {
  return {
    method: 'POST',
    pathToken: PATH_TOKEN,
    query: {},
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: Buffer.from(fixtureText('notification_activity.form')),
    ...over,
  };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const parse = (body: string) => parseWithingsDelivery(Buffer.from(body), AT);
const parseError = (body: string) => thrown(() => parse(body)) as DomainError;

type Query = Record<string, string | number | undefined>;
/** A canned answer, or a function of the query that returns one (or throws, e.g. a ProviderHttpError). */
type Answer = unknown;

/** A ProviderApi answering by path + action (a function answer may throw), recording every call. */
function fakeApi(routes: Record<string, Answer>) {
  const calls: { path: string; query: Query }[] = [];
  const api: ProviderApi = {
    getJson: <T>(p: string, query: Query = {}) => {
      calls.push({ path: p, query });
      const key = `${p}?${String(query.action)}`;
      if (!(key in routes)) return Promise.reject(new ProviderHttpError('withings', 404, p, 'not found'));
      const answer = routes[key];
      // An answer function that throws rejects the promise, as a failed request would.
      return new Promise<T>((resolve) => resolve((typeof answer === 'function' ? (answer as (q: Query) => unknown)(query) : answer) as T));
    },
    getBytes: () => Promise.reject(new Error('not used')),
  };
  const ctx: ProcessContext = { settings, api, providerUserId: '12345' };
  return { api, calls, ctx };
}

const ok = (body: unknown) => ({ status: 0, body });
const event = (payload: Record<string, unknown>): DeliveryEvent => ({ dedupeKey: 'k', providerUserId: '12345', eventType: 'activity', payload: { userid: '12345', receivedAt: AT.toISOString(), action: null, ...payload } });
const activityEvent = event({ appli: 16, startdate: 1772348400, enddate: 1772352000 });
const sleepEvent = event({ appli: 44, startdate: 1772319840, enddate: 1772347920 });
const kinds = (changes: ProviderChange[]) => changes.map((c) => c.kind);

describe('withingsAdapter', () => {
  describe('handshake and path token', () => {
    it('should answer the HEAD (and a GET) check with 200 on the right path token', () => {
      expect(withingsAdapter.handshake(request({ method: 'HEAD', rawBody: Buffer.alloc(0) }), settings)).toEqual({ status: 200 });
      expect(withingsAdapter.handshake(request({ method: 'GET', rawBody: Buffer.alloc(0) }), settings)).toEqual({ status: 200 });
      expect(withingsAdapter.handshake(request(), settings)).toBeNull();
      expect(withingsAdapter.ackStatus).toBe(200);
    });

    it('should refuse a wrong or missing path token (401) and answer 404 while none is configured', () => {
      expect((thrown(() => withingsAdapter.handshake(request({ method: 'HEAD', pathToken: 'nope' }), settings)) as DomainError).code).toBe(ErrorCode.SignatureInvalid);
      expect((thrown(() => withingsAdapter.verify(request({ pathToken: undefined }), settings, AT)) as DomainError).code).toBe(ErrorCode.SignatureInvalid);
      expect((thrown(() => withingsAdapter.verify(request({ pathToken: `${PATH_TOKEN}x` }), settings, AT)) as DomainError).code).toBe(ErrorCode.SignatureInvalid);
      expect((thrown(() => withingsAdapter.verify(request(), { ...settings, pathToken: undefined }, AT)) as DomainError).code).toBe(ErrorCode.NotFound);
      expect(() => withingsAdapter.verify(request(), settings, AT)).not.toThrow();
      expect((thrown(() => withingsAdapter.verify(request({ method: 'PUT' }), settings, AT)) as DomainError).code).toBe(ErrorCode.NotFound);
    });
  });

  describe('parseDelivery', () => {
    it('should turn the form body into one event keyed by (userid, appli, startdate, enddate) and the delivery time', () => {
      expect(parse(fixtureText('notification_activity.form'))).toEqual([
        {
          dedupeKey: `12345:16:1772348400:1772352000:${AT.getTime()}`,
          providerUserId: '12345',
          eventType: 'activity',
          payload: { userid: '12345', appli: 16, startdate: 1772348400, enddate: 1772352000, action: null, receivedAt: AT.toISOString() },
        },
      ]);
      expect(parse(fixtureText('notification_sleep.form'))).toEqual([expect.objectContaining({ eventType: 'sleep', dedupeKey: `12345:44:1772319840:1772347920:${AT.getTime()}` })]);
      expect(parse(fixtureText('notification_unlink.form'))).toEqual([
        expect.objectContaining({ eventType: 'user.unlink', dedupeKey: `12345:46:unlink:${AT.getTime()}`, payload: expect.objectContaining({ action: 'unlink' }) }),
      ]);
    });

    it('should give a later notification of the same window a new key (an edit must not be swallowed)', () => {
      const body = Buffer.from(fixtureText('notification_activity.form'));
      expect(parseWithingsDelivery(body, new Date(AT.getTime() + 1))[0].dedupeKey).not.toBe(parseWithingsDelivery(body, AT)[0].dedupeKey);
      expect(parseWithingsDelivery(body, new Date(AT.getTime()))[0].dedupeKey).toBe(parseWithingsDelivery(body, AT)[0].dedupeKey);
    });

    it('should acknowledge without storing the categories it does not use (weight, blood pressure, profile updates)', () => {
      expect(parse(fixtureText('notification_weight.form'))).toEqual([]);
      expect(parse('userid=12345&appli=4&startdate=1772348400&enddate=1772348400')).toEqual([]);
      expect(parse('userid=12345&appli=46&action=update')).toEqual([]);
    });

    it('should reject missing or garbled fields with a 422 naming the field', () => {
      const cases: [string, RegExp][] = [
        ['', /^userid /],
        ['appli=16&startdate=1772348400&enddate=1772352000', /^userid /],
        ['userid=abc&appli=16&startdate=1772348400&enddate=1772352000', /^userid /],
        ['userid=1&userid=2&appli=16&startdate=1772348400&enddate=1772352000', /^userid must appear once/],
        ['userid=12345&startdate=1772348400&enddate=1772352000', /^appli /],
        ['userid=12345&appli=sixteen&startdate=1772348400&enddate=1772352000', /^appli /],
        ['userid=12345&appli=16&enddate=1772352000', /^startdate /],
        ['userid=12345&appli=16&startdate=2026-03-01&enddate=1772352000', /^startdate /],
        ['userid=12345&appli=44&startdate=1772348400', /^enddate /],
        ['userid=12345&appli=16&startdate=1772352000&enddate=1772348400', /^enddate must not be before startdate/],
        ['userid=12345&appli=46&action=explode', /^action /],
        ['{"userid":12345,"appli":16}', /^userid /],
      ];
      for (const [body, message] of cases) {
        const error = parseError(body);
        expect([body, error.code]).toEqual([body, ErrorCode.ValidationFailed]);
        expect(error.message).toMatch(message);
      }
    });

    it('should never throw anything but a coded DomainError, whatever the body', () => {
      const value = fc.oneof(fc.string(), fc.constantFrom('12345', '16', '44', '1772348400', '1772352000', 'unlink', '%E0%A4%A', '&', '='), fc.integer().map(String));
      const form = fc
        .array(fc.tuple(fc.oneof(fc.constantFrom('userid', 'appli', 'startdate', 'enddate', 'action', 'date'), fc.string()), value, fc.boolean()), { maxLength: 8 })
        .map((pairs) => pairs.map(([k, v, encode]) => `${encodeURIComponent(k)}=${encode ? encodeURIComponent(v) : v}`).join('&'));
      const body = fc.oneof(form, fc.string(), fc.json(), fc.uint8Array().map((b) => Buffer.from(b).toString('latin1')));
      fc.assert(
        fc.property(body, (raw) => {
          try {
            parse(raw);
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
    it('should re-fetch the workouts around the window, upsert them and replace the days the window touches', async () => {
      const { ctx, calls } = fakeApi({ 'v2/measure?getworkouts': fixture('getworkouts_response.json') });
      const changes = await withingsAdapter.process(activityEvent, ctx);

      expect(calls).toEqual([
        {
          path: 'v2/measure',
          query: { action: 'getworkouts', startdateymd: '2026-02-26', enddateymd: '2026-03-04', data_fields: 'calories,distance,elevation,hr_average,hr_min,hr_max,intensity,steps' },
        },
      ]);
      expect(kinds(changes)).toEqual(['session.upsert', 'session.upsert', 'session.upsert', 'sessions.replace-day', 'sessions.replace-day', 'sessions.replace-day']);
      const first = changes[0] as Extract<ProviderChange, { kind: 'session.upsert' }>;
      expect(first.session).toMatchObject({ externalId: '3312456', sport: 'run', durationS: 3120, distanceM: 10250, avgHr: 156, maxHr: 178 });
      // One version for everything read in this fetch (sessions and the deletes decided from it).
      const version = first.session.sourceUpdatedAt as Date;
      expect(version).toBeInstanceOf(Date);
      expect(changes.slice(3)).toEqual(
        ['2026-02-28', '2026-03-01', '2026-03-02'].map((date) => ({ kind: 'sessions.replace-day', date, keepExternalIds: ['3312456', '3312502', '3312777'], at: version })),
      );
    });

    it('should page through more/offset and decide no deletes when the listing cannot be trusted', async () => {
      const series = (fixture('getworkouts_response.json') as { body: { series: unknown[] } }).body.series;
      const paged = fakeApi({ 'v2/measure?getworkouts': (q: Query) => (q.offset === 2 ? ok({ series: series.slice(2), more: false, offset: 3 }) : ok({ series: series.slice(0, 2), more: true, offset: 2 })) });
      const changes = await withingsAdapter.process(activityEvent, paged.ctx);
      expect(paged.calls.map((c) => c.query.offset)).toEqual([undefined, 2]);
      expect(kinds(changes).filter((k) => k === 'session.upsert')).toHaveLength(3);
      expect(kinds(changes).filter((k) => k === 'sessions.replace-day')).toHaveLength(3);

      const withoutId = await withingsAdapter.process(activityEvent, fakeApi({ 'v2/measure?getworkouts': ok({ series: [{ category: 2 }, ...series], more: false, offset: 0 }) }).ctx);
      expect(kinds(withoutId)).toEqual(['session.upsert', 'session.upsert', 'session.upsert']);

      let offset = 0;
      const endless = fakeApi({ 'v2/measure?getworkouts': () => ok({ series: [], more: true, offset: ++offset }) });
      expect(await withingsAdapter.process(activityEvent, endless.ctx)).toEqual([]);
      expect(endless.calls).toHaveLength(10);
    });

    it('should keep the id of a workout it cannot map, so one bad field never deletes the session', async () => {
      const changes = await withingsAdapter.process(activityEvent, fakeApi({ 'v2/measure?getworkouts': ok({ series: [{ id: 9, category: 2, startdate: 'x' }], more: false, offset: 0 }) }).ctx);
      expect(kinds(changes)).toEqual(['sessions.replace-day', 'sessions.replace-day', 'sessions.replace-day']);
      expect(changes[0]).toMatchObject({ keepExternalIds: ['9'] });
    });

    it('should turn a sleep notification into recovery rows for the wake-up days around it', async () => {
      const { ctx, calls } = fakeApi({ 'v2/sleep?getsummary': fixture('sleep_getsummary_response.json') });
      expect(await withingsAdapter.process(sleepEvent, ctx)).toEqual([
        { kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 49, hrvRmssd: null, sleepS: 26760 } },
        { kind: 'recovery.upsert', recovery: { date: '2026-03-02', restingHr: 51, hrvRmssd: null, sleepS: 23400 } },
      ]);
      expect(calls[0].query).toMatchObject({ action: 'getsummary', startdateymd: '2026-02-27', enddateymd: '2026-03-02' });
    });

    it('should retry (not reject) when Withings refuses the token inside an HTTP 200, and park the job on status 601', async () => {
      const expired = fakeApi({ 'v2/measure?getworkouts': fixture('expired_token_response.json') });
      const error = await withingsAdapter.process(activityEvent, expired.ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WithingsAuthError);
      expect(error).not.toBeInstanceOf(DomainError);
      expect(error).not.toBeInstanceOf(ProviderHttpError);
      await expect(withingsAdapter.process(sleepEvent, fakeApi({ 'v2/sleep?getsummary': { status: 601 } }).ctx)).rejects.toBeInstanceOf(RateLimitedError);
      await expect(withingsAdapter.process(sleepEvent, fakeApi({ 'v2/sleep?getsummary': { unexpected: true } }).ctx)).rejects.toBeInstanceOf(DomainError);
    });

    it('should report an unlink only when the API no longer accepts the athlete’s token', async () => {
      const unlink = event({ appli: 46, action: 'unlink', startdate: null, enddate: null });
      expect(await withingsAdapter.process(unlink, fakeApi({ 'v2/user?getdevice': ok({ devices: [] }) }).ctx)).toEqual([]);
      expect(await withingsAdapter.process(unlink, fakeApi({ 'v2/user?getdevice': fixture('expired_token_response.json') }).ctx)).toEqual([{ kind: 'deauthorized' }]);
      const refusedRefresh = () => {
        throw new ProviderHttpError('withings', 400, 'token', 'invalid_grant');
      };
      expect(await withingsAdapter.process(unlink, fakeApi({ 'v2/user?getdevice': refusedRefresh }).ctx)).toEqual([{ kind: 'deauthorized' }]);
      await expect(withingsAdapter.process(unlink, fakeApi({ 'v2/user?getdevice': { status: 2555 } }).ctx)).rejects.toThrow(/status 2555/);
    });

    it('should reject a stored payload that is not a Withings notification, and ignore an appli it does not fetch', async () => {
      const { ctx, calls } = fakeApi({});
      for (const payload of [null, { appli: '16' }, { appli: 16, startdate: 'x', enddate: 1772352000 }, { appli: 16, startdate: 1772352000, enddate: 1772348400 }]) {
        await expect(withingsAdapter.process({ ...activityEvent, payload }, ctx)).rejects.toBeInstanceOf(DomainError);
      }
      expect(await withingsAdapter.process(event({ appli: 1, startdate: 1772348400, enddate: 1772348400 }), ctx)).toEqual([]);
      expect(calls).toHaveLength(0);
    });
  });

  describe('backfill', () => {
    it('should page 90 days of workouts, then turn the sleep summaries into recovery rows', async () => {
      const since = '2026-01-01';
      const series = (fixture('getworkouts_response.json') as { body: { series: unknown[] } }).body.series;
      const { ctx, calls } = fakeApi({
        'v2/measure?getworkouts': (q: Query) => (q.offset === 2 ? ok({ series: series.slice(2), more: false, offset: 3 }) : ok({ series: series.slice(0, 2), more: true, offset: 2 })),
        'v2/sleep?getsummary': fixture('sleep_getsummary_response.json'),
      });
      const pages: ProviderChange[][] = [];
      for await (const page of withingsAdapter.backfill!(ctx, since)) pages.push(page);
      expect(pages.map(kinds)).toEqual([['session.upsert', 'session.upsert'], ['session.upsert'], ['recovery.upsert', 'recovery.upsert']]);
      expect(calls[0].query).toMatchObject({ action: 'getworkouts', startdateymd: since, enddateymd: new Date().toISOString().slice(0, 10) });
      expect(calls.at(-1)?.query).toMatchObject({ action: 'getsummary', startdateymd: since });
    });
  });

  describe('oauth', () => {
    it('should send action=requesttoken with the standard grant, client credentials in the body, comma-separated scopes', () => {
      const oauth = withingsAdapter.oauth!;
      expect(oauth).toMatchObject({ pkce: false, clientAuth: 'body', scopeSeparator: ',', scopes: ['user.info', 'user.metrics', 'user.activity'] });
      expect(oauth.tokenUrl({})).toBe('https://wbsapi.withings.net/v2/oauth2');
      expect(oauth.extraTokenParams).toEqual({ action: 'requesttoken' });
      // The real answer is wrapped: { status: 0, body: { access_token, … } }; a non-zero status is a refusal.
      expect(oauth.readTokenResponse!({ status: 0, body: { access_token: 'a', userid: 1 } })).toEqual({ access_token: 'a', userid: 1 });
      expect(() => oauth.readTokenResponse!({ status: 503, body: {}, error: 'invalid_grant' })).toThrow(/refused/);
      expect(oauth.authorizeUrl({})).toBe('https://account.withings.com/oauth2_user/authorize2');
    });

    it('should read the user id from a standard token answer and from Withings’ {status, body} envelope', () => {
      const oauth = withingsAdapter.oauth!;
      expect(oauth.userIdFromToken({ access_token: 'a', userid: 12345 })).toBe('12345');
      expect(oauth.userIdFromToken(fixture('token_response.json') as Record<string, unknown>)).toBe('12345');
      expect(oauth.userIdFromToken({ access_token: 'a', userid: 'x y' })).toBeNull();
      expect(oauth.userIdFromToken({ access_token: 'a' })).toBeNull();
    });
  });
});
