// Applies pending migrations (the apps also do this at boot unless MIGRATE_ON_BOOT=false).
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/database';

runMigrations(loadConfig().databaseUrl).then(
  (applied) => process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n'),
  (error: Error) => {
    process.stderr.write(`migration failed: ${error.message}\n`);
    process.exit(1);
  },
);
