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
      auth: { mode: 'dev', maxTokenLifetimeSeconds: 24 * 3600 },
      rateLimit: { perUser: 600, perAddress: 300, smtpPerClient: 600, smtpPerSender: 60, syncMs: 250 },
      trustProxy: false,
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

  test('TRUST_PROXY: true, or the proxies’ addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
  });

  test.each([
    ['DATABASE_URL', 'mysql://x'],
    ['MAIL_TRANSPORT', 'carrier-pigeon'],
    ['AUTH_MODE', 'open'],
    ['WORKER_ENABLED', 'maybe'],
    ['AUTH_MAX_TOKEN_LIFETIME_MINUTES', '0'],
    ['RATE_LIMIT_PER_USER', '-1'],
    ['RATE_LIMIT_SYNC_MS', 'fast'],
  ])('rejects %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('Microsoft Graph settings', () => {
  test('off without GRAPH_CLIENT_ID; Microsoft’s endpoints and a 60 s poll by default', () => {
    expect(loadConfig({}).graph).toMatchObject({
      clientId: undefined,
      authorityHost: 'https://login.microsoftonline.com',
      baseUrl: 'https://graph.microsoft.com/v1.0',
      pollSeconds: 60,
      notifications: false,
    });
  });

  test('notifications need an HTTPS PUBLIC_URL', () => {
    const graph = { GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 's' };
    expect(loadConfig({ ...graph, PUBLIC_URL: 'https://sales.contoso.com' }).graph.notifications).toBe(true);
    expect(loadConfig({ ...graph, PUBLIC_URL: 'http://localhost:3000' }).graph.notifications).toBe(false);
  });

  test.each([
    [{ GRAPH_CLIENT_ID: 'app' }, /GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_FILE/],
    [{ GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 's', GRAPH_CERTIFICATE_FILE: 'x.pem' }, /not both/],
    [{ MAIL_TRANSPORT: 'graph' }, /MAIL_TRANSPORT=graph needs GRAPH_CLIENT_ID/],
    [
      { GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 's', GRAPH_AUTHORITY_HOST: 'http://login.example' },
      /GRAPH_AUTHORITY_HOST must be a https: URL/,
    ],
    [{ GRAPH_POLL_SECONDS: '0' }, /GRAPH_POLL_SECONDS/],
    [
      {
        GRAPH_CLIENT_ID: 'app',
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_TIMEOUT_MS: '60000',
        WORKER_LEASE_MS: '100000',
      },
      /4 × GRAPH_TIMEOUT_MS/,
    ],
  ])('refuses %o, naming the problem', (env, problem) => {
    expect(() => loadConfig(env)).toThrow(problem);
  });
});
