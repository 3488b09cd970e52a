import { ConfigError, loadConfig } from '../../../src/server/config';

describe('configuration', () => {
  test('defaults: dev auth mode on the embedded database at ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      mailTransport: 'outbox',
      auth: { mode: 'dev' },
      seedDemo: true,
    });
  });

  test('an issuer switches to JWT mode; all three settings are then required', () => {
    expect(() => loadConfig({ AUTH_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0' })).toThrow(
      /AUTH_AUDIENCE.*\n.*AUTH_JWKS_URI/s,
    );
  });

  test('production refuses dev auth mode and a missing unsubscribe secret, naming every problem at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev', PORT: 'eighty' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/AUTH_MODE=dev is refused/);
      expect(problems).toMatch(/UNSUBSCRIBE_SECRET/);
      expect(problems).toMatch(/PORT must be a whole number/);
    }
  });

  test('production without an issuer is a configuration error, never dev mode', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', UNSUBSCRIBE_SECRET: 'x'.repeat(32) })).toThrow(
      /AUTH_ISSUER is required/,
    );
  });

  test.each([
    ['DATABASE_URL', 'mysql://x'],
    ['MAIL_TRANSPORT', 'carrier-pigeon'],
    ['AUTH_MODE', 'open'],
    ['WORKER_ENABLED', 'maybe'],
  ])('rejects %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
