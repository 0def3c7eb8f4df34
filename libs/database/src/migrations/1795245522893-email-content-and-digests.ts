import { MigrationInterface, QueryRunner } from 'typeorm';

/** Email HTML part, inline chart, send-after (quiet hours), unsubscribe kind; users get a time zone (digests, quiet hours). */
export class EmailContentAndDigests1795245522893 implements MigrationInterface {
  name = 'EmailContentAndDigests1795245522893';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "timezone" text NOT NULL DEFAULT 'UTC'`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "body_html" text`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "inline_png" bytea`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "send_after" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "unsubscribe_kind" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "unsubscribe_kind"`);
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "send_after"`);
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "inline_png"`);
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "body_html"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "timezone"`);
  }
}
