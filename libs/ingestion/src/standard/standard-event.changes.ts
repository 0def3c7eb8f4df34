import type { DataChange } from '../changes/change.types';
import type { StandardEvent } from './standard-event.schema';

const at = (iso?: string) => (iso ? new Date(iso) : undefined);

/** A validated Standard Webhooks event as data changes (the same shape platform adapters produce). */
export function standardEventToChanges(event: StandardEvent): DataChange[] {
  switch (event.type) {
    case 'session.upserted': {
      const d = event.data;
      const session = {
        externalId: d.externalId,
        startTime: new Date(d.startTime),
        durationS: d.durationS,
        movingTimeS: d.movingTimeS,
        sport: d.sport,
        distanceM: d.distanceM,
        avgHr: d.avgHr,
        maxHr: d.maxHr,
        rpe: d.rpe,
        hrSamples: d.hrSamples?.map((x) => ({ t: x.t, hr: x.hr ?? null })),
        hrZoneSeconds: d.hrZoneSeconds,
        powerSamples: d.powerSamples,
        avgPower: d.avgPower,
        normalizedPower: d.normalizedPower,
        exercises: d.exercises,
        tags: d.tags,
        sourceUpdatedAt: at(d.updatedAt),
      };
      return [{ kind: 'session.upsert', session }];
    }
    case 'session.deleted':
      return [{ kind: 'session.delete', externalId: event.data.externalId, at: at(event.data.updatedAt) }];
    case 'recovery.upserted': {
      const { date, restingHr, hrvRmssd, sleepS } = event.data;
      return [{ kind: 'recovery.upsert', recovery: { date, restingHr, hrvRmssd, sleepS } }];
    }
    case 'self_report.upserted': {
      const d = event.data;
      const report = {
        date: d.date,
        wellness: d.wellness,
        backPain: d.backPain,
        backPainRegion: d.backPainRegion,
        redFlags: d.redFlags,
        didNotWearDevice: d.didNotWearDevice,
        illness: d.illness,
      };
      return [{ kind: 'self-report.upsert', report }];
    }
  }
}
