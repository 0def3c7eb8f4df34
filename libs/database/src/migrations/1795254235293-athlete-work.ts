import { MigrationInterface, QueryRunner } from 'typeorm';

/** AthleteWork: merged per-athlete recompute/evaluate requests (see the entity). */
export class AthleteWork1795254235293 implements MigrationInterface {
  name = 'AthleteWork1795254235293';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "athlete_work" ("athlete_id" uuid NOT NULL, "kind" text NOT NULL, "from_date" date, "version" bigint NOT NULL DEFAULT '1', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2c32a963f7183d03ae84c3e762" PRIMARY KEY ("athlete_id", "kind"))`);
    // Jobs queued before this table existed must still find their work: rebuild it from the outbox rows of the
    // last day (unrelayed, or relayed and maybe not yet run). At worst an athlete is recomputed once more.
    await queryRunner.query(
      `INSERT INTO "athlete_work" ("athlete_id", "kind", "from_date")
       SELECT (payload->>'athleteId')::uuid, CASE job_name WHEN 'load.recompute' THEN 'recompute' ELSE 'evaluate' END,
              min(CASE WHEN job_name = 'load.recompute' THEN (payload->>'fromDate')::date END)
       FROM "outbox"
       WHERE job_name IN ('load.recompute', 'alerts.evaluate') AND (relayed_at IS NULL OR relayed_at > now() - interval '1 day')
       GROUP BY 1, 2`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "athlete_work"`);
  }
}
