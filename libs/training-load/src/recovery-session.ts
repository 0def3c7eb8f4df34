const RECOVERY_SPORTS = new Set(['walk', 'walking', 'yoga', 'mobility', 'stretching', 'meditation']);

/** SPEC §4: a day with only these sessions (RPE ≤ 2 and a recovery activity or tag) is still a rest day. */
export function isRecoverySession(session: { rpe: number | null; sport: string | null; tags: string[] }): boolean {
  if (session.rpe === null || session.rpe > 2) return false;
  return session.tags.includes('recovery') || RECOVERY_SPORTS.has((session.sport ?? '').toLowerCase());
}
