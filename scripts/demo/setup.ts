// Creates the demo team through the operator API: team, coach, athletes (consenting to the coach) and a Standard
// Webhooks integration.

import type { DemoApi } from './http';
import { ATHLETES, AthleteProfile } from './plan';

export interface DemoAthlete {
  id: string;
  externalId: string;
  profile: AthleteProfile;
}

export interface DemoTeam {
  id: string;
  name: string;
  coach: { id: string; name: string; email: string };
  athletes: DemoAthlete[];
  integration: { id: string; secret: string; webhookPath: string };
}

export const TEAM_NAME = 'Demo Harriers';

/** A fresh team every run; the coach's email carries the run id because user emails are unique. */
export async function createDemoTeam(api: DemoApi, runId: string): Promise<DemoTeam> {
  const team = await api.post<{ id: string; name: string }>('/api/teams', { name: TEAM_NAME });
  const coach = await api.post<{ id: string; name: string; email: string }>(`/api/teams/${team.id}/coaches`, {
    name: 'Dana Whitfield',
    email: `coach.${runId}@harriers.example`,
  });
  const athletes: DemoAthlete[] = [];
  for (const profile of ATHLETES) {
    const created = await api.post<{ id: string; externalId: string }>(`/api/teams/${team.id}/athletes`, {
      name: profile.name,
      email: profile.email,
      externalId: `harriers-${profile.key}`,
      timezone: profile.timezone,
      sex: profile.sex,
      hrRest: profile.hrRest,
      hrMax: profile.hrMax,
    });
    athletes.push({ id: created.id, externalId: created.externalId, profile });
    // Each athlete shares their data with the coach: only then does the coach get their alerts and digest.
    await api.post(`/api/athletes/${created.id}/consents`, { coachId: coach.id });
  }
  const integration = await api.post<{ id: string; secret: string; webhookPath: string }>(`/api/teams/${team.id}/integrations`, {
    name: `Demo tracker sync (run ${runId})`,
  });
  return { id: team.id, name: team.name, coach, athletes, integration };
}
