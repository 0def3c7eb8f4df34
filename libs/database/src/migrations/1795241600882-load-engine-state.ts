import { MigrationInterface, QueryRunner } from 'typeorm';

/** Session TRIMP/TSS/zones/power, the athlete sRPE-on-TRIMP fit, and the metric engine carry (resumable recompute). */
export class LoadEngineState1795241600882 implements MigrationInterface {
  name = 'LoadEngineState1795241600882';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "athletes" ADD "load_calibration" jsonb`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" ADD "acute_sum" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" ADD "chronic_sum" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" ADD "uncoupled_sum" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" ADD "week_sum" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "trimp" double precision`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "tss" double precision`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "hr_zone_seconds" integer array`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "avg_power" real`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "normalized_power" real`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "normalized_power"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "avg_power"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "hr_zone_seconds"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "tss"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "trimp"`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" DROP COLUMN "week_sum"`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" DROP COLUMN "uncoupled_sum"`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" DROP COLUMN "chronic_sum"`);
    await queryRunner.query(`ALTER TABLE "daily_metrics" DROP COLUMN "acute_sum"`);
    await queryRunner.query(`ALTER TABLE "athletes" DROP COLUMN "load_calibration"`);
  }
}
