/**
 * Who may see or act on an athlete: pure rules, no framework, so every case is a table test.
 *
 * - admin: every athlete.
 * - athlete: only themselves.
 * - coach: athletes of their own team who have consented to share with them. A team athlete who has not
 *   consented (or revoked) exists on the roster by name only; their data is refused.
 *
 * A caller who cannot know the athlete exists (another team) gets "not-found", so ids cannot be probed.
 */
import type { UserRole } from '@app/roster';

export type AthleteAccessMode =
  /** Read the athlete's data; act on their alerts (coaches with consent). */
  | 'read'
  /** Things only the athlete decides: consents, tracker connections, self-reports, RPE. */
  | 'own';

export interface AccessSubject {
  role: UserRole;
  teamId: string | null;
  athleteId: string | null;
}

export interface AthleteFacts {
  teamId: string;
  /** Whether this caller (a coach) holds an active consent from the athlete. */
  consentedToCaller: boolean;
}

export type AccessDecision = 'allow' | 'not-found' | 'forbidden';

export function athleteAccess(caller: AccessSubject, athleteId: string, athlete: AthleteFacts | null, mode: AthleteAccessMode): AccessDecision {
  if (athlete === null) return 'not-found';
  if (caller.role === 'admin') return 'allow';
  if (caller.role === 'athlete') {
    if (caller.athleteId === athleteId) return 'allow';
    return caller.teamId === athlete.teamId ? 'forbidden' : 'not-found';
  }
  // coach
  if (caller.teamId !== athlete.teamId) return 'not-found';
  if (mode === 'own') return 'forbidden';
  return athlete.consentedToCaller ? 'allow' : 'forbidden';
}

/** Team-level actions (invite, thresholds, integrations, roster export): admins anywhere, coaches in their team. */
export function teamAccess(caller: AccessSubject, teamId: string): AccessDecision {
  if (caller.role === 'admin') return 'allow';
  if (caller.role === 'coach') return caller.teamId === teamId ? 'allow' : 'not-found';
  return caller.teamId === teamId ? 'forbidden' : 'not-found';
}
