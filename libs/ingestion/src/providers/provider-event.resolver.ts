import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { Athlete } from '@app/roster';
import type { DataChange } from '../changes/change.types';
import { ProviderConnection } from '../connections/provider-connection.entity';
import type { RawEvent } from '../entities';
import { ProviderHttpError } from './provider-api';
import { ProviderApiFactory } from './provider-api.factory';
import { ProviderRegistry } from './provider-registry';
import type { DeliveryEvent } from './provider.types';

/** A stored platform event → the athlete it belongs to and its changes (fetching details from the platform). */
@Injectable()
export class ProviderEventResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly apis: ProviderApiFactory,
  ) {}

  async resolve(raw: RawEvent): Promise<{ athlete: Athlete; changes: DataChange[] } | { rejected: string }> {
    const adapter = this.registry.find(raw.source);
    if (!adapter) return { rejected: `no adapter for source "${raw.source}"` };
    if (!raw.connectionId) return { rejected: 'raw event has no connection' };
    const connection = await this.dataSource.getRepository(ProviderConnection).findOneBy({ id: raw.connectionId });
    if (!connection || connection.status !== 'active') return { rejected: 'the connection is no longer active' };
    const athlete = await this.dataSource.getRepository(Athlete).findOneBy({ id: connection.athleteId });
    if (!athlete) return { rejected: 'athlete no longer exists' };
    let event: DeliveryEvent;
    try {
      event = JSON.parse(raw.body) as DeliveryEvent;
    } catch {
      return { rejected: 'stored event is not JSON' };
    }
    try {
      const changes = await adapter.process(event, this.apis.context(adapter, connection));
      return { athlete, changes };
    } catch (error) {
      // A 4xx other than 401/429 will not get better by retrying (e.g. 404: the activity was deleted meanwhile).
      if (error instanceof ProviderHttpError && error.status >= 400 && error.status < 500) return { rejected: error.message };
      // The adapter found the stored event or the fetched data malformed: retrying cannot fix it.
      if (error instanceof DomainError) return { rejected: error.message };
      throw error;
    }
  }
}
