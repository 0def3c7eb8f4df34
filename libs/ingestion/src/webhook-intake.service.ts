import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode, GroupCommit } from '@app/common';
import { IntegrationService } from './integration.service';
import { IntakeOutcome, IntakeRow, storeIntakeBatch } from './raw-event-intake.store';
import { athleteRefOf, parseStandardEvent } from './standard/standard-event.schema';
import { verifyStandardWebhook } from './standard/standard-webhook.signature';

export interface IntakeResult {
  status: 'accepted' | 'duplicate';
  eventId: string;
}

// Kept with the raw event for debugging and replay; signatures and credentials are never stored.
const KEPT_HEADERS = ['webhook-id', 'webhook-timestamp', 'content-type', 'user-agent'];

/**
 * The synchronous half of ingestion: verify, validate, store the raw event and its outbox row, answer.
 * Everything slow happens in the worker. Webhooks that arrive together are stored by one statement (group
 * commit); each is answered only once its own row is committed.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly writes: GroupCommit<IntakeRow, IntakeOutcome>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly integrations: IntegrationService,
    private readonly clock: Clock,
  ) {
    // Two statements in flight keep Postgres busy while the next batch gathers; the pool (10) keeps room for the rest.
    this.writes = new GroupCommit((rows) => storeIntakeBatch(dataSource, rows), {
      maxBatch: 200,
      maxInFlight: 2,
      keyOf: (row) => `${row.source} ${row.eventId}`,
    });
  }

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
    const ref = athleteRefOf(event.data);
    const kept = Object.fromEntries(KEPT_HEADERS.filter((h) => header(h) !== undefined).map((h) => [h, header(h) as string]));
    const row = await this.writes.submit({
      source: `standard:${integration.id}`,
      eventId,
      teamId: integration.teamId,
      headers: JSON.stringify(kept),
      body: rawBody.toString('utf8'),
      athleteId: 'athleteId' in ref ? ref.athleteId : null,
      athleteExternalId: 'athleteExternalId' in ref ? ref.athleteExternalId : null,
    });
    if (!row.athleteFound) {
      throw new DomainError(ErrorCode.UnknownAthlete, "data names an athlete this integration's team does not have", [
        { field: 'data.athleteId', problems: ['unknown athlete'] },
      ]);
    }
    return row.rawEventId === null ? { status: 'duplicate', eventId } : { status: 'accepted', eventId };
  }
}
