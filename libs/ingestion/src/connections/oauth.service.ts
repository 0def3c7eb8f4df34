import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, DomainError, ErrorCode, returnedRows, SecretBox } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { RosterService } from '@app/roster';
import { ProviderHttpError } from '../providers/provider-api';
import { ProviderApiFactory } from '../providers/provider-api.factory';
import { ProviderRegistry } from '../providers/provider-registry';
import type { ProviderAdapter } from '../providers/provider.types';
import { ConnectionService } from './connection.service';
import { OAuthState } from './oauth-state.entity';
import type { ProviderConnection } from './provider-connection.entity';
import { requestToken } from './token-endpoint';

const STATE_TTL_MS = 15 * 60 * 1000;

/** OAuth 2 authorization-code flow (with PKCE where the platform supports it) that connects an athlete. */
@Injectable()
export class OAuthService {
  private readonly logger = new Logger(OAuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ProviderRegistry,
    private readonly connections: ConnectionService,
    private readonly roster: RosterService,
    private readonly apis: ProviderApiFactory,
    private readonly outbox: OutboxRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  redirectUri(provider: string): string {
    return `${this.config.publicUrl}/oauth/${provider}/callback`;
  }

  /** The URL to send the athlete's browser to. */
  async authorizeUrl(athleteId: string, provider: string, purgeOnDisconnect = false): Promise<{ url: string; state: string; expiresAt: Date }> {
    const adapter = this.oauthAdapter(provider);
    await this.roster.requireAthlete(athleteId);
    const settings = this.registry.settings(provider);
    const state = randomBytes(24).toString('base64url');
    const verifier = adapter.oauth.pkce ? randomBytes(48).toString('base64url') : null;
    const expiresAt = new Date(this.clock.now().getTime() + STATE_TTL_MS);
    await this.dataSource.getRepository(OAuthState).insert({
      state,
      athleteId,
      provider,
      codeVerifierSealed: verifier ? this.box.seal(verifier) : null,
      purgeOnDisconnect,
      expiresAt,
    });
    const url = new URL(adapter.oauth.authorizeUrl(settings));
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', settings.clientId ?? '');
    url.searchParams.set('redirect_uri', this.redirectUri(provider));
    url.searchParams.set('scope', adapter.oauth.scopes.join(adapter.oauth.scopeSeparator ?? ' '));
    url.searchParams.set('state', state);
    if (verifier) {
      url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
      url.searchParams.set('code_challenge_method', 'S256');
    }
    for (const [k, v] of Object.entries(adapter.oauth.extraAuthorizeParams ?? {})) url.searchParams.set(k, v);
    return { url: url.toString(), state, expiresAt };
  }

  /** The platform redirected back: exchange the code, store the tokens sealed, start the 90-day backfill. */
  async callback(provider: string, params: { code?: string; state?: string; error?: string }): Promise<ProviderConnection> {
    const adapter = this.oauthAdapter(provider);
    if (!params.state) throw new DomainError(ErrorCode.ValidationFailed, 'state is missing');
    // Single use: the state row is deleted as it is read.
    const rows = returnedRows<OAuthState>(await this.dataSource.query(
      `DELETE FROM oauth_states WHERE state = $1 AND provider = $2 RETURNING athlete_id AS "athleteId", code_verifier_sealed AS "codeVerifierSealed",
         purge_on_disconnect AS "purgeOnDisconnect", expires_at AS "expiresAt"`,
      [params.state, provider],
    ));
    const pending = rows[0];
    if (!pending || new Date(pending.expiresAt) < this.clock.now()) throw new DomainError(ErrorCode.ValidationFailed, 'state is unknown or expired; start the connection again');
    if (params.error) throw new DomainError(ErrorCode.Forbidden, `${provider} authorization was not granted: ${params.error}`);
    if (!params.code) throw new DomainError(ErrorCode.ValidationFailed, 'code is missing');
    const grant: Record<string, string> = { grant_type: 'authorization_code', code: params.code, redirect_uri: this.redirectUri(provider) };
    if (pending.codeVerifierSealed) grant.code_verifier = this.box.open(pending.codeVerifierSealed);
    const tokens = await requestToken(provider, adapter.oauth, this.registry.settings(provider), grant, this.clock.now()).catch((error: unknown) => {
      // The platform refusing the code is the caller's problem (expired, reused); anything else is the platform's.
      if (error instanceof ProviderHttpError && error.status >= 400 && error.status < 500) {
        throw new DomainError(ErrorCode.ValidationFailed, `${provider} refused the authorization code; start the connection again`);
      }
      throw new DomainError(ErrorCode.ServiceUnavailable, `${provider} token endpoint is unavailable; retry later`);
    });
    const providerUserId = adapter.oauth.userIdFromToken(tokens.raw) ?? (await adapter.oauth.fetchUserId?.(this.apis.withToken(adapter, tokens.accessToken)));
    if (!providerUserId) throw new DomainError(ErrorCode.ServiceUnavailable, `${provider} did not tell us the user id`);
    const connection = await this.connections.saveTokens(pending.athleteId, provider, String(providerUserId), tokens, pending.purgeOnDisconnect);
    if (adapter.oauth.afterConnect) {
      const settings = this.registry.settings(provider);
      const webhookUrl = `${this.config.publicUrl}/webhooks/${provider}${settings.pathToken ? `/${settings.pathToken}` : ''}`;
      const context = { settings, webhookUrl };
      await adapter.oauth.afterConnect(this.apis.forConnection(adapter, connection), connection.providerUserId, context).catch(async (error: unknown) => {
        await this.connections.markNeedsReconnect(connection.id, `setup after connect failed: ${(error as Error).message}`);
        throw error;
      });
    }
    await this.dataSource.transaction((manager) => this.outbox.add(manager, JobName.BackfillConnection, { connectionId: connection.id, requestedAt: this.clock.now().toISOString() }));
    this.logger.log(`athlete ${pending.athleteId} connected ${provider}`);
    return connection;
  }

  /** Aggregators (Terra, Junction) authorize in their own widget; we only record whose user id is whose. */
  async link(athleteId: string, provider: string, providerUserId: string): Promise<ProviderConnection> {
    this.registry.get(provider);
    const connection = await this.connections.link(athleteId, provider, providerUserId);
    await this.dataSource.transaction((manager) =>
      this.outbox.add(manager, JobName.BackfillConnection, { connectionId: connection.id, requestedAt: this.clock.now().toISOString() }),
    );
    return connection;
  }

  /** The athlete disconnects: tell the platform (best effort), stop syncing, purge or keep data as chosen. */
  async disconnect(athleteId: string, provider: string, purge: boolean): Promise<void> {
    const connection = (await this.connections.listForAthlete(athleteId)).find((c) => c.provider === provider && c.status === 'active');
    if (!connection) throw new DomainError(ErrorCode.NotFound, `Athlete has no active ${provider} connection`);
    const adapter = this.registry.get(provider);
    const api = this.apis.forConnection(adapter, connection);
    const settings = this.registry.settings(provider);
    const revokeUrl = adapter.oauth?.revokeUrl?.(settings);
    const revoke = adapter.oauth?.revoke ?? (revokeUrl ? async () => void (await api.send('POST', revokeUrl, { form: { token: await this.connections.accessToken(connection.id) } })) : null);
    if (revoke) {
      await revoke(api, settings, connection.providerUserId).catch((error: Error) => this.logger.warn(`${provider} did not confirm the revocation: ${error.message}`));
    }
    await this.dataSource.transaction(async (manager) => {
      const from = await this.connections.revoke(manager, connection.id, 'athlete disconnected', purge);
      if (from) await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId, fromDate: from, cause: `disconnect-${connection.id}` });
    });
  }

  private oauthAdapter(provider: string): ProviderAdapter & { oauth: NonNullable<ProviderAdapter['oauth']> } {
    const adapter = this.registry.get(provider);
    if (!adapter.oauth) throw new DomainError(ErrorCode.ValidationFailed, `${provider} is not connected through OAuth`);
    if (!this.registry.settings(provider).clientId) throw new DomainError(ErrorCode.ServiceUnavailable, `${provider} is not configured (set ${provider.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET)`);
    return adapter as ProviderAdapter & { oauth: NonNullable<ProviderAdapter['oauth']> };
  }
}
