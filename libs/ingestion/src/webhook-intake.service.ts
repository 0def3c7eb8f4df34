import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { RosterService } from '@app/roster';
import { IntegrationService } from './integration.service';
import { athleteRefOf, parseStandardEvent } from './standard/standard-event.schema';
import { verifyStandardWebhook } from './standard/standard-webhook.signature';

export interface IntakeResult {
  status: 'accepted' | 'duplicate';
  eventId: string;
}

// Kept with the raw event for debugging and replay; signatures and credentials are never stored.
const KEPT_HEADERS = ['webhook-id', 'webhook-timestamp', 'content-type', 'user-agent'];

/**
 * The synchronous half of ingestion: verify, validate, store the raw event and its outbox row in one
 * transaction, answer. Everything slow happens in the worker.
 */
@Injectable()
export class WebhookIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationService,
    private readonly roster: RosterService,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async receiveStandard(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<IntakeResult> {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const active = await this.integrations.active();
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const signed = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature'), body: rawBody };
    const integration = active[verifyStandardWebhook(signed, active.map((i) => i.secret), nowS)];
    const eventId = signed.id as string;
    if (eventId.length > 200) throw new DomainError(ErrorCode.ValidationFailed, 'webhook-id is longer than 200 characters');

    const event = parseStandardEvent(rawBody);
    const athlete = await this.roster.findInTeam(integration.teamId, athleteRefOf(event.data));
    if (!athlete) {
      throw new DomainError(ErrorCode.UnknownAthlete, "data names an athlete this integration's team does not have", [
        { field: 'data.athleteId', problems: ['unknown athlete'] },
      ]);
    }

    const kept = Object.fromEntries(KEPT_HEADERS.filter((h) => header(h) !== undefined).map((h) => [h, header(h) as string]));
    return this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO raw_events (source, event_id, team_id, headers, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (source, event_id) DO NOTHING RETURNING id`,
        [`standard:${integration.id}`, eventId, integration.teamId, JSON.stringify(kept), rawBody.toString('utf8')],
      );
      if (inserted.length === 0) return { status: 'duplicate', eventId };
      await this.outbox.add(manager, JobName.NormalizeEvent, { rawEventId: String(inserted[0].id) });
      return { status: 'accepted', eventId };
    });
  }
}
