import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/server/app';
import {
  createDevTokenIssuer,
  type DevTokenIssuer,
  type DevTokenRequest,
} from '../../src/server/auth/dev-tokens';
import { ManualClock } from '../../src/server/clock';
import { loadConfig, type Config } from '../../src/server/config';
import type { Db, DbKind } from '../../src/server/db/port';
import type { Deps } from '../../src/server/deps';
import type { GraphConnector } from '../../src/server/graph';
import type { MailTransport } from '../../src/server/mail/transport';
import { StepWorker, type TickResult } from '../../src/server/worker/step-worker';
import { backends, openTestDatabase, type TestDatabase } from './databases';

/** One key pair per test process: generating RSA keys is slow. */
let sharedIssuer: Promise<DevTokenIssuer> | undefined;
const devIssuer = () => (sharedIssuer ??= createDevTokenIssuer());

/**
 * Test tokens are signed at the test clock's time and live a year (AUTH_MAX_TOKEN_LIFETIME_MINUTES
 * below allows it), because the verifier reads that clock and tests move it by days between
 * signing a token and using it. test/server/auth checks the production default of one day.
 */
const TEST_TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    AUTH_MAX_TOKEN_LIFETIME_MINUTES: String(TEST_TOKEN_LIFETIME_SECONDS / 60),
    // Counted but never reached: the test clock stands still, so a window lasts a whole file.
    // test/server/rate-limit sets its own limits.
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_ADDRESS: '1000000',
    RATE_LIMIT_SMTP_PER_CLIENT: '1000000',
    RATE_LIMIT_SMTP_PER_SENDER: '1000000',
    AUTH_MODE: 'dev',
    DATA_DIR: path.join(os.tmpdir(), 'sales-tools-test', 'data'),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    WORKER_ENABLED: 'false',
    ...overrides,
  });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A user of a fresh account (its own tenant), with a token, so tests never see each other's data. */
export interface TestUser {
  email: string;
  tenantId: string;
  token: string;
}

export interface TestContext {
  kind: DbKind;
  database: TestDatabase;
  db: Db;
  app: FastifyInstance;
  deps: Deps;
  clock: ManualClock;
  config: Config;
  issuer: DevTokenIssuer;
  /** A token for `email` in `tenantId` (a new tenant when omitted). */
  token(request: Partial<DevTokenRequest> & { email?: string }): Promise<string>;
  /** A user in a new account; `admin` gives the Sequences.Admin role. */
  newUser(options?: { admin?: boolean; tenantId?: string; email?: string; name?: string }): Promise<TestUser>;
  /**
   * Runs the step worker until nothing is due (the tests' stand-in for the worker that
   * `npm start` runs, which `POST /enrollments` wakes to run step 1 at once).
   */
  runDueSteps(): Promise<TickResult>;
  request<T = any>(
    method: InjectOptions['method'],
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; payload?: string | Buffer },
  ): Promise<ApiResponse<T>>;
}

export interface ContextOptions {
  config?: Record<string, string>;
  transport?: MailTransport;
  clockStart?: string;
  /** A Graph connector (one that trusts the Graph stand-in's certificate). */
  graph?: GraphConnector;
}

export async function createTestContext(kind: DbKind, options: ContextOptions = {}): Promise<TestContext> {
  const database = await openTestDatabase(kind);
  const config = testConfig(options.config);
  const clock = new ManualClock(options.clockStart);
  const issuer = await devIssuer();
  const { app, deps } = await buildApp({
    config,
    db: database.db,
    clock,
    devTokens: issuer,
    transport: options.transport,
    graph: options.graph,
    logger: false,
  });
  await app.ready();

  const worker = new StepWorker({
    db: database.db,
    clock,
    transport: deps.transport,
    config,
    settings: { pollMs: 25, batchSize: 100, concurrency: 3 },
  });

  const token: TestContext['token'] = (request) =>
    issuer.issue({
      email: request.email ?? `${randomUUID()}@example.com`,
      tenantId: request.tenantId ?? randomUUID(),
      issuedAt: clock.now(),
      expiresInSeconds: TEST_TOKEN_LIFETIME_SECONDS,
      ...request,
    });

  return {
    kind,
    database,
    db: database.db,
    app,
    deps,
    clock,
    config,
    issuer,
    token,
    runDueSteps: () => worker.drain(),
    async newUser(userOptions = {}) {
      const tenantId = userOptions.tenantId ?? randomUUID();
      const email = userOptions.email ?? `rep-${randomUUID().slice(0, 8)}@contoso.example`;
      return {
        email,
        tenantId,
        token: await token({ email, tenantId, admin: userOptions.admin, name: userOptions.name }),
      };
    },
    async request(method, url, requestOptions = {}) {
      const headers: Record<string, string> = { ...requestOptions.headers };
      if (requestOptions.token) headers.authorization = `Bearer ${requestOptions.token}`;
      const response = await app.inject({
        method,
        url,
        headers,
        ...(requestOptions.payload !== undefined
          ? { payload: requestOptions.payload }
          : requestOptions.body !== undefined
            ? { payload: requestOptions.body as object }
            : {}),
      });
      let body: unknown = response.body;
      if (String(response.headers['content-type'] ?? '').includes('application/json')) body = response.json();
      return { status: response.statusCode, body: body as any, headers: response.headers };
    },
  };
}

/**
 * Defines `fn`'s tests once per database backend (PGlite, and PostgreSQL when
 * configured), each with one app and database shared by the file's tests.
 */
export function describeEachDb(
  name: string,
  fn: (ctx: () => TestContext) => void,
  options: ContextOptions = {},
): void {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let context: TestContext | undefined;
      beforeAll(async () => {
        context = await createTestContext(kind, options);
        // PGlite's start (WebAssembly) and the migrations take seconds, minutes on a loaded machine.
      }, 180_000);
      afterAll(async () => {
        await context?.app.close();
        await context?.database.drop();
      });
      fn(() => {
        if (!context) throw new Error('the test context is not ready');
        return context;
      });
    });
  }
}
