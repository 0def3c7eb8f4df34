import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { buildActivityFit } from '../../../../../tests/fakes/garmin.fake';
import type { ProviderApi } from '../provider-api';
import type { InboundRequest } from '../provider.types';
import { garminAdapter } from './garmin.adapter';
import { fitToSession } from './garmin.fit';
import { activityDetailsToSession, activityToSession, dailyToRecovery, hrvToRecovery, sleepToRecovery } from './garmin.mapper';
import { HANDLED_TYPES } from './garmin.types';

/** The only way bad input may fail: a coded 400/422, never a TypeError (a 500) or anything that would retry. */
function expectCodedRejection(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect([ErrorCode.MalformedJson, ErrorCode.ValidationFailed]).toContain((error as DomainError).code);
  }
}

async function expectCodedRejectionAsync(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.ValidationFailed);
  }
}

const request = (rawBody: Buffer): InboundRequest => ({ method: 'POST', pathToken: undefined, query: {}, headers: { 'garmin-client-id': 'c' }, rawBody });

// Values that look like Garmin's: the documented field names with values of any JSON type.
const FIELDS = [
  'userId',
  'summaryId',
  'activityId',
  'activityType',
  'startTimeInSeconds',
  'startTimeOffsetInSeconds',
  'durationInSeconds',
  'distanceInMeters',
  'averageHeartRateInBeatsPerMinute',
  'maxHeartRateInBeatsPerMinute',
  'isParent',
  'calendarDate',
  'restingHeartRateInBeatsPerMinute',
  'lastNightAvg',
  'callbackURL',
  'fileType',
  'permissions',
  'summary',
  'samples',
];
const plausible = fc.oneof(
  fc.jsonValue(),
  fc.integer({ min: 1_400_000_000, max: 1_900_000_000 }),
  fc.double({ min: -1e6, max: 1e7 }),
  fc.constantFrom('RUNNING', 'STRENGTH_TRAINING', '2026-03-01', '2026-02-30', 'https://apis.garmin.com/wellness-api/rest/dailies?token=t', 'FIT', 'u1'),
);
const sample = fc.dictionary(fc.constantFrom('heartRate', 'movingDurationInSeconds', 'timerDurationInSeconds', 'startTimeInSeconds'), plausible);
const item = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(plausible, fc.array(sample, { maxLength: 4 }), fc.dictionary(fc.constantFrom(...FIELDS), plausible)));
const envelope = fc.dictionary(fc.constantFrom(...HANDLED_TYPES, 'epochs', 'stressDetails'), fc.oneof(fc.array(fc.oneof(item, fc.jsonValue()), { maxLength: 4 }), fc.jsonValue()));

describe('Garmin boundary properties (fast-check)', () => {
  it('should fail on any random JSON body only with a coded 400/422', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        expectCodedRejection(() => garminAdapter.parseDelivery(request(Buffer.from(JSON.stringify(body)))));
      }),
      { numRuns: 500 },
    );
  });

  it('should fail on random bytes only with a coded 400/422', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expectCodedRejection(() => garminAdapter.parseDelivery(request(Buffer.from(bytes))));
      }),
    );
  });

  it('should fail on Garmin-shaped envelopes with random items only with a coded 422, else give one event per item', () => {
    fc.assert(
      fc.property(envelope, (body) => {
        let events: unknown[] | null = null;
        expectCodedRejection(() => {
          events = garminAdapter.parseDelivery(request(Buffer.from(JSON.stringify(body))));
        });
        if (events === null) return;
        const lists = Object.entries(body).filter(([k, v]) => (HANDLED_TYPES as readonly string[]).includes(k) && Array.isArray(v));
        expect(events).toHaveLength(lists.reduce((n, [, v]) => n + (v as unknown[]).length, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('should make the mappers fail on random items only with a coded 422', () => {
    fc.assert(
      fc.property(fc.oneof(item, fc.jsonValue()), (value) => {
        expectCodedRejection(() => activityToSession(value, 'summary', 'activities[0]'));
        expectCodedRejection(() => activityToSession(value, 'manual', 'manuallyUpdatedActivities[0]'));
        expectCodedRejection(() => activityDetailsToSession(value, 'activityDetails[0]'));
        expectCodedRejection(() => dailyToRecovery(value, 'dailies[0]'));
        expectCodedRejection(() => sleepToRecovery(value, 'sleeps[0]'));
        expectCodedRejection(() => hrvToRecovery(value, 'hrv[0]'));
      }),
      { numRuns: 1000 },
    );
  });

  it('should make the worker fail on random stored items and random API answers only with a coded 422', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HANDLED_TYPES), fc.constantFrom('push', 'ping'), item, fc.oneof(fc.jsonValue(), fc.array(item, { maxLength: 3 })), async (summaryType, mode, value, answer) => {
        const api: ProviderApi = {
          getJson: <T>() => Promise.resolve(answer as T),
          getBytes: () => Promise.resolve(Buffer.from(JSON.stringify(answer) ?? '')),
        };
        const event = { dedupeKey: 'k', providerUserId: 'u1', eventType: `${summaryType}.${mode}`, payload: { summaryType, mode, item: value } };
        await expectCodedRejectionAsync(() => garminAdapter.process(event, { settings: { clientId: 'c' }, api, providerUserId: 'u1' }));
      }),
      { numRuns: 500 },
    );
  });

  it('should fail on random bytes or a corrupted FIT file only with a coded 422', () => {
    const fit = buildActivityFit([{ start: new Date('2026-03-01T07:00:00Z'), sport: 'training', subSport: 'strengthTraining', elapsedS: 1800, workoutRpe: 60 }], [{ category: 'squat', subtype: 6, reps: 5, kg: 80 }]);
    const ctx = { externalId: '1', fallbackStart: null, path: 'activityFiles.file' };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectCodedRejection(() => fitToSession(Buffer.from(bytes), ctx));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: fit.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const corrupted = Buffer.from(fit);
        corrupted[at] ^= flip;
        expectCodedRejection(() => fitToSession(corrupted, ctx));
      }),
      { numRuns: 300 },
    );
  });
});
