import { AccessDecision, AccessSubject, athleteAccess, AthleteAccessMode, teamAccess } from './access-policy';

const TEAM = 'team-a';
const OTHER = 'team-b';
const ME = 'athlete-1';
const MATE = 'athlete-2';

const admin: AccessSubject = { role: 'admin', teamId: null, athleteId: null };
const coach: AccessSubject = { role: 'coach', teamId: TEAM, athleteId: null };
const athlete: AccessSubject = { role: 'athlete', teamId: TEAM, athleteId: ME };

describe('athleteAccess', () => {
  const cases: [string, AccessSubject, string, { teamId: string; consentedToCaller: boolean } | null, AthleteAccessMode, AccessDecision][] = [
    ['admin reads anyone', admin, MATE, { teamId: OTHER, consentedToCaller: false }, 'read', 'allow'],
    ['admin acts for anyone', admin, MATE, { teamId: OTHER, consentedToCaller: false }, 'own', 'allow'],
    ['unknown athlete', admin, MATE, null, 'read', 'not-found'],
    ['athlete reads self', athlete, ME, { teamId: TEAM, consentedToCaller: false }, 'read', 'allow'],
    ['athlete acts for self', athlete, ME, { teamId: TEAM, consentedToCaller: false }, 'own', 'allow'],
    ['athlete reads a teammate', athlete, MATE, { teamId: TEAM, consentedToCaller: false }, 'read', 'forbidden'],
    ['athlete reads another team', athlete, MATE, { teamId: OTHER, consentedToCaller: false }, 'read', 'not-found'],
    ['coach reads a consenting athlete', coach, ME, { teamId: TEAM, consentedToCaller: true }, 'read', 'allow'],
    ['coach reads without consent', coach, ME, { teamId: TEAM, consentedToCaller: false }, 'read', 'forbidden'],
    ['coach acts as the athlete', coach, ME, { teamId: TEAM, consentedToCaller: true }, 'own', 'forbidden'],
    ['coach reads another team, even with a stray consent', coach, ME, { teamId: OTHER, consentedToCaller: true }, 'read', 'not-found'],
  ];
  it.each(cases)('should decide: %s', (_name, caller, athleteId, facts, mode, expected) => {
    expect(athleteAccess(caller, athleteId, facts, mode)).toBe(expected);
  });
});

describe('teamAccess', () => {
  it.each([
    [admin, OTHER, 'allow'],
    [coach, TEAM, 'allow'],
    [coach, OTHER, 'not-found'],
    [athlete, TEAM, 'forbidden'],
    [athlete, OTHER, 'not-found'],
  ] as const)('should decide for %j on %s: %s', (caller, teamId, expected) => {
    expect(teamAccess(caller, teamId)).toBe(expected);
  });
});
