import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EmailService } from '@app/notifications';
import { Athlete, CoachConsent, isValidTimeZone, normalizeEmail, Team, User } from '@app/roster';
import { renderInviteEmail } from './account-emails';
import { AccountsService, IssuedToken, SESSION_TTL_MS, toActor } from './accounts.service';
import { Actor } from './actor';
import { Invite } from './entities';
import { hashSecretToken, newSecretToken } from './secret-token';

const INVITE_TTL_MS = 14 * 24 * 3600 * 1000;

export interface InviteView {
  id: string;
  athleteId: string;
  email: string;
  athleteName: string;
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
}

export interface InvitePreview {
  email: string;
  athleteName: string;
  teamName: string;
  coachName: string | null;
}

export interface AcceptInput {
  password: string;
  /** Share data and alerts with the coach who invited (consent; revocable later). */
  shareWithCoach: boolean;
  timezone?: string;
}

/** A coach invites an athlete by email; the athlete accepts, sets a password and decides about sharing. */
@Injectable()
export class InvitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly emails: EmailService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates (or finds) the athlete record and emails a one-time link; inviting again replaces the old link. */
  async inviteAthlete(inviter: Actor, teamId: string, input: { email: string; name: string; timezone?: string }): Promise<InviteView> {
    const email = normalizeEmail(input.email);
    if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
      throw new DomainError(ErrorCode.ValidationFailed, `timezone "${input.timezone}" is not an IANA time zone`);
    }
    return this.dataSource.transaction(async (manager) => {
      const team = await manager.findOneBy(Team, { id: teamId });
      if (!team) throw new DomainError(ErrorCode.NotFound, `Team ${teamId} not found`);
      if (await manager.existsBy(User, { email })) throw new DomainError(ErrorCode.Conflict, `${email} already has a Loadwatch account`);
      const athlete =
        (await manager.findOneBy(Athlete, { teamId, email })) ??
        (await manager.save(manager.create(Athlete, { teamId, email, name: input.name, timezone: input.timezone ?? 'UTC' })));
      const now = this.clock.now();
      await manager.update(Invite, { athleteId: athlete.id, acceptedAt: IsNull(), expiresAt: MoreThan(now) }, { expiresAt: now });
      const token = newSecretToken('lwi');
      const invite = await manager.save(
        manager.create(Invite, {
          teamId,
          athleteId: athlete.id,
          email,
          invitedById: inviter.userId,
          tokenHash: hashSecretToken(token),
          expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
          acceptedAt: null,
        }),
      );
      await this.emails.queue(manager, [
        {
          kind: 'account',
          alertId: null,
          recipient: email,
          idempotencyKey: `invite:${invite.id}`,
          rendered: renderInviteEmail({
            athleteName: athlete.name,
            coachName: inviter.name,
            teamName: team.name,
            url: `${this.config.publicUrl}/invite?token=${encodeURIComponent(token)}`,
            expiresAt: invite.expiresAt,
          }),
        },
      ]);
      return { id: invite.id, athleteId: athlete.id, email, athleteName: athlete.name, invitedBy: inviter.name, expiresAt: invite.expiresAt, acceptedAt: null };
    });
  }

  async listForTeam(teamId: string): Promise<InviteView[]> {
    const rows = await this.dataSource.getRepository(Invite).find({ where: { teamId }, relations: { athlete: true, invitedBy: true }, order: { createdAt: 'DESC' }, take: 200 });
    return rows.map((i) => ({
      id: i.id,
      athleteId: i.athleteId,
      email: i.email,
      athleteName: i.athlete?.name ?? i.email,
      invitedBy: i.invitedBy?.name ?? null,
      expiresAt: i.expiresAt,
      acceptedAt: i.acceptedAt,
    }));
  }

  /** What the accept page shows; null when the link is unknown, used or expired. */
  async preview(token: string): Promise<InvitePreview | null> {
    const invite = await this.dataSource.getRepository(Invite).findOne({
      where: { tokenHash: hashSecretToken(token), acceptedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      relations: { athlete: true, team: true, invitedBy: true },
    });
    if (!invite?.athlete || !invite.team) return null;
    return { email: invite.email, athleteName: invite.athlete.name, teamName: invite.team.name, coachName: invite.invitedBy?.name ?? null };
  }

  /** Creates the athlete's login (and the consent, if given) in one transaction; the link then stops working. */
  async accept(token: string, input: AcceptInput): Promise<{ actor: Actor; session: IssuedToken }> {
    if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
      throw new DomainError(ErrorCode.ValidationFailed, `timezone "${input.timezone}" is not an IANA time zone`);
    }
    return this.dataSource.transaction(async (manager) => {
      const invite = await manager
        .getRepository(Invite)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :hash AND i.accepted_at IS NULL AND i.expires_at > :now', { hash: hashSecretToken(token), now: this.clock.now() })
        .getOne();
      if (!invite) throw new DomainError(ErrorCode.ValidationFailed, 'This invitation has expired or was already used; ask your coach for a new one');
      const athlete = await manager.findOneByOrFail(Athlete, { id: invite.athleteId });
      if (input.timezone) await manager.update(Athlete, { id: athlete.id }, { timezone: input.timezone });
      const user = await this.accounts.createUser(
        { email: invite.email, name: athlete.name, role: 'athlete', teamId: invite.teamId, athleteId: athlete.id, timezone: input.timezone ?? athlete.timezone, password: input.password },
        manager,
      );
      if (input.shareWithCoach && invite.invitedById) {
        const coach = await manager.findOneBy(User, { id: invite.invitedById, role: 'coach', teamId: invite.teamId });
        if (coach && !(await manager.existsBy(CoachConsent, { athleteId: athlete.id, coachId: coach.id, revokedAt: IsNull() }))) {
          await manager.save(manager.create(CoachConsent, { athleteId: athlete.id, coachId: coach.id, revokedAt: null }));
        }
      }
      await manager.update(Invite, { id: invite.id }, { acceptedAt: this.clock.now() });
      const session = await this.accounts.issue(manager, user.id, 'session', 'invite', SESSION_TTL_MS);
      return { actor: toActor(user, 'session'), session };
    });
  }
}
