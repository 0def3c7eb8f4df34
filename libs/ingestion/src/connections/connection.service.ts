import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError, ErrorCode, returnedRows, SecretBox } from '@app/common';
import { ProviderHttpError } from '../providers/provider-api';
import { ProviderRegistry } from '../providers/provider-registry';
import { ProviderConnection } from './provider-connection.entity';
import { requestToken, TokenSet } from './token-endpoint';

// Refresh a little before expiry so a token never dies in the middle of a fetch.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Provider connections and their tokens: stored sealed, refreshed before expiry and after a 401. */
@Injectable()
export class ConnectionService {
  private readonly logger = new Logger(ConnectionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(ProviderConnection);
  }

  findActive(provider: string, providerUserId: string): Promise<ProviderConnection | null> {
    return this.repo.findOneBy({ provider, providerUserId, status: 'active' });
  }

  async require(connectionId: string): Promise<ProviderConnection> {
    const c = await this.repo.findOneBy({ id: connectionId });
    if (!c) throw new DomainError(ErrorCode.NotFound, `Connection ${connectionId} not found`);
    return c;
  }

  listForAthlete(athleteId: string): Promise<ProviderConnection[]> {
    return this.repo.find({ where: { athleteId }, order: { provider: 'ASC' } });
  }

  /** Creates or re-activates the athlete's connection to a platform with fresh tokens. */
  async saveTokens(athleteId: string, provider: string, providerUserId: string, tokens: TokenSet, purgeOnDisconnect: boolean): Promise<ProviderConnection> {
    const existing = await this.repo.findOneBy({ athleteId, provider });
    const fields = {
      providerUserId,
      accessTokenSealed: this.box.seal(tokens.accessToken),
      refreshTokenSealed: tokens.refreshToken ? this.box.seal(tokens.refreshToken) : null,
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes,
      status: 'active' as const,
      purgeOnDisconnect,
    };
    if (existing) {
      await this.repo.update({ id: existing.id }, { ...fields, backfillStatus: 'pending' });
      await this.updateBackfill(existing.id, 'pending', {});
      return this.require(existing.id);
    }
    return this.repo.save(this.repo.create({ athleteId, provider, ...fields }));
  }

  /** For platforms without OAuth in this app (Terra, Junction): the aggregator's user id is the whole link. */
  async link(athleteId: string, provider: string, providerUserId: string): Promise<ProviderConnection> {
    return this.saveTokens(athleteId, provider, providerUserId, { accessToken: '', refreshToken: null, expiresAt: null, scopes: [], raw: {} }, false);
  }

  /** A usable access token: refreshed first when it is about to expire. */
  async accessToken(connectionId: string): Promise<string> {
    const c = await this.require(connectionId);
    if (c.status !== 'active') throw new DomainError(ErrorCode.Conflict, `Connection ${c.id} is ${c.status}`);
    if (c.tokenExpiresAt && c.tokenExpiresAt.getTime() - this.clock.now().getTime() < REFRESH_MARGIN_MS && c.refreshTokenSealed) {
      return this.refresh(c.id);
    }
    return c.accessTokenSealed ? this.box.open(c.accessTokenSealed) : '';
  }

  /**
   * Exchanges the refresh token for a new access token. The row lock makes concurrent jobs wait for one refresh
   * and reuse its result (platforms rotate refresh tokens: a second refresh with the old one would fail).
   */
  async refresh(connectionId: string, staleAccessToken?: string): Promise<string> {
    try {
      return await this.refreshLocked(connectionId, staleAccessToken);
    } catch (error) {
      // The platform refused the refresh token: the grant is gone. Say so on the connection (the athlete must
      // reconnect) instead of leaving it looking healthy. After the locking transaction, or it would wait on itself.
      if (error instanceof ProviderHttpError && error.status >= 400 && error.status < 500) {
        await this.markNeedsReconnect(connectionId, `refresh refused (${error.status})`);
      }
      throw error;
    }
  }

  private refreshLocked(connectionId: string, staleAccessToken?: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const c = await manager.findOne(ProviderConnection, { where: { id: connectionId }, lock: { mode: 'pessimistic_write' } });
      if (!c || c.status !== 'active') throw new DomainError(ErrorCode.Conflict, `Connection ${connectionId} is not active`);
      const current = c.accessTokenSealed ? this.box.open(c.accessTokenSealed) : '';
      const fresh = c.tokenExpiresAt && c.tokenExpiresAt.getTime() - this.clock.now().getTime() >= REFRESH_MARGIN_MS;
      if (fresh && staleAccessToken !== undefined && current !== staleAccessToken) return current; // someone else refreshed
      if (fresh && staleAccessToken === undefined) return current;
      const adapter = this.registry.get(c.provider);
      if (!adapter.oauth || !c.refreshTokenSealed) throw new DomainError(ErrorCode.Conflict, `${c.provider} connection cannot be refreshed`);
      const tokens = await requestToken(
        c.provider,
        adapter.oauth,
        this.registry.settings(c.provider),
        { grant_type: 'refresh_token', refresh_token: this.box.open(c.refreshTokenSealed) },
        this.clock.now(),
      );
      await manager.update(ProviderConnection, { id: c.id }, {
        accessTokenSealed: this.box.seal(tokens.accessToken),
        refreshTokenSealed: tokens.refreshToken ? this.box.seal(tokens.refreshToken) : c.refreshTokenSealed,
        tokenExpiresAt: tokens.expiresAt,
      });
      this.logger.log(`refreshed ${c.provider} token of connection ${c.id}`);
      return tokens.accessToken;
    });
  }

  /**
   * Stops syncing: tokens dropped, status revoked. When the athlete chose to purge, their data from this platform
   * goes too; returns the earliest day that lost data (so the caller recomputes from there), else null.
   */
  async revoke(manager: EntityManager, connectionId: string, reason: string, purge?: boolean): Promise<string | null> {
    const c = await manager.findOne(ProviderConnection, { where: { id: connectionId }, lock: { mode: 'pessimistic_write' } });
    if (!c || c.status === 'revoked') return null;
    await manager.update(ProviderConnection, { id: c.id }, { status: 'revoked', accessTokenSealed: null, refreshTokenSealed: null, tokenExpiresAt: null });
    this.logger.log(`revoked ${c.provider} connection ${c.id}: ${reason}`);
    if (!(purge ?? c.purgeOnDisconnect)) return null;
    const removed = returnedRows<{ local_date: string }>(
      await manager.query(`DELETE FROM sessions WHERE athlete_id = $1 AND provider = $2 RETURNING local_date::text`, [c.athleteId, c.provider]),
    );
    const recovery = returnedRows<{ date: string }>(
      await manager.query(`DELETE FROM daily_recovery WHERE athlete_id = $1 AND source = $2 RETURNING date::text`, [c.athleteId, c.provider]),
    );
    const days = [...removed.map((r) => r.local_date), ...recovery.map((r) => r.date)].sort();
    return days[0] ?? null;
  }

  /** Its own statement: the refusal must be recorded even though the job fails. */
  async markNeedsReconnect(connectionId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE provider_connections SET status = 'error', backfill_progress = backfill_progress || jsonb_build_object('lastError', $2::text), updated_at = now()
       WHERE id = $1 AND status = 'active'`,
      [connectionId, reason],
    );
    this.logger.warn(`${reason}: connection ${connectionId} needs the athlete to reconnect`);
  }

  async markSynced(connectionId: string): Promise<void> {
    await this.repo.update({ id: connectionId }, { lastSyncAt: this.clock.now() });
  }

  async updateBackfill(connectionId: string, status: ProviderConnection['backfillStatus'], progress: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE provider_connections SET backfill_status = $2, backfill_progress = $3, updated_at = now() WHERE id = $1`, [
      connectionId,
      status,
      JSON.stringify(progress),
    ]);
  }
}
