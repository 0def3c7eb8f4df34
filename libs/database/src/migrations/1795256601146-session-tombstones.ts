import { MigrationInterface, QueryRunner } from 'typeorm';

/** SessionTombstones */
export class SessionTombstones1795256601146 implements MigrationInterface {
  name = 'SessionTombstones1795256601146';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "session_tombstones" ("provider" text NOT NULL, "external_id" text NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fdfabc4e41c3aa919c7df445e03" PRIMARY KEY ("provider", "external_id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "session_tombstones"`);
  }
}
