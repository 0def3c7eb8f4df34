import { MigrationInterface, QueryRunner } from 'typeorm';

/** Teams, people, athletes, webhook intake (integrations, raw events, outbox), sessions, daily data, metrics, alerts, emails. */
export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "athletes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "external_id" text, "name" text NOT NULL, "email" text, "timezone" text NOT NULL DEFAULT 'UTC', "sex" text, "hr_rest" smallint, "hr_max" smallint, "hr_threshold" smallint, "ftp" smallint, "lbp_history" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3b92d2bd187b2b2d27d4c47f1c4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_athletes_team_external_id" ON "athletes" ("team_id", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text, "role" text NOT NULL, "team_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")`);
    await queryRunner.query(`CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "athlete_id" uuid NOT NULL, "rule_id" text NOT NULL, "kind" text NOT NULL, "severity" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "first_triggered_on" date NOT NULL, "last_triggered_on" date NOT NULL, "title" text NOT NULL, "message" text NOT NULL, "evidence" jsonb NOT NULL, "recommendations" jsonb NOT NULL DEFAULT '[]', "evidence_grade" text NOT NULL, "history" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_alerts_status" ON "alerts" ("status", "athlete_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_alerts_active_per_rule" ON "alerts" ("athlete_id", "rule_id") WHERE "status" <> 'resolved'`);
    await queryRunner.query(`CREATE TABLE "integrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "name" text NOT NULL, "secret_encrypted" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9adcdc6d6f3922535361ce641e8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "raw_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "source" text NOT NULL, "event_id" text NOT NULL, "team_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "headers" jsonb NOT NULL DEFAULT '{}', "body" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "error" text, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5da37c4a4297afca88e18072385" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_raw_events_source_event_id" ON "raw_events" ("source", "event_id")`);
    await queryRunner.query(`CREATE TABLE "emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "alert_id" uuid, "recipient" text NOT NULL, "idempotency_key" text NOT NULL, "subject" text NOT NULL, "body_text" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "provider_message_id" text, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a54dcebef8d05dca7e839749571" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_emails_idempotency_key" ON "emails" ("idempotency_key")`);
    await queryRunner.query(`CREATE TABLE "outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_pending" ON "outbox" ("id") WHERE "relayed_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "daily_metrics" ("athlete_id" uuid NOT NULL, "date" date NOT NULL, "algo_version" integer NOT NULL, "load" double precision NOT NULL, "state" text NOT NULL, "acute7" double precision, "chronic28" double precision, "acwr_rac" double precision, "acwr_rau" double precision, "acwr_ewma" double precision, "ewma_acute" double precision, "ewma_chronic" double precision, "monotony" double precision, "strain" double precision, "ctl" double precision, "atl" double precision, "form" double precision, "ramp" double precision, "rest_day_ratio7" double precision, "rest_day_ratio28" double precision, "streak" integer NOT NULL, "week_over_week" double precision, "coverage28" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c06269a26920c1ee730b2c40a3e" PRIMARY KEY ("athlete_id", "date"))`);
    await queryRunner.query(`CREATE TABLE "daily_recovery" ("athlete_id" uuid NOT NULL, "date" date NOT NULL, "source" text NOT NULL, "resting_hr" smallint, "hrv_rmssd" real, "sleep_s" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d820db4740e845acecfce2979b9" PRIMARY KEY ("athlete_id", "date", "source"))`);
    await queryRunner.query(`CREATE TABLE "self_reports" ("athlete_id" uuid NOT NULL, "date" date NOT NULL, "wellness" jsonb, "back_pain" smallint, "back_pain_region" text, "red_flags" text array NOT NULL DEFAULT '{}', "did_not_wear_device" boolean NOT NULL DEFAULT false, "illness" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ffe7b3f41913e4731394bcefb6" PRIMARY KEY ("athlete_id", "date"))`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "athlete_id" uuid NOT NULL, "provider" text NOT NULL, "external_id" text NOT NULL, "local_date" date NOT NULL, "start_time" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_s" integer NOT NULL, "moving_time_s" integer, "sport" text, "distance_m" double precision, "avg_hr" smallint, "max_hr" smallint, "rpe" real, "exercises" jsonb, "tags" text array NOT NULL DEFAULT '{}', "load" double precision NOT NULL, "load_method" text NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "source_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_athlete_local_date" ON "sessions" ("athlete_id", "local_date")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_provider_external_id" ON "sessions" ("provider", "external_id")`);
    await queryRunner.query(`ALTER TABLE "athletes" ADD CONSTRAINT "FK_e95fc3d339d67f020c862df04d8" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_1208ee1db5ddb64b48a86b46a61" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "FK_e533d5d7270798c96de344e372e" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "integrations" ADD CONSTRAINT "FK_b72e0311b1a611bd2543c4c67ec" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" ADD CONSTRAINT "FK_987d6d42021ab0454fd189bacfc" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "daily_recovery" ADD CONSTRAINT "FK_8b9121c00c6a9c1f22285574ddc" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "self_reports" ADD CONSTRAINT "FK_5dd161f145626b0d453ae8d8c1e" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_4f7c417eedc9f32fba2299f3cf1" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_4f7c417eedc9f32fba2299f3cf1"`);
    await queryRunner.query(`ALTER TABLE "self_reports" DROP CONSTRAINT "FK_5dd161f145626b0d453ae8d8c1e"`);
    await queryRunner.query(`ALTER TABLE "daily_recovery" DROP CONSTRAINT "FK_8b9121c00c6a9c1f22285574ddc"`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" DROP CONSTRAINT "FK_987d6d42021ab0454fd189bacfc"`);
    await queryRunner.query(`ALTER TABLE "integrations" DROP CONSTRAINT "FK_b72e0311b1a611bd2543c4c67ec"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_e533d5d7270798c96de344e372e"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_1208ee1db5ddb64b48a86b46a61"`);
    await queryRunner.query(`ALTER TABLE "athletes" DROP CONSTRAINT "FK_e95fc3d339d67f020c862df04d8"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sessions_provider_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sessions_athlete_local_date"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "self_reports"`);
    await queryRunner.query(`DROP TABLE "daily_recovery"`);
    await queryRunner.query(`DROP TABLE "daily_metrics"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_pending"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."uq_emails_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "emails"`);
    await queryRunner.query(`DROP INDEX "public"."uq_raw_events_source_event_id"`);
    await queryRunner.query(`DROP TABLE "raw_events"`);
    await queryRunner.query(`DROP TABLE "integrations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_alerts_active_per_rule"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_status"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."uq_athletes_team_external_id"`);
    await queryRunner.query(`DROP TABLE "athletes"`);
    await queryRunner.query(`DROP TABLE "teams"`);
  }
}
