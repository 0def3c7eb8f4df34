import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('should apply the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/loadwatch',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: null,
      port: 3000,
      mailDir: 'var/mail',
      env: 'development',
    });
  });

  it('should refuse to run in production without real secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET is required[\s\S]*API_TOKEN is required/);
  });

  it('should name every invalid variable at once', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: '99999', SMTP_URL: 'http://mail' });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/SMTP_URL/);
    }
  });

  it('should read numbers and flags from strings', () => {
    expect(loadConfig({ PORT: '8080', MIGRATE_ON_BOOT: 'false', OUTBOX_POLL_MS: '500' })).toMatchObject({ port: 8080, migrateOnBoot: false, outboxPollMs: 500 });
  });
});
