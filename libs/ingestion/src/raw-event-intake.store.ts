import { DataSource } from 'typeorm';
import { JobName } from '@app/queue';

/** One verified, validated webhook ready to be stored. */
export interface IntakeRow {
  source: string;
  eventId: string;
  teamId: string;
  /** JSON text of the headers kept for debugging and replay. */
  headers: string;
  body: string;
  /** Exactly one of the two names the athlete. */
  athleteId: string | null;
  athleteExternalId: string | null;
}

export interface IntakeOutcome {
  athleteFound: boolean;
  /** null when the athlete is unknown, or when this (source, event id) was already stored: a redelivery. */
  rawEventId: string | null;
}

/**
 * Stores a batch of webhooks in one statement (one round trip, atomic): for each row, check that its team has
 * the athlete, store the raw event and queue its outbox row (the shape OutboxRepository.add writes). Rows are
 * inserted in key order so two batches never wait on each other's keys in opposite orders.
 */
export async function storeIntakeBatch(dataSource: DataSource, rows: IntakeRow[]): Promise<IntakeOutcome[]> {
  const column = <K extends keyof IntakeRow>(key: K) => rows.map((r) => r[key]);
  const result: { athlete_found: boolean; raw_event_id: string | null }[] = await dataSource.query(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[])
         WITH ORDINALITY AS i(source, event_id, team_id, headers, body, athlete_id, athlete_external_id, ord)
     ), matched AS (
       SELECT i.*, CASE WHEN i.athlete_id IS NOT NULL
                   THEN EXISTS (SELECT 1 FROM athletes a WHERE a.id = i.athlete_id AND a.team_id = i.team_id)
                   ELSE EXISTS (SELECT 1 FROM athletes a WHERE a.team_id = i.team_id AND a.external_id = i.athlete_external_id)
                 END AS athlete_found
       FROM input i
     ), event AS (
       INSERT INTO raw_events (source, event_id, team_id, headers, body)
       SELECT source, event_id, team_id, headers::jsonb, body FROM matched WHERE athlete_found ORDER BY source, event_id
       ON CONFLICT (source, event_id) DO NOTHING RETURNING id, source, event_id
     ), queued AS (
       INSERT INTO outbox (job_name, payload) SELECT $8, jsonb_build_object('rawEventId', id::text) FROM event ORDER BY id RETURNING id
     )
     SELECT m.athlete_found, e.id::text AS raw_event_id, (SELECT count(*) FROM queued) AS queued
     FROM matched m LEFT JOIN event e ON e.source = m.source AND e.event_id = m.event_id
     ORDER BY m.ord`,
    [
      column('source'),
      column('eventId'),
      column('teamId'),
      column('headers'),
      column('body'),
      column('athleteId'),
      column('athleteExternalId'),
      JobName.NormalizeEvent,
    ],
  );
  return result.map((r) => ({ athleteFound: r.athlete_found, rawEventId: r.raw_event_id }));
}
