// The demo's training data: four athletes, each with a 7-day microcycle, replayed over the last 56 days.
// Pure and deterministic: the same seed and the same "now" give the same sessions, byte for byte.

import { addDays, localDate } from '@app/training-load';
import { between, Random, seededRandom, seedOf } from '@app/common';
import { isoWithOffset, zonedInstant } from './zoned-time';

export const DEMO_DAYS = 56;

type Sport = 'run' | 'ride' | 'swim' | 'strength';
type Tag = 'spinal-loading' | 'core' | 'warm-up' | 'cool-down';

interface SessionTemplate {
  sport: Sport;
  minutes: number;
  rpe: number;
  /** Local start time, "HH:MM". */
  at: string;
  tags?: Tag[];
}

type Day = SessionTemplate[];
const REST: Day = [];

export interface AthleteProfile {
  key: string;
  name: string;
  email: string;
  timezone: string;
  sex: 'male' | 'female';
  hrRest: number;
  hrMax: number;
  /** Easy running pace (min/km) and riding speed (km/h), for distances. */
  paceMinPerKm: number;
  rideKmh: number;
  /** One line for the summary. */
  story: string;
  expectSpike: boolean;
  /** Microcycle; index 6 is "today", index 5 yesterday, and so on (the cycle repeats back in time). */
  cycle: Day[];
  /** Optional replacement cycle for the last days (the spike) and for a lighter block before it. */
  block?: { fromOffset: number; toOffset: number; cycle: Day[] }[];
}

export interface PlannedSession {
  athleteKey: string;
  externalId: string;
  localDate: string;
  startTime: string;
  startMs: number;
  durationS: number;
  sport: Sport;
  rpe: number;
  distanceM?: number;
  avgHr: number;
  maxHr: number;
  tags?: Tag[];
  exercises?: { name: string; sets: { reps: number; kg: number; rpe?: number }[] }[];
}

const s = (sport: Sport, minutes: number, rpe: number, at: string, tags?: Tag[]): SessionTemplate => ({ sport, minutes, rpe, at, tags });

/** The roster. Maya goes from a three-week lay-off straight into a camp week (the spike); the others stay steady. */
export const ATHLETES: AthleteProfile[] = [
  {
    key: 'maya',
    name: 'Maya Okafor',
    email: 'maya.okafor@harriers.example',
    timezone: 'Europe/London',
    sex: 'female',
    hrRest: 48,
    hrMax: 192,
    paceMinPerKm: 5.1,
    rideKmh: 27,
    story: 'middle-distance runner: back from three weeks off with a calf strain, straight into a camp week at about twice her usual load',
    expectSpike: true,
    cycle: [
      [s('run', 50, 4, '07:00')],
      [s('run', 60, 7, '18:00', ['warm-up', 'cool-down'])],
      [s('run', 45, 4, '07:00'), s('strength', 40, 5, '18:30', ['spinal-loading'])],
      REST,
      [s('run', 55, 6, '07:00')],
      [s('run', 90, 5, '09:00')],
      REST,
    ],
    block: [
      // Three weeks off with a calf strain: a little easy cross-training, nothing more.
      {
        fromOffset: -27,
        toOffset: -7,
        cycle: [REST, [s('ride', 30, 3, '10:00')], REST, REST, [s('swim', 30, 3, '07:30')], REST, [s('ride', 35, 3, '09:00')]],
      },
      // Back at full volume at once: a training camp, doubles and hard sessions back to back (about 2x her usual).
      {
        fromOffset: -6,
        toOffset: 0,
        cycle: [
          [s('run', 55, 5, '07:30'), s('strength', 40, 5, '16:00', ['spinal-loading'])],
          [s('run', 60, 7, '07:30', ['warm-up', 'cool-down']), s('ride', 40, 4, '16:00')],
          [s('run', 75, 5, '07:00'), s('strength', 40, 5, '16:30', ['spinal-loading'])],
          [s('run', 55, 7, '07:30', ['warm-up', 'cool-down']), s('run', 30, 4, '17:00')],
          [s('run', 95, 5, '07:00'), s('strength', 30, 5, '16:30', ['spinal-loading'])],
          [s('run', 65, 7, '07:00', ['warm-up', 'cool-down']), s('ride', 45, 4, '16:00')],
          [s('run', 45, 4, '06:30')],
        ],
      },
    ],
  },
  {
    key: 'leo',
    name: 'Leo Brennan',
    email: 'leo.brennan@harriers.example',
    timezone: 'America/New_York',
    sex: 'male',
    hrRest: 52,
    hrMax: 186,
    paceMinPerKm: 5.0,
    rideKmh: 30,
    story: 'triathlete: swim, bike, run and core work, steady weeks',
    expectSpike: false,
    cycle: [
      [s('swim', 45, 4, '06:30')],
      [s('run', 50, 6, '18:00', ['warm-up'])],
      [s('ride', 75, 5, '06:00')],
      REST,
      [s('swim', 40, 5, '06:30'), s('strength', 30, 4, '19:00', ['core'])],
      [s('ride', 120, 6, '08:00')],
      [s('run', 70, 5, '08:30')],
    ],
  },
  {
    key: 'sofia',
    name: 'Sofia Marchetti',
    email: 'sofia.marchetti@harriers.example',
    timezone: 'Australia/Sydney',
    sex: 'female',
    hrRest: 50,
    hrMax: 190,
    paceMinPerKm: 5.4,
    rideKmh: 26,
    story: 'trail runner with two gym sessions a week, steady weeks',
    expectSpike: false,
    cycle: [
      [s('run', 45, 4, '06:00')],
      [s('strength', 50, 6, '17:30', ['spinal-loading', 'warm-up'])],
      [s('run', 60, 7, '06:00', ['warm-up', 'cool-down'])],
      REST,
      [s('run', 40, 3, '06:00'), s('strength', 40, 5, '17:30', ['core'])],
      [s('run', 100, 5, '07:00')],
      REST,
    ],
  },
  {
    key: 'jonas',
    name: 'Jonas Lindqvist',
    email: 'jonas.lindqvist@harriers.example',
    timezone: 'America/Los_Angeles',
    sex: 'male',
    hrRest: 55,
    hrMax: 188,
    paceMinPerKm: 5.6,
    rideKmh: 28,
    story: 'rower who lifts: heavy pulls and squats, easy cardio between, steady weeks',
    expectSpike: false,
    cycle: [
      [s('strength', 70, 7, '17:00', ['spinal-loading', 'warm-up'])],
      [s('ride', 45, 4, '07:00')],
      [s('strength', 60, 6, '17:00', ['spinal-loading', 'warm-up'])],
      REST,
      [s('strength', 65, 7, '17:00', ['spinal-loading', 'warm-up']), s('strength', 30, 3, '18:20', ['core'])],
      [s('run', 35, 5, '09:00')],
      REST,
    ],
  },
];

const LIFTS: Record<string, { name: string; kg: number }[]> = {
  'spinal-loading': [
    { name: 'deadlift', kg: 100 },
    { name: 'back squat', kg: 80 },
    { name: 'bent-over row', kg: 55 },
  ],
  core: [
    { name: 'plank', kg: 0 },
    { name: 'bird dog', kg: 0 },
  ],
};

/** The template for a day, `offset` days from today (0 = today, -55 = the first day). */
function templateFor(profile: AthleteProfile, offset: number): Day {
  const block = profile.block?.find((b) => offset >= b.fromOffset && offset <= b.toOffset);
  const cycle = block?.cycle ?? profile.cycle;
  const index = (((offset + 6) % 7) + 7) % 7;
  return cycle[index];
}

/** Heart rate from RPE: easy sessions near 55 % of heart-rate reserve, hard ones near 90 %. */
function heartRates(profile: AthleteProfile, sport: Sport, rpe: number, random: Random): { avgHr: number; maxHr: number } {
  const share = (sport === 'strength' ? 0.3 : sport === 'swim' ? 0.4 : 0.45) + 0.05 * rpe + between(random, -0.03, 0.03);
  const avgHr = Math.round(profile.hrRest + share * (profile.hrMax - profile.hrRest));
  const maxHr = Math.min(profile.hrMax, avgHr + Math.round(between(random, 12, 25)));
  return { avgHr, maxHr };
}

function distanceM(profile: AthleteProfile, sport: Sport, minutes: number, rpe: number): number | undefined {
  const faster = 1 + (rpe - 4) * 0.04;
  if (sport === 'run') return Math.round(((minutes / profile.paceMinPerKm) * faster * 1000) / 10) * 10;
  if (sport === 'ride') return Math.round((minutes / 60) * profile.rideKmh * faster * 1000);
  if (sport === 'swim') return Math.round((minutes / 2.1) * 100 / 50) * 50;
  return undefined;
}

function exercisesFor(template: SessionTemplate, random: Random): PlannedSession['exercises'] {
  if (template.sport !== 'strength') return undefined;
  const lifts = LIFTS[template.tags?.includes('spinal-loading') ? 'spinal-loading' : 'core'];
  return lifts.map((lift) => ({
    name: lift.name,
    sets: Array.from({ length: 3 }, () => ({
      reps: lift.kg > 0 ? 5 : 12,
      kg: Math.round((lift.kg * between(random, 0.9, 1.05)) / 2.5) * 2.5,
      rpe: Math.min(10, template.rpe + (random() < 0.3 ? 1 : 0)),
    })),
  }));
}

function minuteOfDay(at: string): number {
  const [h, m] = at.split(':').map(Number);
  return h * 60 + m;
}

/** One athlete's sessions over the last DEMO_DAYS local days; today's only when they would already be over. */
export function planSessions(profile: AthleteProfile, now: Date): PlannedSession[] {
  const random = seededRandom(seedOf(`loadwatch-demo:${profile.key}`));
  const today = localDate(now, profile.timezone);
  const sessions: PlannedSession[] = [];
  for (let offset = -(DEMO_DAYS - 1); offset <= 0; offset++) {
    const date = addDays(today, offset);
    // Slow build over the eight weeks (about 1 % a week), as a real plan would.
    const build = 1 + (offset + DEMO_DAYS) * 0.0015;
    templateFor(profile, offset).forEach((template, i) => {
      const minutes = Math.min(120, Math.max(30, Math.round(template.minutes * build * between(random, 0.9, 1.1))));
      const wobble = random();
      const rpe = Math.max(2, Math.min(9, template.rpe + (wobble < 0.15 ? -1 : wobble > 0.88 ? 1 : 0)));
      const start = zonedInstant(date, minuteOfDay(template.at) + Math.round(between(random, -20, 20)), profile.timezone);
      const { avgHr, maxHr } = heartRates(profile, template.sport, rpe, random);
      const exercises = exercisesFor(template, random);
      if (start.getTime() + minutes * 60_000 > now.getTime()) return; // not finished yet
      sessions.push({
        athleteKey: profile.key,
        externalId: `${profile.key}-${date}-${i + 1}`,
        localDate: date,
        startTime: isoWithOffset(start, profile.timezone),
        startMs: start.getTime(),
        durationS: minutes * 60,
        sport: template.sport,
        rpe,
        distanceM: distanceM(profile, template.sport, minutes, rpe),
        avgHr,
        maxHr,
        tags: template.tags,
        exercises,
      });
    });
  }
  return sessions;
}
