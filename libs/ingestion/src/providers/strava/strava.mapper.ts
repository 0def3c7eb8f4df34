import type { NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

/** The DetailedActivity / SummaryActivity fields we read (webhooks.md §2d). */
export interface StravaActivity {
  id: number;
  sport_type?: string;
  type?: string;
  start_date: string;
  elapsed_time: number;
  moving_time?: number;
  distance?: number;
  average_heartrate?: number;
  max_heartrate?: number;
  perceived_exertion?: number | null;
  manual?: boolean;
}

const SPORTS: Record<string, Sport> = {
  Run: 'run',
  VirtualRun: 'run',
  TrailRun: 'trail_run',
  Ride: 'ride',
  GravelRide: 'ride',
  MountainBikeRide: 'ride',
  EBikeRide: 'ride',
  VirtualRide: 'indoor_ride',
  Swim: 'swim',
  Walk: 'walk',
  Hike: 'hike',
  WeightTraining: 'strength',
  Crossfit: 'hiit',
  HighIntensityIntervalTraining: 'hiit',
  Workout: 'hiit',
  Rowing: 'row',
  VirtualRow: 'row',
  AlpineSki: 'ski',
  NordicSki: 'ski',
  BackcountrySki: 'ski',
  Yoga: 'yoga',
  Pilates: 'yoga',
  Soccer: 'team_sport',
  Basketball: 'team_sport',
  Volleyball: 'team_sport',
};

export function stravaSport(activity: Pick<StravaActivity, 'sport_type' | 'type'>): Sport {
  return mapSport(SPORTS, activity.sport_type ?? activity.type);
}

/** Strava's undocumented `perceived_exertion` is 1–10 (CR-10 like); anything else is ignored. */
function rpeOf(value: number | null | undefined): number | null {
  return typeof value === 'number' && value >= 0 && value <= 10 ? value : null;
}

export function stravaActivityToSession(a: StravaActivity, version?: Date): NormalizedSession {
  return {
    externalId: String(a.id),
    startTime: new Date(a.start_date),
    durationS: Math.max(1, Math.round(a.elapsed_time)),
    movingTimeS: a.moving_time ? Math.round(a.moving_time) : null,
    sport: stravaSport(a),
    distanceM: a.distance ?? null,
    avgHr: a.average_heartrate ? Math.round(a.average_heartrate) : null,
    maxHr: a.max_heartrate ? Math.round(a.max_heartrate) : null,
    rpe: rpeOf(a.perceived_exertion),
    sourceUpdatedAt: version,
  };
}
