import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { Clock, DomainError, ErrorCode, isUniqueViolation, returnedRows } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EmailService } from '@app/notifications';
import { normalizeEmail, User, UserRole } from '@app/roster';
import { renderPasswordEmail } from './account-emails';
import { Actor } from './actor';
import { AuthToken, AuthTokenPurpose } from './entities';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { hashSecretToken, newSecretToken } from './secret-token';

const DAY_MS = 24 * 3600 * 1000;
export const SESSION_TTL_MS = 14 * DAY_MS;
const API_TOKEN_TTL_MS = 365 * DAY_MS;
const RESET_TTL_MS = 3600 * 1000;
const WELCOME_TTL_MS = 7 * DAY_MS;

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  teamId: string | null;
  athleteId?: string | null;
  timezone?: string;
  password?: string;
}

export function toActor(user: User, via: Actor['via']): Actor {
  return { userId: user.id, role: user.role, teamId: user.teamId, athleteId: user.athleteId, name: user.name, email: user.email, via };
}

/** Logins, sessions, personal API tokens and password resets. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Email + password → a new browser session. One message for every failure, so accounts cannot be enumerated. */
  async login(email: string, password: string, label: string | null): Promise<{ actor: Actor; session: IssuedToken }> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: normalizeEmail(email) });
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new DomainError(ErrorCode.Unauthenticated, 'The email or password is not right');
    const session = await this.issue(this.dataSource.manager, user.id, 'session', label, SESSION_TTL_MS);
    this.logger.log(`user ${user.id} signed in`);
    return { actor: toActor(user, 'session'), session };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource.getRepository(AuthToken).update({ tokenHash: hashSecretToken(token), revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** The person behind a live session cookie or API token, or null (unknown, expired, revoked). */
  async resolve(token: string, purpose: 'session' | 'api'): Promise<Actor | null> {
    const row = await this.dataSource.getRepository(AuthToken).findOne({
      where: { tokenHash: hashSecretToken(token), purpose, revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      relations: { user: true },
    });
    return row?.user ? toActor(row.user, purpose === 'session' ? 'session' : 'api-token') : null;
  }

  async createApiToken(userId: string, label: string): Promise<IssuedToken> {
    return this.issue(this.dataSource.manager, userId, 'api', label, API_TOKEN_TTL_MS);
  }

  async listApiTokens(userId: string): Promise<Pick<AuthToken, 'id' | 'label' | 'createdAt' | 'expiresAt'>[]> {
    const rows = await this.dataSource.getRepository(AuthToken).find({
      where: { userId, purpose: 'api', revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: 'DESC' },
    });
    return rows.map(({ id, label, createdAt, expiresAt }) => ({ id, label, createdAt, expiresAt }));
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<void> {
    const result = await this.dataSource.getRepository(AuthToken).update({ id: tokenId, userId, purpose: 'api', revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!result.affected) throw new DomainError(ErrorCode.NotFound, 'No such API token');
  }

  /** Always succeeds for the caller; an email goes out only when the address has an account. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: normalizeEmail(email) });
    if (!user) return;
    await this.dataSource.transaction((manager) => this.queuePasswordEmail(manager, user, false));
  }

  /** Sets the password from a reset link; every other session and token of the person ends, and a new one starts. */
  async resetPassword(token: string, password: string): Promise<{ actor: Actor; session: IssuedToken }> {
    const problem = passwordProblem(password);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem, [{ field: 'password', problems: [problem] }]);
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const [row] = returnedRows<{ user_id: string }>(
        await manager.query(
        `UPDATE auth_tokens SET revoked_at = $2 WHERE token_hash = $1 AND purpose = 'password-reset' AND revoked_at IS NULL AND expires_at > $2 RETURNING user_id`,
          [hashSecretToken(token), now],
        ),
      );
      const userId = row?.user_id;
      if (!userId) throw new DomainError(ErrorCode.ValidationFailed, 'This link has expired or was already used; ask for a new one');
      await manager.update(User, { id: userId }, { passwordHash });
      await manager.query(`UPDATE auth_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, now]);
      const session = await this.issue(manager, userId, 'session', 'password reset', SESSION_TTL_MS);
      return { actor: toActor(await manager.findOneByOrFail(User, { id: userId }), 'session'), session };
    });
  }

  /** A user row; with a password it can sign in at once, without one it gets a set-password email. */
  async createUser(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const email = normalizeEmail(input.email);
    if (await manager.existsBy(User, { email })) throw new DomainError(ErrorCode.Conflict, `A user with email ${email} already exists`);
    let passwordHash: string | null = null;
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password);
      if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem, [{ field: 'password', problems: [problem] }]);
      passwordHash = await hashPassword(input.password);
    }
    const user = await manager.save(
      manager.create(User, { email, name: input.name, role: input.role, teamId: input.teamId, athleteId: input.athleteId ?? null, timezone: input.timezone ?? 'UTC', passwordHash }),
    );
    if (passwordHash === null) await this.queuePasswordEmail(manager, user, true);
    return user;
  }

  /** Sets a password directly (first admin, demo); people use the emailed links instead. */
  async setPassword(userId: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem, [{ field: 'password', problems: [problem] }]);
    await this.dataSource.getRepository(User).update({ id: userId }, { passwordHash: await hashPassword(password) });
  }

  /** First boot: ADMIN_EMAIL + ADMIN_PASSWORD create the first admin (nothing happens once any admin exists). */
  async ensureBootstrapAdmin(email: string, password: string): Promise<void> {
    if (await this.dataSource.getRepository(User).existsBy({ role: 'admin' })) return;
    try {
      await this.createUser({ email, name: 'Administrator', role: 'admin', teamId: null, password });
      this.logger.log('created the first admin account from ADMIN_EMAIL');
    } catch (error) {
      // Several processes boot at once (an API cluster, the worker): the first one creates the account.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async issue(manager: EntityManager, userId: string, purpose: AuthTokenPurpose, label: string | null, ttlMs: number): Promise<IssuedToken> {
    const prefix = purpose === 'session' ? 'lws' : purpose === 'api' ? 'lwt' : 'lwr';
    const token = newSecretToken(prefix);
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    const row = await manager.save(manager.create(AuthToken, { userId, purpose, label, tokenHash: hashSecretToken(token), expiresAt, revokedAt: null }));
    return { id: row.id, token, expiresAt };
  }

  private async queuePasswordEmail(manager: EntityManager, user: User, firstTime: boolean): Promise<void> {
    const issued = await this.issue(manager, user.id, 'password-reset', firstTime ? 'welcome' : 'reset', firstTime ? WELCOME_TTL_MS : RESET_TTL_MS);
    const url = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(issued.token)}`;
    await this.emails.queue(manager, [
      {
        kind: 'account',
        alertId: null,
        recipient: user.email,
        idempotencyKey: `password:${issued.id}`,
        rendered: renderPasswordEmail({ name: user.name, url, expiresAt: issued.expiresAt, firstTime }),
      },
    ]);
  }
}
