/**
 * Configuration from the environment, validated once at boot. Every variable is
 * listed, with its default, in `.env.example`. A bad value stops the process with
 * one message naming every problem, rather than failing later at first use.
 */
export type AuthMode = 'dev' | 'jwt';

export interface Config {
  nodeEnv: string;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  databaseUrl?: string;
  dataDir: string;
  auth: {
    mode: AuthMode;
    /** May contain `{tid}` (Microsoft Entra ID preset): the issuer is then built from the token's tenant. */
    issuer?: string;
    audience?: string;
    jwksUri?: string;
    /** Tenants allowed to sign in; empty = any (multi-tenant). */
    allowedTenants: string[];
    /** For the add-in's MSAL client (`GET /api/v1/config`). */
    clientId?: string;
    authority: string;
    apiScope?: string;
  };
  mailTransport: string;
  unsubscribeSecret: string;
  bodyLimitBytes: number;
  inbound: {
    /** Largest raw message accepted (413 beyond). */
    maxBytes: number;
    /** Soft bounces of one address within the window that refuse it (A8). */
    softBounceLimit: number;
    softBounceWindowDays: number;
    /** The inbound SMTP listener: off unless a port is set. */
    smtpPort?: number;
    smtpHost: string;
    /** The domain of the accounts' inbound addresses (<key>@<domain>). */
    domain: string;
  };
  worker: { enabled: boolean; pollMs: number; batchSize: number; concurrency: number };
  smtp: { timeoutMs: number; maxConnections: number };
  seedDemo: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_UNSUBSCRIBE_SECRET = 'dev-only-unsubscribe-secret-change-me';

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    try {
      const parsed = new URL(raw.replace('{tid}', 'tid'));
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${raw}")`);
      return undefined;
    }
  };

  const port = int('PORT', 3000, 0, 65535);
  const issuer = url('AUTH_ISSUER', ['https:', 'http:']);
  const jwksUri = url('AUTH_JWKS_URI', ['https:', 'http:']);
  const audience = env.AUTH_AUDIENCE || undefined;

  let mode: AuthMode;
  const requestedMode = env.AUTH_MODE || undefined;
  if (requestedMode === undefined) {
    mode = issuer || production ? 'jwt' : 'dev';
  } else if (requestedMode === 'dev' || requestedMode === 'jwt') {
    mode = requestedMode;
  } else {
    problems.push(`AUTH_MODE must be "dev" or "jwt" (got "${requestedMode}")`);
    mode = 'jwt';
  }
  if (mode === 'dev' && production) problems.push('AUTH_MODE=dev is refused when NODE_ENV=production');
  if (mode === 'jwt') {
    if (!issuer) problems.push('AUTH_ISSUER is required (the token issuer; see .env.example for Entra ID)');
    if (!audience) problems.push('AUTH_AUDIENCE is required (the API’s application id URI or client id)');
    if (!jwksUri) problems.push('AUTH_JWKS_URI is required (where the issuer publishes its signing keys)');
  }

  const unsubscribeSecret = env.UNSUBSCRIBE_SECRET || (production ? '' : DEV_UNSUBSCRIBE_SECRET);
  if (unsubscribeSecret.length < 32) {
    problems.push('UNSUBSCRIBE_SECRET must be at least 32 characters (it signs unsubscribe links)');
  }

  const mailTransport = env.MAIL_TRANSPORT || 'outbox';
  if (mailTransport !== 'outbox' && !/^smtps?:\/\//.test(mailTransport)) {
    problems.push(`MAIL_TRANSPORT must be "outbox" or an smtp:// or smtps:// URL (got "${mailTransport}")`);
  }

  const publicUrl = (url('PUBLIC_URL', ['https:', 'http:']) ?? `http://localhost:${port}`).replace(/\/$/, '');

  const config: Config = {
    nodeEnv,
    host: env.HOST || 'localhost',
    port,
    publicUrl,
    logLevel: env.LOG_LEVEL || 'info',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: env.DATA_DIR || './data',
    auth: {
      mode,
      issuer,
      audience,
      jwksUri,
      allowedTenants: (env.AUTH_ALLOWED_TENANTS ?? '')
        .split(',')
        .map((tenant) => tenant.trim())
        .filter(Boolean),
      clientId: env.AUTH_CLIENT_ID || undefined,
      authority: env.AUTH_AUTHORITY || 'https://login.microsoftonline.com/common',
      apiScope: env.AUTH_API_SCOPE || undefined,
    },
    mailTransport,
    unsubscribeSecret,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    inbound: {
      maxBytes: int('INBOUND_MAX_BYTES', 25 * 1_048_576, 1024, 200 * 1_048_576),
      softBounceLimit: int('SOFT_BOUNCE_LIMIT', 3, 1, 100),
      softBounceWindowDays: int('SOFT_BOUNCE_WINDOW_DAYS', 7, 1, 365),
      smtpPort: env.INBOUND_SMTP_PORT ? int('INBOUND_SMTP_PORT', 2525, 0, 65535) : undefined,
      smtpHost: env.INBOUND_SMTP_HOST || 'localhost',
      domain: env.INBOUND_DOMAIN || 'inbound.localhost',
    },
    worker: {
      enabled: bool('WORKER_ENABLED', true),
      pollMs: int('WORKER_POLL_MS', 500, 10, 60_000),
      batchSize: int('WORKER_BATCH_SIZE', 200, 1, 5000),
      concurrency: int('WORKER_CONCURRENCY', 4, 1, 64),
    },
    smtp: {
      timeoutMs: int('SMTP_TIMEOUT_MS', 10_000, 100, 300_000),
      maxConnections: int('SMTP_MAX_CONNECTIONS', 5, 1, 100),
    },
    seedDemo: bool('SEED_DEMO', mode === 'dev'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** For entry points: the configuration, or the problems on stderr and exit code 1. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
