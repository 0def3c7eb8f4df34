import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { buildActivityFit } from '../../../../../tests/fakes/garmin.fake';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderChange } from '../provider.types';
import { BACKFILL_TYPES, BACKFILL_WINDOW_S, garminAdapter } from './garmin.adapter';
import { DEVICE_VERSION } from './garmin.mapper';

const FIXTURES = join(__dirname, '../../../../../tests/fixtures/providers/garmin');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const CLIENT_ID = 'garmin-consumer-key-5d1c0f0e';
const PATH_TOKEN = 'garmin-path-token-0123456789abcdef';
const USER_A = '4aacafe82427c251df9c9592d0c06768';
const USER_B = 'a099ba88-6c85-43ec-8b58-63d286683cda';
const settings: ProviderSettings = { clientId: CLIENT_ID, apiUrl: 'https://apis.garmin.com' };

function request(body: string | Buffer, overrides: Partial<InboundRequest> = {}): InboundRequest {
  return {
    method: 'POST',
    pathToken: undefined,
    query: {},
    headers: { 'garmin-client-id': CLIENT_ID, 'content-type': 'application/json;charset=UTF-8', 'user-agent': 'Garmin Health API' },
    rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body),
    ...overrides,
  };
}

const parse = (body: string | object): DeliveryEvent[] => garminAdapter.parseDelivery(request(typeof body === 'string' ? body : JSON.stringify(body)));

/** A ProviderApi whose answers are scripted per path; every call is recorded. */
class ScriptedApi implements ProviderApi {
  readonly calls: { kind: 'json' | 'bytes'; path: string; query?: Record<string, string | number | undefined> }[] = [];
  constructor(private readonly answer: (path: string, query?: Record<string, string | number | undefined>) => unknown) {}

  getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    this.calls.push({ kind: 'json', path, query });
    return this.run(path, query) as Promise<T>;
  }

  getBytes(path: string, query?: Record<string, string | number | undefined>): Promise<Buffer> {
    this.calls.push({ kind: 'bytes', path, query });
    return this.run(path, query) as Promise<Buffer>;
  }

  private async run(path: string, query?: Record<string, string | number | undefined>): Promise<unknown> {
    await Promise.resolve();
    const answer = this.answer(path, query);
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

const httpError = (status: number, url = 'https://apis.garmin.com/wellness-api/rest/user/id') => new ProviderHttpError('garmin', status, url, '{"errorMessage":"x"}');
const context = (api: ProviderApi, providerUserId = USER_A): ProcessContext => ({ settings, api, providerUserId });
const noApi = () => new ScriptedApi((path) => new Error(`unexpected call to ${path}`));

async function rejectionOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

function syncRejectionOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('garminAdapter', () => {
  describe('verify (no HMAC: the client id header and the secret path token)', () => {
    const verify = (req: InboundRequest, s: ProviderSettings = settings) => garminAdapter.verify(req, s, new Date());

    it('should accept a delivery carrying our client id', () => {
      expect(() => verify(request('{}'))).not.toThrow();
    });

    it('should refuse a missing or different garmin-client-id with 401', () => {
      const missing = syncRejectionOf(() => verify(request('{}', { headers: { 'content-type': 'application/json' } })));
      const wrong = syncRejectionOf(() => verify(request('{}', { headers: { 'garmin-client-id': 'garmin-consumer-key-5d1c0f0f' } })));
      const prefix = syncRejectionOf(() => verify(request('{}', { headers: { 'garmin-client-id': CLIENT_ID.slice(0, -1) } })));

      expect([missing.code, wrong.code, prefix.code]).toEqual([ErrorCode.SignatureMissing, ErrorCode.SignatureInvalid, ErrorCode.SignatureInvalid]);
    });

    it('should require the secret path token once GARMIN_PATH_TOKEN is set', () => {
      const withToken = { ...settings, pathToken: PATH_TOKEN };

      expect(() => verify(request('{}', { pathToken: PATH_TOKEN }), withToken)).not.toThrow();
      expect(syncRejectionOf(() => verify(request('{}'), withToken)).code).toBe(ErrorCode.SignatureInvalid);
      expect(syncRejectionOf(() => verify(request('{}', { pathToken: `${PATH_TOKEN}x` }), withToken)).code).toBe(ErrorCode.SignatureInvalid);
    });

    it('should refuse a path token nobody configured', () => {
      expect(syncRejectionOf(() => verify(request('{}', { pathToken: PATH_TOKEN }))).code).toBe(ErrorCode.SignatureInvalid);
    });

    it('should answer 404 while Garmin is not configured', () => {
      expect(syncRejectionOf(() => verify(request('{}'), {})).code).toBe(ErrorCode.NotFound);
    });

    it('should have no handshake and acknowledge with 200', () => {
      expect(garminAdapter.handshake(request('', { method: 'GET' }), settings)).toBeNull();
      expect(garminAdapter.ackStatus).toBe(200);
    });
  });

  describe('parseDelivery', () => {
    it('should split a push of two users into one event per activity, keyed by user', () => {
      const events = parse(fixture('push_activities_two_users.json'));

      expect(events.map((e) => [e.providerUserId, e.eventType])).toEqual([
        [USER_A, 'activities.push'],
        [USER_B, 'activities.push'],
      ]);
      expect(events[0].dedupeKey).toMatch(/^activities:21337459081:[\w-]{22}$/);
      expect(events[1].dedupeKey).toMatch(/^activities:21338112457:[\w-]{22}$/);
      expect(events[0].payload).toEqual({ summaryType: 'activities', mode: 'push', item: JSON.parse(fixture('push_activities_two_users.json')).activities[0] });
    });

    it('should give a retried notification the same keys, and an updated summary a new one', () => {
      const body = JSON.parse(fixture('push_activities_two_users.json'));
      const first = parse(body).map((e) => e.dedupeKey);
      // The same item serialised with its keys in another order is the same item.
      const reordered = { activities: body.activities.map((a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).reverse())) };
      const updated = { activities: [{ ...body.activities[0], durationInSeconds: 3400 }, body.activities[1]] };

      expect(parse(body).map((e) => e.dedupeKey)).toEqual(first);
      expect(parse(reordered).map((e) => e.dedupeKey)).toEqual(first);
      const [changed, same] = parse(updated).map((e) => e.dedupeKey);
      expect(changed).not.toBe(first[0]);
      expect(changed.startsWith('activities:21337459081:')).toBe(true);
      expect(same).toBe(first[1]);
    });

    it('should keep the summary type in the key, so a manual update of an activity is not its duplicate', () => {
      const activity = JSON.parse(fixture('push_activities_two_users.json')).activities[0];

      const [summary] = parse({ activities: [activity] });
      const [manual] = parse({ manuallyUpdatedActivities: [activity] });

      expect(manual.dedupeKey).not.toBe(summary.dedupeKey);
      expect(manual.eventType).toBe('manuallyUpdatedActivities.push');
    });

    it('should make one event per wellness summary of a health push', () => {
      const events = parse(fixture('push_health_dailies_sleeps_hrv.json'));

      expect(events.map((e) => e.eventType)).toEqual(['dailies.push', 'sleeps.push', 'hrv.push']);
      expect(new Set(events.map((e) => e.providerUserId))).toEqual(new Set([USER_A]));
    });

    it("should read Garmin's documented dailies example (two users, one without calendarDate)", () => {
      const events = parse(fixture('health_api_push_dailies_docs_example.json'));

      expect(events.map((e) => [e.providerUserId, e.dedupeKey.split(':').slice(0, 2).join(':')])).toEqual([
        ['sub-1', 'dailies:EXAMPLE 67891'],
        ['sub-2', 'dailies:EXAMPLE 67892'],
      ]);
    });

    it('should turn activity details into one event carrying the samples', () => {
      const [event] = parse(fixture('push_activity_details_with_samples.json'));

      expect(event.eventType).toBe('activityDetails.push');
      expect(event.dedupeKey).toMatch(/^activityDetails:21337459081-detail:/);
      expect((event.payload as { item: { samples: unknown[] } }).item.samples).toHaveLength(7);
    });

    it('should make ping events from callback URLs, one per user', () => {
      const events = parse(fixture('ping_activities_two_users.json'));

      expect(events.map((e) => [e.providerUserId, e.eventType, (e.payload as { mode: string }).mode])).toEqual([
        [USER_A, 'activities.ping', 'ping'],
        [USER_B, 'activities.ping', 'ping'],
      ]);
      expect(events[0].dedupeKey).toMatch(new RegExp(`^activities\\.ping:${USER_A}:`));
      // The pull token in the URL stays out of the key.
      expect(events.map((e) => e.dedupeKey).join()).not.toMatch(/d7f2f1c8a6b94e0e|0b35c1aa9e7d4f21/);
    });

    it("should read Garmin's documented activityFiles ping", () => {
      const events = parse(fixture('ping_activity_files_docs_example.json'));

      expect(events.map((e) => [e.providerUserId, e.eventType])).toEqual([
        [USER_A, 'activityFiles.ping'],
        [USER_B, 'activityFiles.ping'],
      ]);
    });

    it('should never deduplicate a deregistration (its body is only the user id, so a forged copy could pre-empt it)', () => {
      const [first] = parse(fixture('deregistrations_docs_example.json'));
      const [second] = parse(fixture('deregistrations_docs_example.json'));

      expect(first).toMatchObject({ providerUserId: USER_A, eventType: 'deregistrations' });
      expect(second.dedupeKey).not.toBe(first.dedupeKey);
    });

    it('should key a permissions change on its content', () => {
      const [first] = parse(fixture('user_permissions_change_docs_example.json'));
      const [again] = parse(fixture('user_permissions_change_docs_example.json'));

      expect(first).toMatchObject({ providerUserId: '31be9cac-5bf9-406b-9fa8-89879bcaceac', eventType: 'userPermissionsChange' });
      expect(again.dedupeKey).toBe(first.dedupeKey);
    });

    it('should acknowledge summary types Loadwatch does not use, without events', () => {
      expect(parse(fixture('health_api_push_epochs_docs_example.json'))).toEqual([]);
      expect(parse({ stressDetails: [{ userId: USER_A, summaryId: 's1' }], moveIQActivities: 'not even a list', hrv: [] })).toEqual([]);
    });

    it.each([
      ['not JSON', '{"activities": [', ErrorCode.MalformedJson, 'Request body is not valid JSON'],
      ['a list body', '[{"userId":"u"}]', ErrorCode.ValidationFailed, 'body must be an object whose keys are Garmin summary types'],
      ['a summary type that is not a list', '{"dailies":{"userId":"u"}}', ErrorCode.ValidationFailed, 'dailies must be a list'],
      ['an item that is not an object', '{"sleeps":["x"]}', ErrorCode.ValidationFailed, 'sleeps[0] must be an object'],
      ['an item without userId', '{"activities":[{"summaryId":"1"}]}', ErrorCode.ValidationFailed, 'activities[0].userId must be a non-empty string'],
      ['a push item without summaryId', '{"hrv":[{"userId":"u","lastNightAvg":40}]}', ErrorCode.ValidationFailed, 'hrv[0].summaryId must be a non-empty string'],
      ['a file ping without callbackURL', '{"activityFiles":[{"userId":"u","activityId":5}]}', ErrorCode.ValidationFailed, 'activityFiles[0].callbackURL must be a non-empty string'],
      ['a file ping without activity', '{"activityFiles":[{"userId":"u","callbackURL":"https://apis.garmin.com/x"}]}', ErrorCode.ValidationFailed, 'activityFiles[0].activityId or summaryId must identify the activity'],
      ['a callbackURL that is not a URL', '{"dailies":[{"userId":"u","callbackURL":"/wellness-api/rest/dailies"}]}', ErrorCode.ValidationFailed, 'dailies[0].callbackURL must be an absolute URL'],
      ['a callbackURL that is not http(s)', '{"dailies":[{"userId":"u","callbackURL":"file:///etc/passwd"}]}', ErrorCode.ValidationFailed, 'dailies[0].callbackURL must be an http(s) URL'],
    ])('should refuse %s with a coded error naming the field', (_what, body, code, message) => {
      const error = syncRejectionOf(() => parse(body));

      expect([error.code, error.message]).toEqual([code, message]);
    });
  });

  describe('process (worker)', () => {
    const itemEvent = (body: string | object, index = 0): DeliveryEvent => parse(body)[index];
    const run = (event: DeliveryEvent, api: ProviderApi = noApi(), user = USER_A) => garminAdapter.process(event, context(api, user));

    it('should turn a pushed activity into a session with Garmin’s summary numbers', async () => {
      const changes = await run(itemEvent(fixture('push_activities_two_users.json')));

      expect(changes).toEqual<ProviderChange[]>([
        {
          kind: 'session.upsert',
          session: {
            externalId: '21337459081',
            startTime: new Date('2026-03-01T07:00:00Z'),
            durationS: 3312,
            sport: 'run',
            distanceM: 9978.41,
            avgHr: 151,
            maxHr: 178,
            movingTimeS: null,
            rpe: null,
            exercises: null,
            sourceUpdatedAt: DEVICE_VERSION.summary,
          },
        },
      ]);
    });

    it("should map the second user's strength activity", async () => {
      const [change] = await run(itemEvent(fixture('push_activities_two_users.json'), 1), noApi(), USER_B);

      expect(change).toMatchObject({ kind: 'session.upsert', session: { externalId: '21338112457', sport: 'strength', durationS: 2895, distanceM: null } });
    });

    it('should take moving time and, lacking them in the summary, average and max heart rate from the detail samples', async () => {
      const [change] = await run(itemEvent(fixture('push_activity_details_with_samples.json')));

      // Samples 96, 101, 148, 155, 162, 176 bpm (the 0 bpm dropout is not a heart rate): mean 139.7, max 176.
      expect(change).toEqual({
        kind: 'session.upsert',
        session: expect.objectContaining({ externalId: '21337459081', avgHr: 140, maxHr: 176, movingTimeS: 3248, durationS: 3312, sourceUpdatedAt: DEVICE_VERSION.details }),
      });
    });

    it("should prefer the details summary's own heart rate to the samples", async () => {
      const body = JSON.parse(fixture('push_activity_details_with_samples.json'));
      body.activityDetails[0].summary.averageHeartRateInBeatsPerMinute = 151;
      body.activityDetails[0].summary.maxHeartRateInBeatsPerMinute = 178;

      const [change] = await run(itemEvent(body));

      expect(change).toMatchObject({ session: { avgHr: 151, maxHr: 178 } });
    });

    it('should apply a manual update with no version of its own, so the time it arrives outranks device data', async () => {
      const [change] = await run(itemEvent(fixture('push_manually_updated_activities.json')));

      expect(change).toMatchObject({ kind: 'session.upsert', session: { externalId: '21337459081', sport: 'trail_run', durationS: 3600, distanceM: 10512 } });
      expect((change as { session: { sourceUpdatedAt?: Date } }).session.sourceUpdatedAt).toBeUndefined();
    });

    it('should rank device records so the richest wins whatever order they are processed in', () => {
      expect(DEVICE_VERSION.summary.getTime()).toBeLessThan(DEVICE_VERSION.details.getTime());
      expect(DEVICE_VERSION.details.getTime()).toBeLessThan(DEVICE_VERSION.file.getTime());
      // A manual edit is stamped with its receipt time by the store, which is always later than any rank.
      expect(DEVICE_VERSION.file.getTime()).toBeLessThan(Date.parse('2000-01-01T00:00:00Z'));
    });

    it('should skip a multisport parent and keep its legs', async () => {
      const body = fixture('push_activities_multisport.json');
      const changes = (await Promise.all(parse(body).map((e) => run(e)))).flat();

      expect(changes.map((c) => (c.kind === 'session.upsert' ? [c.session.externalId, c.session.sport] : c.kind))).toEqual([
        ['21401233002', 'swim'],
        ['21401233003', 'ride'],
      ]);
    });

    it('should turn dailies, sleeps and hrv into recovery for their calendar day', async () => {
      const changes = (await Promise.all(parse(fixture('push_health_dailies_sleeps_hrv.json')).map((e) => run(e)))).flat();

      expect(changes).toEqual([
        { kind: 'recovery.upsert', recovery: { date: '2026-03-01', restingHr: 47 } },
        { kind: 'recovery.upsert', recovery: { date: '2026-03-01', sleepS: 26_880 } },
        { kind: 'recovery.upsert', recovery: { date: '2026-03-01', hrvRmssd: 48 } },
      ]);
    });

    it('should derive the day of a daily without calendarDate, and skip one without resting heart rate', async () => {
      const [first, second] = parse(fixture('health_api_push_dailies_docs_example.json'));

      expect(await run(first, noApi(), 'sub-1')).toEqual([]);
      // 1452556800 + 3600 s device offset = 2016-01-12 01:00 local.
      expect(await run(second, noApi(), 'sub-2')).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2016-01-12', restingHr: 64 } }]);
    });

    it('should reject a summary whose data fields are wrong, naming the field', async () => {
      const body = JSON.parse(fixture('push_activities_two_users.json'));
      body.activities[0].startTimeInSeconds = 1_772_348_400_000; // milliseconds
      body.activities[1].durationInSeconds = '2895';

      expect((await rejectionOf(run(itemEvent(body)))).message).toBe('activities.startTimeInSeconds must be epoch seconds');
      expect((await rejectionOf(run(itemEvent(body, 1), noApi(), USER_B))).message).toBe('activities.durationInSeconds must be a number of seconds (0–604800)');
    });

    it("should fetch a ping's callback URL with the athlete's token and keep only that athlete's summaries", async () => {
      const activities = JSON.parse(fixture('push_activities_two_users.json')).activities;
      const api = new ScriptedApi(() => activities);

      const changes = await run(itemEvent(fixture('ping_activities_two_users.json')), api);

      expect(api.calls).toEqual([
        {
          kind: 'json',
          path: 'https://apis.garmin.com/wellness-api/rest/activities?uploadStartTimeInSeconds=1772352000&uploadEndTimeInSeconds=1772352300&token=d7f2f1c8a6b94e0e',
          query: undefined,
        },
      ]);
      expect(changes.map((c) => c.kind === 'session.upsert' && c.session.externalId)).toEqual(['21337459081']);
    });

    it('should fetch a health ping into recovery rows', async () => {
      const health = JSON.parse(fixture('push_health_dailies_sleeps_hrv.json'));
      const api = new ScriptedApi(() => health.sleeps.map(({ userId: _u, ...rest }: Record<string, unknown>) => rest));
      const ping = { sleeps: [{ userId: USER_A, callbackURL: 'https://apis.garmin.com/wellness-api/rest/sleeps?uploadStartTimeInSeconds=1772352000&uploadEndTimeInSeconds=1772355600&token=t' }] };

      expect(await run(itemEvent(ping), api)).toEqual([{ kind: 'recovery.upsert', recovery: { date: '2026-03-01', sleepS: 26_880 } }]);
    });

    it('should never send the token to a callback URL off the Garmin API host', async () => {
      const api = noApi();
      const forged = { activities: [{ userId: USER_A, callbackURL: 'https://attacker.example/wellness-api/rest/activities?token=x' }] };
      const sneaky = { activities: [{ userId: USER_A, callbackURL: 'https://apis.garmin.com.attacker.example/wellness-api/rest/activities' }] };

      expect((await rejectionOf(run(itemEvent(forged), api))).message).toBe('activities.callbackURL must point at the Garmin API (https://apis.garmin.com)');
      expect((await rejectionOf(run(itemEvent(sneaky), api))).code).toBe(ErrorCode.ValidationFailed);
      expect(api.calls).toEqual([]);
    });

    it('should reject a callback answer that is not a list', async () => {
      const api = new ScriptedApi(() => ({ errorMessage: 'odd' }));

      expect((await rejectionOf(run(itemEvent(fixture('ping_activities_two_users.json')), api))).message).toBe('activities callback answer must be a list of summaries');
    });

    it('should download an activity FIT file once and turn it into a session with RPE and exercises', async () => {
      const fit = buildActivityFit(
        [{ start: new Date('2021-04-06T14:05:02Z'), sport: 'training', subSport: 'strengthTraining', elapsedS: 2400, timerS: 2280, avgHr: 121, maxHr: 158, workoutRpe: 80 }],
        [
          { category: 'squat', subtype: 6, reps: 5, kg: 120 },
          { rest: true },
          { category: 'squat', subtype: 6, reps: 5, kg: 120 },
        ],
      );
      const api = new ScriptedApi(() => fit);

      const changes = await run(itemEvent(fixture('ping_activity_files_docs_example.json')), api);

      expect(api.calls).toEqual([{ kind: 'bytes', path: 'https://apis.garmin.com/wellness-api/rest/activityFile?id=XXX&token=YYY', query: undefined }]);
      expect(changes).toEqual([
        {
          kind: 'session.upsert',
          session: expect.objectContaining({
            externalId: '5001904988',
            sport: 'strength',
            rpe: 8,
            movingTimeS: 2280,
            exercises: [{ name: 'Barbell Back Squat', sets: [{ reps: 5, kg: 120 }, { reps: 5, kg: 120 }] }],
            sourceUpdatedAt: DEVICE_VERSION.file,
          }),
        },
      ]);
    });

    it('should not download TCX or GPX files', async () => {
      const body = JSON.parse(fixture('ping_activity_files_docs_example.json'));
      body.activityFiles[0].fileType = 'TCX';
      const api = noApi();

      expect(await run(itemEvent(body), api)).toEqual([]);
      expect(api.calls).toEqual([]);
    });

    it('should let a 410 (the one download already used) reach the resolver, which rejects it without retrying', async () => {
      const api = new ScriptedApi((path) => httpError(410, path));

      await expect(run(itemEvent(fixture('ping_activity_files_docs_example.json')), api)).rejects.toMatchObject({ name: 'ProviderHttpError', status: 410 });
    });

    it('should act on a deregistration only when the API refuses the token', async () => {
      const event = itemEvent(fixture('deregistrations_docs_example.json'));
      const stillValid = new ScriptedApi(() => ({ userId: USER_A }));

      expect(await run(event, stillValid)).toEqual([]);
      expect(stillValid.calls.map((c) => c.path)).toEqual(['wellness-api/rest/user/id']);
      expect(await run(event, new ScriptedApi(() => httpError(401)))).toEqual([{ kind: 'deauthorized' }]);
      expect(await run(event, new ScriptedApi(() => httpError(403)))).toEqual([{ kind: 'deauthorized' }]);
      // The refresh after a 401 refused by the token endpoint: the grant is gone too.
      expect(await run(event, new ScriptedApi(() => httpError(400, 'https://diauth.garmin.com/di-oauth2-service/oauth/token')))).toEqual([{ kind: 'deauthorized' }]);
      await expect(run(event, new ScriptedApi(() => httpError(503)))).rejects.toMatchObject({ status: 503 });
    });

    it('should ignore a permissions change that keeps data export, without calling the API', async () => {
      const api = noApi();
      const [event] = parse(fixture('user_permissions_change_docs_example.json'));

      expect(await garminAdapter.process(event, context(api, '31be9cac-5bf9-406b-9fa8-89879bcaceac'))).toEqual([]);
      expect(api.calls).toEqual([]);
    });

    it('should stop the connection when export permissions are withdrawn and the API confirms it', async () => {
      const body = JSON.parse(fixture('user_permissions_change_docs_example.json'));
      body.userPermissionsChange[0].permissions = ['WORKOUT_IMPORT', 'COURSE_IMPORT'];
      const [event] = parse(body);
      const user = body.userPermissionsChange[0].userId;

      expect(await garminAdapter.process(event, context(new ScriptedApi(() => ['WORKOUT_IMPORT']), user))).toEqual([{ kind: 'deauthorized' }]);
      // Forged, or already re-granted: the API still lists an export permission.
      expect(await garminAdapter.process(event, context(new ScriptedApi(() => ['ACTIVITY_EXPORT']), user))).toEqual([]);
      expect(await garminAdapter.process(event, context(new ScriptedApi(() => httpError(401)), user))).toEqual([{ kind: 'deauthorized' }]);
      expect((await rejectionOf(garminAdapter.process(event, context(new ScriptedApi(() => 'odd'), user)))).message).toBe('user permissions answer must be a list of permissions');
    });

    it('should reject a stored event that is not a Garmin event', async () => {
      const bad: DeliveryEvent = { dedupeKey: 'k', providerUserId: USER_A, eventType: 'activities.push', payload: { summaryType: 'epochs', mode: 'push', item: {} } };

      expect((await rejectionOf(run(bad))).message).toBe('event.summaryType is not a Garmin summary type Loadwatch handles');
      expect((await rejectionOf(run({ ...bad, payload: null }))).message).toBe('event must be an object');
    });
  });

  describe('OAuth 2 PKCE', () => {
    const oauth = garminAdapter.oauth!;

    it("should use Garmin's authorize and token endpoints unless overridden, with PKCE and the secret in the body", () => {
      expect(oauth.authorizeUrl({})).toBe('https://connect.garmin.com/oauth2Confirm');
      expect(oauth.tokenUrl({})).toBe('https://diauth.garmin.com/di-oauth2-service/oauth/token');
      expect(oauth.authorizeUrl({ authUrl: 'http://127.0.0.1:1/oauth2Confirm' })).toBe('http://127.0.0.1:1/oauth2Confirm');
      expect(oauth.tokenUrl({ tokenUrl: 'http://127.0.0.1:1/token' })).toBe('http://127.0.0.1:1/token');
      expect([oauth.pkce, oauth.clientAuth, oauth.userIdFromToken({ access_token: 'a' })]).toEqual([true, 'body', null]);
    });

    it('should read the user id from /wellness-api/rest/user/id', async () => {
      const api = new ScriptedApi(() => ({ userId: 'd3315b1072421d0dd7c8f6b8e1de4df8' }));

      expect(await oauth.fetchUserId!(api)).toBe('d3315b1072421d0dd7c8f6b8e1de4df8');
      expect(api.calls).toEqual([{ kind: 'json', path: 'wellness-api/rest/user/id', query: undefined }]);
      expect((await rejectionOf(oauth.fetchUserId!(new ScriptedApi(() => ({ id: 1 }))))).message).toBe('user id answer.userId must be a non-empty string');
    });
  });

  describe('backfill', () => {
    const since = '2026-01-01';
    const from = Date.parse('2026-01-01T00:00:00Z') / 1000;

    async function drain(api: ScriptedApi): Promise<ProviderChange[][]> {
      const pages: ProviderChange[][] = [];
      for await (const page of garminAdapter.backfill!(context(api), since)) pages.push(page);
      return pages;
    }

    beforeEach(() => jest.useFakeTimers({ now: new Date('2026-04-01T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    it('should request every type in windows of at most 30 days, newest first, from `since` until now', async () => {
      const api = new ScriptedApi(() => Buffer.alloc(0));

      const pages = await drain(api);

      const now = Date.parse('2026-04-01T10:00:00Z') / 1000;
      expect(pages.every((p) => p.length === 0)).toBe(true);
      expect(pages).toHaveLength(api.calls.length);
      for (const type of BACKFILL_TYPES) {
        const windows = api.calls.filter((c) => c.path === `wellness-api/rest/backfill/${type}`).map((c) => [Number(c.query?.summaryStartTimeInSeconds), Number(c.query?.summaryEndTimeInSeconds)]);
        expect(windows[0][1]).toBe(now);
        expect(windows[windows.length - 1][0]).toBe(from);
        for (const [start, end] of windows) expect(end - start).toBeLessThan(BACKFILL_WINDOW_S);
        for (let i = 1; i < windows.length; i++) expect(windows[i][1]).toBe(windows[i - 1][0] - 1);
      }
      expect(api.calls.every((c) => c.kind === 'bytes')).toBe(true);
    });

    it('should pass over windows already requested (409) and types the athlete does not share (412)', async () => {
      const api = new ScriptedApi((path, query) => {
        if (path.endsWith('/activities') && query?.summaryEndTimeInSeconds === Date.parse('2026-04-01T10:00:00Z') / 1000) return httpError(409, path);
        if (path.endsWith('/hrv')) return httpError(412, path);
        return Buffer.alloc(0);
      });

      await drain(api);

      expect(api.calls.filter((c) => c.path.endsWith('/hrv'))).toHaveLength(1);
      expect(api.calls.filter((c) => c.path.endsWith('/activities')).length).toBe(api.calls.filter((c) => c.path.endsWith('/dailies')).length);
    });

    it('should fail on any other refusal, so the backfill shows as failed and is retried', async () => {
      const api = new ScriptedApi((path) => httpError(400, path));

      await expect(drain(api)).rejects.toMatchObject({ status: 400 });
    });
  });
});
