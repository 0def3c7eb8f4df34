import { MigrationInterface, QueryRunner } from 'typeorm';

/** AccountsAndInvites */
export class AccountsAndInvites1795249552155 implements MigrationInterface {
  name = 'AccountsAndInvites1795249552155';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "auth_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" text NOT NULL, "label" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41e9ddfbb32da18c4e85e45c2fd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_auth_tokens_user" ON "auth_tokens" ("user_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_auth_tokens_hash" ON "auth_tokens" ("token_hash")`);
    await queryRunner.query(`CREATE TABLE "invites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "athlete_id" uuid NOT NULL, "email" text NOT NULL, "invited_by_id" uuid, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa52e96b44a714372f4dd31a0af" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invites_token_hash" ON "invites" ("token_hash")`);
    await queryRunner.query(`ALTER TABLE "users" ADD "athlete_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_athlete" ON "users" ("athlete_id") WHERE "athlete_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_f324785524ba03fea0ad2fa5a23" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "auth_tokens" ADD CONSTRAINT "FK_9691367d446cd8b18f462c191b3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invites" ADD CONSTRAINT "FK_f3a3de9dceb7997f51be40b874e" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invites" ADD CONSTRAINT "FK_5ad4b5fe45c0af91ddd5ac74d49" FOREIGN KEY ("athlete_id") REFERENCES "athletes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invites" ADD CONSTRAINT "FK_997b4c1cbb58bd9467ab0f8e0e3" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invites" DROP CONSTRAINT "FK_997b4c1cbb58bd9467ab0f8e0e3"`);
    await queryRunner.query(`ALTER TABLE "invites" DROP CONSTRAINT "FK_5ad4b5fe45c0af91ddd5ac74d49"`);
    await queryRunner.query(`ALTER TABLE "invites" DROP CONSTRAINT "FK_f3a3de9dceb7997f51be40b874e"`);
    await queryRunner.query(`ALTER TABLE "auth_tokens" DROP CONSTRAINT "FK_9691367d446cd8b18f462c191b3"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_f324785524ba03fea0ad2fa5a23"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_athlete"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "athlete_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invites_token_hash"`);
    await queryRunner.query(`DROP TABLE "invites"`);
    await queryRunner.query(`DROP INDEX "public"."uq_auth_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_auth_tokens_user"`);
    await queryRunner.query(`DROP TABLE "auth_tokens"`);
  }
}
