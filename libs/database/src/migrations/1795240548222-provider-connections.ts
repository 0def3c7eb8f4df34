import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tracker connections (sealed OAuth tokens, backfill progress), pending OAuth states, and which connection a raw event came from. */
export class ProviderConnections1795240548222 implements MigrationInterface {
  name = 'ProviderConnections1795240548222';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "oauth_states" ("state" text NOT NULL, "athlete_id" uuid NOT NULL, "provider" text NOT NULL, "code_verifier_sealed" text, "purge_on_disconnect" boolean NOT NULL DEFAULT false, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f6f171bfec24fe3d411b5cf973" PRIMARY KEY ("state"))`);
    await queryRunner.query(`CREATE TABLE "provider_connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "athlete_id" uuid NOT NULL, "provider" text NOT NULL, "provider_user_id" text NOT NULL, "access_token_sealed" text, "refresh_token_sealed" text, "token_expires_at" TIMESTAMP WITH TIME ZONE, "scopes" text array NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'active', "purge_on_disconnect" boolean NOT NULL DEFAULT false, "backfill_status" text NOT NULL DEFAULT 'pending', "backfill_progress" jsonb NOT NULL DEFAULT '{}', "last_sync_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e214ce18aa55a4cf2518dc88293" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_provider_connections_active_user" ON "provider_connections" ("provider", "provider_user_id") WHERE "status" = 'active'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_provider_connections_athlete_provider" ON "provider_connections" ("athlete_id", "provider")`);
    await queryRunner.query(`ALTER TABLE "raw_events" ADD "connection_id" uuid`);
    await queryRunner.query(`ALTER TABLE "raw_events" ADD "event_type" text`);
    await queryRunner.query(`ALTER TABLE "oauth_states" ADD CONSTRAINT "FK_f6fd2cdae7b734366414efab886" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "provider_connections" ADD CONSTRAINT "FK_6c93a3dc44338dba5be34204d76" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider_connections" DROP CONSTRAINT "FK_6c93a3dc44338dba5be34204d76"`);
    await queryRunner.query(`ALTER TABLE "oauth_states" DROP CONSTRAINT "FK_f6fd2cdae7b734366414efab886"`);
    await queryRunner.query(`ALTER TABLE "raw_events" DROP COLUMN "event_type"`);
    await queryRunner.query(`ALTER TABLE "raw_events" DROP COLUMN "connection_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_provider_connections_athlete_provider"`);
    await queryRunner.query(`DROP INDEX "public"."uq_provider_connections_active_user"`);
    await queryRunner.query(`DROP TABLE "provider_connections"`);
    await queryRunner.query(`DROP TABLE "oauth_states"`);
  }
}
