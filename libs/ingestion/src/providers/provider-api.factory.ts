import { Injectable } from '@nestjs/common';
import { ConnectionService } from '../connections/connection.service';
import type { ProviderConnection } from '../connections/provider-connection.entity';
import type { ProviderApi, ProviderWriteApi } from './provider-api';
import { ProviderHttpClient } from './provider-http-client';
import { ProviderRegistry } from './provider-registry';
import type { ProcessContext, ProviderAdapter } from './provider.types';
import { RateBudget } from './rate-budget';

/** Builds the authorized, rate-limited API client an adapter uses for one connection. */
@Injectable()
export class ProviderApiFactory {
  // One budget per platform per process: the platform's limits are per app, not per athlete.
  private readonly budgets = new Map<string, RateBudget>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly connections: ConnectionService,
  ) {}

  forConnection(adapter: ProviderAdapter, connection: Pick<ProviderConnection, 'id'>): ProviderWriteApi {
    return new ProviderHttpClient({
      provider: adapter.id,
      baseUrl: this.registry.apiUrl(adapter),
      accessToken: () => this.connections.accessToken(connection.id),
      refreshAccessToken: (refused) => this.connections.refresh(connection.id, refused),
      budget: this.budget(adapter.id),
    });
  }

  /** Before a connection exists (e.g. fetching the user id right after the token exchange). */
  withToken(adapter: ProviderAdapter, accessToken: string): ProviderApi {
    return new ProviderHttpClient({
      provider: adapter.id,
      baseUrl: this.registry.apiUrl(adapter),
      accessToken: () => Promise.resolve(accessToken),
      refreshAccessToken: () => Promise.reject(new Error(`${adapter.id} refused a token that was just issued`)),
      budget: this.budget(adapter.id),
    });
  }

  context(adapter: ProviderAdapter, connection: Pick<ProviderConnection, 'id' | 'providerUserId'>): ProcessContext {
    return { settings: this.registry.settings(adapter.id), api: this.forConnection(adapter, connection), providerUserId: connection.providerUserId };
  }

  private budget(provider: string): RateBudget {
    let budget = this.budgets.get(provider);
    if (!budget) this.budgets.set(provider, (budget = new RateBudget(provider)));
    return budget;
  }
}
