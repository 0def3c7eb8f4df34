// Runs once before the integration and e2e projects: makes sure the base test database exists and is migrated.
// Each test file then clones it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
// (Jest's module mapper does not apply here, hence a child process with the same loader as the npm scripts.)
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalSetup(): void {
  const root = path.resolve(__dirname, '../..');
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadwatch_test';
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
