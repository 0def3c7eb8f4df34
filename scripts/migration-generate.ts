// Compares the entities with a database migrated to the latest migration and prints the SQL that would align them.
//   npm run migration:generate                 print the difference
//   npm run migration:generate -- --write Name write it as a new migration (libs/database/src/migrations) and list it
//   npm run migration:check                    exit 1 when there is any difference
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations } from '@app/database';

const MIGRATIONS_DIR = path.resolve(__dirname, '../libs/database/src/migrations');

function migrationSource(className: string, summary: string, up: string[], down: string[]): string {
  const line = (q: string) => `    await queryRunner.query(\`${q.replace(/`/g, '\\`').replace(/\s+\(/g, ' (').replace(/\s+;?$/, '')}\`);`;
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

/** ${summary} */
export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(line).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map(line).join('\n')}
  }
}
`;
}

function write(name: string, up: string[], down: string[]): string {
  const stamp = Date.now();
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${stamp}`;
  const file = `${stamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
  writeFileSync(path.join(MIGRATIONS_DIR, `${file}.ts`), migrationSource(className, name, up, down.reverse()));
  const indexPath = path.join(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/(import [^\n]+\n)(?![\s\S]*import )/, `$1import { ${className} } from './${file}';\n`)
    .replace(/\];\s*$/, `, ${className}];\n`)
    .replace('[, ', '[');
  writeFileSync(indexPath, index);
  return file;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const writeIndex = process.argv.indexOf('--write');
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
  const up = sql.upQueries.map((q) => q.query);
  const down = sql.downQueries.map((q) => q.query);
  if (writeIndex > 0) {
    const name = process.argv[writeIndex + 1];
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('--write needs a PascalCase name, e.g. --write AddProviderConnections');
    process.stdout.write(`wrote ${write(name, up, down)}.ts\n`);
    return;
  }
  process.stdout.write('-- up\n' + up.map((q) => q + ';').join('\n') + '\n-- down (in reverse order)\n' + [...down].reverse().map((q) => q + ';').join('\n') + '\n');
  if (check) {
    process.stderr.write('The entities and the migrations disagree: add a migration (npm run migration:generate -- --write Name).\n');
    process.exitCode = 1;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
