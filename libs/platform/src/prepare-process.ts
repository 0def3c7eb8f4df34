import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { AppConfig, assertServicesReachable, ConfigError, loadConfig } from '@app/config';
import { runMigrations } from '@app/database';

/**
 * Before Nest starts: validate the environment, check Postgres and Redis answer, create the database and apply
 * migrations (under an advisory lock). A problem ends the process with a sentence, not a stack trace.
 */
export async function prepareProcess(role: string): Promise<AppConfig> {
  const logger = new Logger(`Boot:${role}`);
  try {
    const config = loadConfig();
    await assertServicesReachable(config);
    // In a cluster the primary has migrated before starting its children.
    if (config.migrateOnBoot && cluster.isPrimary) await runMigrations(config.databaseUrl);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
