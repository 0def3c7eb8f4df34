import { MigrationInterface, QueryRunner } from 'typeorm';

/** Athlete-given RPE (wins over the platform), per-team alert thresholds, alert acknowledge/snooze state. */
export class AthleteInputAndAlertLifecycle1795243548696 implements MigrationInterface {
  name = 'AthleteInputAndAlertLifecycle1795243548696';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teams" ADD "alert_thresholds" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "athlete_rpe" real`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "acknowledged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "snoozed_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "thresholds_version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "thresholds_version"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "snoozed_until"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "acknowledged_at"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "athlete_rpe"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "alert_thresholds"`);
  }
}
