// Gives the demo's coach and athletes passwords, so the dashboard can be tried at once (real users get emailed links).

import type { INestApplication } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import type { DemoTeam } from './setup';

export const DEMO_PASSWORD = 'harriers-demo';

export interface DemoLogins {
  coach: string;
  athletes: { name: string; email: string }[];
  password: string;
}

export async function createDemoLogins(app: INestApplication, team: DemoTeam, runId: string): Promise<DemoLogins> {
  const accounts = app.get(AccountsService);
  await accounts.setPassword(team.coach.id, DEMO_PASSWORD);
  const athletes: DemoLogins['athletes'] = [];
  for (const a of team.athletes) {
    // Login emails carry the run id: every demo run makes a fresh team, and login emails are unique.
    const email = `${a.profile.key}.${runId}@harriers.example`;
    await accounts.createUser({ email, name: a.profile.name, role: 'athlete', teamId: team.id, athleteId: a.id, timezone: a.profile.timezone, password: DEMO_PASSWORD });
    athletes.push({ name: a.profile.name, email });
  }
  return { coach: team.coach.email, athletes, password: DEMO_PASSWORD };
}
