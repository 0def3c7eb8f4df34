/**
 * Whole-season scenarios built with the season builder (pure; shared by the scenario tests and the wording scan).
 * Every scenario is an athlete with an established routine: CTL and ATL are seeded at the usual daily load (as
 * intervals.icu "Set Fitness" / GoldenCheetah seeds do), loads are sRPE (RPE × minutes).
 *
 * The routine week (1200 AU, 171 AU/day; two rest days; weekly squat, deadlift and core work):
 *   Mon run 8 km 250 AU · Tue strength (squat 3×5×60 kg, plank) 200 AU · Wed rest · Thu run 8 km 250 AU ·
 *   Fri strength (deadlift 3×5×70 kg, bird dog) 200 AU · Sat long run 12 km 300 AU · Sun rest.
 * Recovery: rMSSD about 60 ms, resting HR about 48 bpm, sleep about 7.5 h, wellness 4/5, no back pain.
 */
import type { RuleSession } from '../../rules/rule.types';
import { buildSeason } from '../../rules/testing/season';
import type { Season, SeasonDay } from '../../rules/testing/season';

/** A Monday. */
export const SEASON_START = '2026-01-05';
export const USUAL_DAILY_LOAD = 1200 / 7;

const runS = (km: number, load: number): Partial<RuleSession> => ({ sport: 'Run', distanceM: km * 1000, durationS: km * 330, movingTimeS: km * 330, rpe: 5, load });
const strength = (lift: string, kg: number, core: string, load: number, extra: Partial<RuleSession> = {}): Partial<RuleSession> => ({
  sport: 'WeightTraining',
  durationS: 3000,
  movingTimeS: 3000,
  rpe: 6,
  load,
  tags: ['warm-up', 'cool-down'],
  exercises: [
    { name: lift, sets: Array.from({ length: 3 }, () => ({ reps: 5, kg })) },
    { name: core, sets: [{ reps: 3 }] },
  ],
  ...extra,
});

/** Day-to-day noise in [−1, 1] that averages out over a week (no slow drift, so 7-day means stay steady). */
const jitter = (i: number) => [0.4, -0.7, 1, -0.2, 0.6, -1, -0.1][i % 7];

/** The routine day `i` of the week (0 = Monday) with calm recovery and wellness. */
export function routineDay(dayIndex: number): SeasonDay {
  const dow = dayIndex % 7;
  const sessions: Partial<RuleSession>[] =
    dow === 0 ? [runS(8, 250)]
    : dow === 1 ? [strength('Back squat', 60, 'Plank', 200)]
    : dow === 3 ? [runS(8, 250)]
    : dow === 4 ? [strength('Deadlift', 70, 'Bird dog', 200)]
    : dow === 5 ? [runS(12, 300)]
    : [];
  return {
    sessions,
    selfReport: { wellness: { sleepQuality: 4, fatigue: 4, stress: 4, soreness: 4, mood: 4 }, backPain: 0 },
    recovery: {
      hrvRmssd: Math.round((60 + 4 * jitter(dayIndex)) * 10) / 10,
      restingHr: Math.round(48 + 1.5 * jitter(dayIndex + 3)),
      sleepS: Math.round((7.5 + 0.3 * jitter(dayIndex + 5)) * 3600),
    },
  };
}

function season(days: SeasonDay[], lbpHistory = false): Season {
  return buildSeason({
    start: SEASON_START,
    athlete: { name: 'Mara Lindqvist', lbpHistory },
    days,
    metricOptions: { ctlSeed: USUAL_DAILY_LOAD, atlSeed: USUAL_DAILY_LOAD },
  });
}

const routine = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => routineDay(i + offset));

/** (a) 12 weeks of the routine. */
export function steadySeason(): Season {
  return season(routine(84));
}

/** The 40 % week of scenario (b): 1680 AU over 7 training days, no rest day. */
export const SPIKE_WEEK_LOADS = [280, 240, 200, 280, 240, 300, 140] as const;

/** (b) 6 routine weeks, then a week 40 % heavier with no rest day (days 42–48), then 3 routine weeks. */
export function spikeWeekSeason(): Season {
  return season(spikeWeekSeasonDays());
}

function spikeWeekSeasonDays(): SeasonDay[] {
  const spike: SeasonDay[] = SPIKE_WEEK_LOADS.map((load, k) => ({
    ...routineDay(42 + k),
    sessions: [k % 2 === 0 ? runS(8 + (k === 4 ? 1 : 0), load) : { sport: 'Ride', distanceM: 30_000, durationS: 4000, rpe: 6, load }],
  }));
  return [...routine(42), ...spike, ...routine(21, 49)];
}

/** Index of the first heavy deadlift day in scenario (c) (a Monday after 5 routine weeks). */
export const DEADLIFT_START = 35;

/** (c) LBP history; 5 calm routine weeks, then heavy deadlifts Mon–Wed (the third a max attempt), then routine again. */
export function deadliftSeason(): Season {
  const heavy = (k: number): SeasonDay => ({
    ...routineDay(DEADLIFT_START + k),
    sessions: [
      strength('Deadlift', 140, 'Farmer carry', 250, {
        rpe: k === 2 ? 9 : 8,
        tags: k === 2 ? ['warm-up', 'max-attempt', 'spinal-loading'] : ['warm-up', 'spinal-loading'],
        exercises: [{ name: 'Deadlift', sets: Array.from({ length: 5 }, () => ({ reps: 5, kg: 140 })) }],
      }),
    ],
  });
  return season([...routine(DEADLIFT_START), heavy(0), heavy(1), heavy(2), ...routine(25, DEADLIFT_START + 3)], true);
}

/** Index of the first of the three days of back pain in scenarios (d) and (f). */
export const PAIN_START = 43;

/** (d)/(f) Routine load; back pain 5/10 on days 43, 44, 45, none before or after. */
export function backPainSeason(): Season {
  const days = routine(60).map((d, i) =>
    i >= PAIN_START && i < PAIN_START + 3 ? { ...d, selfReport: { ...d.selfReport, backPain: 5, backPainRegion: 'lower back' } } : d,
  );
  return season(days);
}

/** The spike week of (b) with recovery sliding from its first day: resting HR +10 bpm and 5.5 h nights. */
export function overreachingSeason(): Season {
  const base = spikeWeekSeasonDays();
  const days = base.map((d, i) =>
    i >= 42 && i < 52 ? { ...d, recovery: { ...d.recovery, restingHr: 58, sleepS: 5.5 * 3600 } } : d,
  );
  return season(days);
}
