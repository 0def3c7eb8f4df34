import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ProviderSettings } from '@app/config';
import { DomainError, ErrorCode } from '@app/common';
import { PROVIDER_IDS, ProviderAdapter, ProviderId } from './provider.types';

export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');

/** The adapters the app knows, and each one's settings. */
@Injectable()
export class ProviderRegistry {
  private readonly byId: Map<string, ProviderAdapter>;

  constructor(
    @Inject(PROVIDER_ADAPTERS) adapters: ProviderAdapter[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.byId = new Map(adapters.map((a) => [a.id, a]));
  }

  static isProviderId(value: string): value is ProviderId {
    return (PROVIDER_IDS as readonly string[]).includes(value);
  }

  get(id: string): ProviderAdapter {
    const adapter = this.byId.get(id);
    if (!adapter) throw new DomainError(ErrorCode.NotFound, `Unknown provider "${id}"`);
    return adapter;
  }

  find(id: string): ProviderAdapter | undefined {
    return this.byId.get(id);
  }

  settings(id: string): ProviderSettings {
    return this.config.providers[id] ?? {};
  }

  apiUrl(adapter: ProviderAdapter): string {
    return (this.settings(adapter.id).apiUrl ?? adapter.defaultApiUrl).replace(/\/$/, '');
  }

  all(): ProviderAdapter[] {
    return [...this.byId.values()];
  }
}
