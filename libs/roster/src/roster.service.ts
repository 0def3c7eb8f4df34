import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError, ErrorCode } from '@app/common';
import { Athlete, CoachConsent, Sex, Team, User } from './entities';

export interface NewAthlete {
  name: string;
  email?: string | null;
  externalId?: string | null;
  timezone?: string;
  sex?: Sex | null;
  hrRest?: number | null;
  hrMax?: number | null;
  hrThreshold?: number | null;
  ftp?: number | null;
  lbpHistory?: boolean;
}

export type AthleteRef = { athleteId: string } | { athleteExternalId: string };

/** How every email address is stored and looked up: users, invites and recipients compare case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Teams, their coaches and their athletes. */
@Injectable()
export class RosterService {
  constructor(
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    @InjectRepository(Athlete) private readonly athletes: Repository<Athlete>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(CoachConsent) private readonly consents: Repository<CoachConsent>,
  ) {}

  createTeam(name: string): Promise<Team> {
    return this.teams.save(this.teams.create({ name }));
  }

  listTeams(): Promise<Team[]> {
    return this.teams.find({ order: { name: 'ASC' } });
  }

  async requireTeam(teamId: string): Promise<Team> {
    const team = await this.teams.findOneBy({ id: teamId });
    if (!team) throw new DomainError(ErrorCode.NotFound, `Team ${teamId} not found`);
    return team;
  }

  async createAthlete(teamId: string, input: NewAthlete): Promise<Athlete> {
    await this.requireTeam(teamId);
    const timezone = input.timezone ?? 'UTC';
    if (!isValidTimeZone(timezone)) {
      throw new DomainError(ErrorCode.ValidationFailed, `timezone "${timezone}" is not an IANA time zone`);
    }
    if (input.externalId && (await this.athletes.existsBy({ teamId, externalId: input.externalId }))) {
      throw new DomainError(ErrorCode.Conflict, `An athlete with externalId "${input.externalId}" already exists in this team`);
    }
    return this.athletes.save(this.athletes.create({ ...input, teamId, timezone }));
  }

  async updateAthlete(athleteId: string, changes: Partial<Omit<NewAthlete, 'name' | 'email' | 'externalId'>>): Promise<Athlete> {
    const athlete = await this.requireAthlete(athleteId);
    if (changes.timezone !== undefined && !isValidTimeZone(changes.timezone)) {
      throw new DomainError(ErrorCode.ValidationFailed, `timezone "${changes.timezone}" is not an IANA time zone`);
    }
    return this.athletes.save(Object.assign(athlete, changes));
  }

  async createCoach(teamId: string, name: string, email: string): Promise<User> {
    await this.requireTeam(teamId);
    const normalized = normalizeEmail(email);
    if (await this.users.existsBy({ email: normalized })) throw new DomainError(ErrorCode.Conflict, `A user with email ${normalized} already exists`);
    return this.users.save(this.users.create({ teamId, name, email: normalized, role: 'coach', passwordHash: null }));
  }

  async requireAthlete(athleteId: string): Promise<Athlete> {
    const athlete = await this.athletes.findOneBy({ id: athleteId });
    if (!athlete) throw new DomainError(ErrorCode.NotFound, `Athlete ${athleteId} not found`);
    return athlete;
  }

  /** Finds an athlete of one team by our id or the sender's id; null when the team has no such athlete. */
  findInTeam(teamId: string, ref: AthleteRef): Promise<Athlete | null> {
    return 'athleteId' in ref
      ? this.athletes.findOneBy({ teamId, id: ref.athleteId })
      : this.athletes.findOneBy({ teamId, externalId: ref.athleteExternalId });
  }

  coachesOf(teamId: string): Promise<User[]> {
    return this.users.findBy({ teamId, role: 'coach' });
  }

  /** The athlete shares their data with a coach of their team (SPEC §3); granting twice changes nothing. */
  async grantConsent(athleteId: string, coachId: string): Promise<CoachConsent> {
    const athlete = await this.requireAthlete(athleteId);
    const coach = await this.users.findOneBy({ id: coachId, role: 'coach' });
    if (!coach || coach.teamId !== athlete.teamId) throw new DomainError(ErrorCode.ValidationFailed, 'coachId must be a coach of the athlete’s team');
    const active = await this.consents.findOneBy({ athleteId, coachId, revokedAt: IsNull() });
    return active ?? this.consents.save(this.consents.create({ athleteId, coachId, revokedAt: null }));
  }

  /** Every coach of the athlete's team and whether the athlete shares with them now. */
  async sharingOf(athleteId: string): Promise<{ coachId: string; name: string; email: string; sharing: boolean; since: Date | null }[]> {
    const athlete = await this.requireAthlete(athleteId);
    const coaches = await this.users.find({ where: { teamId: athlete.teamId, role: 'coach' }, order: { name: 'ASC' } });
    const active = await this.consents.findBy({ athleteId, revokedAt: IsNull() });
    return coaches.map((c) => {
      const consent = active.find((a) => a.coachId === c.id);
      return { coachId: c.id, name: c.name, email: c.email, sharing: consent !== undefined, since: consent?.grantedAt ?? null };
    });
  }

  /** The athlete stops sharing with a coach; the record stays, marked revoked. */
  async revokeConsent(athleteId: string, coachId: string): Promise<void> {
    const result = await this.consents.update({ athleteId, coachId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new DomainError(ErrorCode.NotFound, 'No active consent for this coach');
  }
}
