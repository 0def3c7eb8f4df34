import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-recipient email preferences (one row per lower-cased address and kind; no row = immediate, from info, no
 * quiet hours). The unique (email, kind) index is the ON CONFLICT target of set and one-click unsubscribe.
 */
export class NotificationPreferences1795245403544 implements MigrationInterface {
  name = 'NotificationPreferences1795245403544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_preferences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "kind" text NOT NULL, "mode" text NOT NULL DEFAULT 'immediate', "min_severity" text NOT NULL DEFAULT 'info', "quiet_start" text, "quiet_end" text, "timezone" text NOT NULL DEFAULT 'UTC', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notification_preferences_quiet_hours" CHECK (("quiet_start" IS NULL) = ("quiet_end" IS NULL)), CONSTRAINT "ck_notification_preferences_min_severity" CHECK ("min_severity" IN ('info', 'warning', 'high')), CONSTRAINT "ck_notification_preferences_mode" CHECK ("mode" IN ('immediate', 'digest', 'off')), CONSTRAINT "ck_notification_preferences_kind" CHECK ("kind" IN ('overtraining', 'back-pain', 'digest')), CONSTRAINT "ck_notification_preferences_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_e94e2b543f2f218ee68e4f4fad2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_preferences_email_kind" ON "notification_preferences" ("email", "kind")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_notification_preferences_email_kind"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
  }
}
