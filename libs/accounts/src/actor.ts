import type { UserRole } from '@app/roster';

/** Who is calling: resolved once per request from a session cookie, a personal API token or the operator token. */
export interface Actor {
  /** null for the operator token (configured API_TOKEN), which acts as an admin without a user row. */
  userId: string | null;
  role: UserRole;
  teamId: string | null;
  /** The athlete record an athlete's login belongs to. */
  athleteId: string | null;
  name: string;
  email: string | null;
  via: 'session' | 'api-token' | 'operator';
}

export const OPERATOR_ACTOR: Actor = Object.freeze({
  userId: null,
  role: 'admin',
  teamId: null,
  athleteId: null,
  name: 'operator (API token)',
  email: null,
  via: 'operator',
});

/** How an action is recorded in an alert's history: "Sam Berg <sam@club.test> (coach)". */
export function describeActor(actor: Actor): string {
  return actor.email ? `${actor.name} <${actor.email}> (${actor.role})` : actor.name;
}
