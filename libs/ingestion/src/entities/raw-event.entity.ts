import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RawEventStatus = 'pending' | 'processed' | 'failed';

/** A webhook exactly as it arrived, kept for replay. (source, eventId) makes a redelivery a no-op. */
@Entity('raw_events')
@Index('uq_raw_events_source_event_id', ['source', 'eventId'], { unique: true })
export class RawEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** e.g. `standard:<integrationId>` or a provider name. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  eventId!: string;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  /** For platform webhooks: the connection the event belongs to (null for Standard Webhooks). */
  @Column({ type: 'uuid', nullable: true })
  connectionId!: string | null;

  @Column({ type: 'text', nullable: true })
  eventType!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  /** Only the headers worth keeping (ids, timestamps, content type); never authorization or signatures. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: RawEventStatus;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
