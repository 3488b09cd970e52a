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
    /** The longest access-token lifetime accepted (`exp` − `iat`), in seconds. */
    maxTokenLifetimeSeconds: number;
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
    /**
     * Set when INBOUND_DOMAIN is: sequence emails then go out with a per-message return path
     * at that domain (VERP, mail/bounce-address.ts), so their bounces come straight back here.
     */
    returnPathDomain?: string;
    /** Failed recipients one bounce may act on; the rest are recorded as ignored. */
    maxBounceRecipients: number;
  };
  worker: {
    enabled: boolean;
    pollMs: number;
    batchSize: number;
    concurrency: number;
    /** How long a worker's claim on a step it is sending lasts (E6 waits for it at most this long). */
    leaseMs: number;
  };
  /** Requests (messages for SMTP) a minute; 0 turns one off. */
  rateLimit: {
    perUser: number;
    perAddress: number;
    smtpPerClient: number;
    smtpPerSender: number;
    /** How often each process adds its counts to the shared ones in the database. */
    syncMs: number;
  };
  /** Fastify's `trustProxy`: which proxies' X-Forwarded-For to believe for the client's address. */
  trustProxy: boolean | string;
  smtp: { timeoutMs: number; maxConnections: number };
  /** The line in front of the API on the embedded database (http/admission.ts). */
  embedded: { concurrency: number; maxQueue: number; maxWaitMs: number };
  /** Microsoft 365 mailboxes through Microsoft Graph (issue 16); off unless GRAPH_CLIENT_ID is set. */
  graph: GraphConfig;
  seedDemo: boolean;
}

export interface GraphConfig {
  /** The app registration's (client) id; undefined: the connector is off. */
  clientId?: string;
  clientSecret?: string;
  /** A PEM file holding the app's certificate and its private key (instead of a secret). */
  certificateFile?: string;
  /** Where tokens and admin consent come from, without a trailing slash (sovereign clouds, the stand-in). */
  authorityHost: string;
  /** Graph's root including the version, without a trailing slash. */
  baseUrl: string;
  /** How often every connected mailbox is read (delta query) when no notification comes first. */
  pollSeconds: number;
  /** Mailboxes one worker reads in parallel. */
  concurrency: number;
  /** Bounds each request to Graph or to the token endpoint. */
  timeoutMs: number;
  /** Change notifications need Graph to reach PUBLIC_URL over HTTPS. */
  notifications: boolean;
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
  if (mailTransport !== 'outbox' && mailTransport !== 'graph' && !/^smtps?:\/\//.test(mailTransport)) {
    problems.push(
      `MAIL_TRANSPORT must be "outbox", "graph" or an smtp:// or smtps:// URL (got "${mailTransport}")`,
    );
  }

  const smtpTimeoutMs = int('SMTP_TIMEOUT_MS', 10_000, 100, 300_000);
  // A send is one SMTP transaction of at most ~6 waits (connect, greeting, MAIL, RCPT, DATA, the
  // final reply), each bounded by the timeout: the lease must outlast all of them.
  const leaseMs = int('WORKER_LEASE_MS', Math.max(60_000, 8 * smtpTimeoutMs), 1000, 3_600_000);
  if (leaseMs < 6 * smtpTimeoutMs) {
    problems.push(`WORKER_LEASE_MS (${leaseMs}) must be at least 6 × SMTP_TIMEOUT_MS (${6 * smtpTimeoutMs})`);
  }

  // true (every proxy), or the proxies' addresses/CIDRs, comma-separated (Fastify's trustProxy).
  const trustProxyRaw = (env.TRUST_PROXY ?? '').trim();
  const trustProxy: boolean | string = /^(|false|no|off)$/i.test(trustProxyRaw)
    ? false
    : /^(true|yes|on)$/i.test(trustProxyRaw)
      ? true
      : trustProxyRaw;

  const publicUrl = (url('PUBLIC_URL', ['https:', 'http:']) ?? `http://localhost:${port}`).replace(/\/$/, '');

  const graphClientId = env.GRAPH_CLIENT_ID || undefined;
  const graphSecret = env.GRAPH_CLIENT_SECRET || undefined;
  const graphCertificate = env.GRAPH_CERTIFICATE_FILE || undefined;
  const graphTimeoutMs = int('GRAPH_TIMEOUT_MS', 10_000, 100, 300_000);
  if (graphClientId && !graphSecret && !graphCertificate) {
    problems.push(
      'GRAPH_CLIENT_ID needs GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_FILE (the app’s credential)',
    );
  }
  if (graphSecret && graphCertificate) {
    problems.push('Set GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_FILE, not both');
  }
  if (mailTransport === 'graph' && !graphClientId) {
    problems.push('MAIL_TRANSPORT=graph needs GRAPH_CLIENT_ID (and its secret or certificate)');
  }
  // A Graph send is at most three requests (Sent Items look-up, token, sendMail), each bounded
  // by GRAPH_TIMEOUT_MS: the step's lease must outlast them (docs/architecture.md).
  if (graphClientId && leaseMs < 4 * graphTimeoutMs) {
    problems.push(
      `WORKER_LEASE_MS (${leaseMs}) must be at least 4 × GRAPH_TIMEOUT_MS (${4 * graphTimeoutMs})`,
    );
  }
  const graph: GraphConfig = {
    clientId: graphClientId,
    clientSecret: graphSecret,
    certificateFile: graphCertificate,
    // MSAL refuses an authority that is not HTTPS (msal-common's authority_uri_insecure).
    authorityHost: (url('GRAPH_AUTHORITY_HOST', ['https:']) ?? 'https://login.microsoftonline.com').replace(
      /\/+$/,
      '',
    ),
    baseUrl: (url('GRAPH_BASE_URL', ['https:']) ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, ''),
    pollSeconds: int('GRAPH_POLL_SECONDS', 60, 1, 86_400),
    concurrency: int('GRAPH_CONCURRENCY', 4, 1, 64),
    timeoutMs: graphTimeoutMs,
    // Graph delivers change notifications only to an HTTPS notificationUrl
    // (learn.microsoft.com/graph/change-notifications-delivery-webhooks).
    notifications: publicUrl.startsWith('https:') && bool('GRAPH_NOTIFICATIONS', true),
  };

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
      maxTokenLifetimeSeconds: 60 * int('AUTH_MAX_TOKEN_LIFETIME_MINUTES', 24 * 60, 5, 366 * 24 * 60),
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
      returnPathDomain: env.INBOUND_DOMAIN || undefined,
      maxBounceRecipients: int('INBOUND_MAX_BOUNCE_RECIPIENTS', 100, 1, 10_000),
    },
    worker: {
      enabled: bool('WORKER_ENABLED', true),
      pollMs: int('WORKER_POLL_MS', 500, 10, 60_000),
      batchSize: int('WORKER_BATCH_SIZE', 200, 1, 5000),
      concurrency: int('WORKER_CONCURRENCY', 4, 1, 64),
      leaseMs,
    },
    rateLimit: {
      perUser: int('RATE_LIMIT_PER_USER', 600, 0, 10_000_000),
      perAddress: int('RATE_LIMIT_PER_ADDRESS', 300, 0, 10_000_000),
      smtpPerClient: int('RATE_LIMIT_SMTP_PER_CLIENT', 600, 0, 10_000_000),
      smtpPerSender: int('RATE_LIMIT_SMTP_PER_SENDER', 60, 0, 10_000_000),
      syncMs: int('RATE_LIMIT_SYNC_MS', 250, 10, 10_000),
    },
    trustProxy,
    smtp: {
      timeoutMs: smtpTimeoutMs,
      maxConnections: int('SMTP_MAX_CONNECTIONS', 5, 1, 100),
    },
    embedded: {
      concurrency: int('EMBEDDED_MAX_CONCURRENT_REQUESTS', 4, 1, 64),
      maxQueue: int('EMBEDDED_MAX_QUEUED_REQUESTS', 64, 0, 10_000),
      maxWaitMs: int('EMBEDDED_MAX_QUEUE_WAIT_MS', 3000, 10, 60_000),
    },
    graph,
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
