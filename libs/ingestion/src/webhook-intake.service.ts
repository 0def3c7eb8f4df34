import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { JobName } from '@app/queue';
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
 * statement, answer. Everything slow happens in the worker.
 */
@Injectable()
export class WebhookIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationService,
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
    const ref = athleteRefOf(event.data);
    const kept = Object.fromEntries(KEPT_HEADERS.filter((h) => header(h) !== undefined).map((h) => [h, header(h) as string]));
    // One statement, one round trip, atomic: find the athlete, store the raw event, queue its outbox row
    // (the shape OutboxRepository.add writes). Five round trips before; the webhook answer waits on every one.
    const [row]: { athlete_found: boolean; raw_event_id: string | null }[] = await this.dataSource.query(
      `WITH athlete AS (
         SELECT id FROM athletes WHERE team_id = $3 AND ${'athleteId' in ref ? 'id = $6::uuid' : 'external_id = $6'}
       ), event AS (
         INSERT INTO raw_events (source, event_id, team_id, headers, body)
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM athlete)
         ON CONFLICT (source, event_id) DO NOTHING RETURNING id
       ), queued AS (
         INSERT INTO outbox (job_name, payload) SELECT $7, jsonb_build_object('rawEventId', id::text) FROM event RETURNING id
       )
       SELECT EXISTS (SELECT 1 FROM athlete) AS athlete_found, (SELECT id::text FROM event) AS raw_event_id, (SELECT count(*) FROM queued) AS queued`,
      [`standard:${integration.id}`, eventId, integration.teamId, JSON.stringify(kept), rawBody.toString('utf8'), 'athleteId' in ref ? ref.athleteId : ref.athleteExternalId, JobName.NormalizeEvent],
    );
    if (!row.athlete_found) {
      throw new DomainError(ErrorCode.UnknownAthlete, "data names an athlete this integration's team does not have", [
        { field: 'data.athleteId', problems: ['unknown athlete'] },
      ]);
    }
    return row.raw_event_id === null ? { status: 'duplicate', eventId } : { status: 'accepted', eventId };
  }
}
