import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { ProviderConnection } from '../connections/provider-connection.entity';
import { ProviderRegistry } from './provider-registry';
import type { InboundRequest } from './provider.types';

export interface ProviderIntakeReply {
  status: number;
  body?: unknown;
}

// Headers kept with a platform event for debugging; never authorization, cookies or signatures.
const KEPT_HEADERS = ['content-type', 'user-agent', 'x-oura-timestamp', 'x-whoop-signature-timestamp', 'svix-id', 'svix-timestamp', 'terra-reference'];

/**
 * The synchronous half of a platform webhook: handshake, authenticity, split into events, store each event with
 * its outbox row (one transaction), answer with the status the platform expects. Events of users we do not know
 * (e.g. they disconnected) are acknowledged and dropped, so the platform does not retry or disable the webhook.
 */
@Injectable()
export class ProviderIntakeService {
  private readonly logger = new Logger(ProviderIntakeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async receive(providerId: string, req: InboundRequest): Promise<ProviderIntakeReply> {
    const adapter = this.registry.get(providerId);
    const settings = this.registry.settings(providerId);
    const handshake = adapter.handshake(req, settings);
    if (handshake) return handshake;
    adapter.verify(req, settings, this.clock.now());
    const events = adapter.parseDelivery(req);
    const headers = Object.fromEntries(KEPT_HEADERS.filter((h) => req.headers[h] !== undefined).map((h) => [h, req.headers[h] as string]));

    const counts = await this.dataSource.transaction(async (manager) => {
      const tally = { accepted: 0, duplicate: 0, ignored: 0 };
      for (const event of events) {
        const connection = await manager.findOneBy(ProviderConnection, { provider: providerId, providerUserId: event.providerUserId, status: 'active' });
        if (!connection) {
          tally.ignored++;
          continue;
        }
        const inserted: { id: string }[] = await manager.query(
          `INSERT INTO raw_events (source, event_id, connection_id, event_type, headers, body) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (source, event_id) DO NOTHING RETURNING id`,
          [providerId, event.dedupeKey, connection.id, event.eventType, JSON.stringify(headers), JSON.stringify(event)],
        );
        if (inserted.length === 0) {
          tally.duplicate++;
          continue;
        }
        await this.outbox.add(manager, JobName.NormalizeEvent, { rawEventId: String(inserted[0].id) });
        tally.accepted++;
      }
      return tally;
    });
    if (counts.ignored > 0) this.logger.warn(`${providerId}: ignored ${counts.ignored} event(s) for users without an active connection`);
    return { status: adapter.ackStatus, body: adapter.ackStatus === 204 ? undefined : counts };
  }
}
