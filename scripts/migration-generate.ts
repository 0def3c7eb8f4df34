// Prints the SQL that would bring a database at DATABASE_URL in line with the entities.
// `npm run migration:check` fails when there is any (the schema drifted from the migrations).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations } from '@app/database';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const url = loadConfig().databaseUrl;
  await runMigrations(url);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const sql = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  if (sql.upQueries.length === 0) {
    process.stdout.write('schema matches the entities: no migration needed\n');
    return;
  }
  process.stdout.write('-- up\n' + sql.upQueries.map((q) => q.query + ';').join('\n') + '\n');
  process.stdout.write('-- down\n' + sql.downQueries.map((q) => q.query + ';').join('\n') + '\n');
  if (check) {
    process.stderr.write('The entities and the migrations disagree: add a migration.\n');
    process.exitCode = 1;
  }
}

void main();
