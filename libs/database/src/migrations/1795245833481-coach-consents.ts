import { MigrationInterface, QueryRunner } from 'typeorm';

/** Athlete-to-coach consent records (granted, revoked): only consented coaches get an athlete’s alerts and digests. */
export class CoachConsents1795245833481 implements MigrationInterface {
  name = 'CoachConsents1795245833481';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "coach_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "athlete_id" uuid NOT NULL, "coach_id" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ec90925eca1f072a04d7db74ffd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_coach_consents_active" ON "coach_consents" ("athlete_id", "coach_id") WHERE "revoked_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "coach_consents" ADD CONSTRAINT "FK_79cb131a62af120f79fc3bad9a0" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "coach_consents" ADD CONSTRAINT "FK_e964ca7de657f0d6c294e9519f5" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "coach_consents" DROP CONSTRAINT "FK_e964ca7de657f0d6c294e9519f5"`);
    await queryRunner.query(`ALTER TABLE "coach_consents" DROP CONSTRAINT "FK_79cb131a62af120f79fc3bad9a0"`);
    await queryRunner.query(`DROP INDEX "public"."uq_coach_consents_active"`);
    await queryRunner.query(`DROP TABLE "coach_consents"`);
  }
}
