/**
 * The advice catalogue (SPEC §5 "Recommendations are attached by rule"). Rules reference advice by key, so the
 * wording lives in one place and tests can check that each rule attaches the advice it should. Text is addressed
 * to both readers of the e-mail (athlete and coach), states what to do, and never diagnoses.
 */
export const RECOMMENDATIONS = Object.freeze({
  restOrLowImpact: 'Take a rest day or swap the next hard session for a low-impact one (swimming, cycling, walking).',
  buildGradually: 'Build back up in small steps: keep next week within about 10% of what the athlete is used to.',
  warmUpCoolDown: 'Warm up and cool down properly around the remaining sessions.',
  varyTheWeek: 'Vary the week: alternate hard, easy and rest days instead of similar loads every day.',
  alternateMuscleGroups: 'Alternate muscle groups instead of loading one area (for example the lower back) all week.',
  scheduleRestDay: 'Schedule at least one full rest day in every 7 days.',
  progressRunsGradually: 'Lengthen the longest run by about 5% at a time rather than in one jump (Garmin-RUNSAFE).',
  reduceIntensity: 'Keep sessions easy until heart-rate variability and resting heart rate are back in their usual range.',
  prioritiseSleep: 'Aim for 7–9 hours of sleep a night; move late sessions earlier if they cut into sleep.',
  coreWork: 'Add core work 2–3 times a week: planks, bird dogs, pelvic tilts, partial crunches, wall sits.',
  hamstringStretching: 'Stretch the hamstrings gently after training, with caution: stretching aggravates some back conditions, so stop if it brings on pain.',
  liftingForm: 'Check lifting form and keep a neutral spine; reduce the weight rather than grinding out reps.',
  spaceSpinalSessions: 'Leave at least 48 hours between heavy spinal-loading sessions (deadlifts, squats, cleans, good mornings).',
  bookAssessment: 'Book an assessment with a physical therapist if back pain persists.',
  seeClinician: 'See a physical therapist or doctor about the back pain before the next hard or heavy session.',
  talkToCoach: 'Talk the next two weeks of training through with the coach before adding more load.',
});

export type RecommendationKey = keyof typeof RECOMMENDATIONS;

/** The advice texts of `keys`, in order, without duplicates. */
export function recommend(...keys: RecommendationKey[]): string[] {
  return [...new Set(keys)].map((k) => RECOMMENDATIONS[k]);
}
