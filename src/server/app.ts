import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import path from 'node:path';
import { addinHostRoutes } from './addin-host/plugin';
import { authoringRoutes } from './authoring/routes';
import { authPlugin, PrincipalCache } from './auth/plugin';
import { createDevTokenIssuer, DEV_AUDIENCE, DEV_ISSUER, type DevTokenIssuer } from './auth/dev-tokens';
import { cachingVerifier, createTokenVerifier, remoteKeys, type TokenVerifier } from './auth/token-verifier';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { companyRoutes } from './companies/routes';
import { batchedLookup, type ContactLookup } from './contacts/lookup-batch';
import { contactRoutes } from './contacts/routes';
import type { Db } from './db/port';
import { dealRoutes } from './deals/routes';
import type { Deps } from './deps';
import { devTokenRoutes } from './dev/routes';
import { enrollmentRoutes } from './enrollments/routes';
import { enrollManyRoutes } from './enrollments/enroll-many-routes';
import { scheduledRoutes } from './enrollments/scheduled-routes';
import { healthRoutes } from './health/routes';
import { inboundRoutes } from './inbound/routes';
import { clientConfigOf, clientConfigRoutes } from './http/client-config-routes';
import { admitApiRequests } from './http/admission';
import { installErrorHandlers } from './http/error-handler';
import { describeRoutesForOpenApi, OPENAPI_TAGS } from './http/openapi-tags';
import { createGraphConnector, type GraphConnector } from './graph';
import { securityHeaders } from './http/security-headers';
import { buildValidatorCompiler } from './http/validator-compiler';
import { createTransport } from './mail/create-transport';
import { mailConnectionRoutes } from './mailboxes/routes';
import { graphSenderLookup } from './mailboxes/sending';
import { graphWebhookRoutes } from './mailboxes/webhook-routes';
import type { MailTransport } from './mail/transport';
import { meetingRoutes } from './meetings/routes';
import { outboxRoutes } from './outbox/routes';
import { rateLimits, RATE_WINDOW_MS } from './rate-limit/plugin';
import { SharedRateCounter } from './rate-limit/shared-counter';
import { sequenceRoutes } from './sequences/routes';
import { taskRoutes } from './tasks/routes';
import { unsubscribeRoutes } from './unsubscribe/routes';
import { userRoutes } from './users/routes';
import { workflowRoutes } from './workflows/routes';

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  transport?: MailTransport;
  /** Dev auth mode's issuer; made (with its key under DATA_DIR) when not given. */
  devTokens?: DevTokenIssuer;
  /** Replaces the verifier built from the config (tests of the production path give their own JWKS). */
  verifier?: TokenVerifier;
  logger?: FastifyServerOptions['logger'];
  /** The built add-in (webpack's dist/); defaults to the repository's dist/. */
  addinDir?: string;
  /** Microsoft Graph; made from the config (GRAPH_*) when not given. Tests give one trusting the stand-in. */
  graph?: GraphConnector;
  /** The lookup's reads (O3); batched from `db` when not given. bench:scale answers them from memory. */
  lookups?: ContactLookup;
}

export interface App {
  app: FastifyInstance;
  deps: Deps;
  devTokens?: DevTokenIssuer;
  /** The Graph connector, when configured (closed with the app). */
  graph?: GraphConnector;
}

function productionVerifier(config: Config, clock: Clock): TokenVerifier {
  const { issuer, audience, jwksUri, allowedTenants, maxTokenLifetimeSeconds } = config.auth;
  if (!issuer || !audience || !jwksUri)
    throw new Error('AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URI are required');
  return createTokenVerifier({
    issuer,
    audience,
    keys: remoteKeys(jwksUri),
    allowedTenants,
    maxLifetimeSeconds: maxTokenLifetimeSeconds,
    clock,
  });
}

/**
 * Builds the whole HTTP app as a plugin tree; `main.ts` only listens. Tests call
 * `buildApp(...)` and `app.inject(...)`.
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const graph = options.graph ?? createGraphConnector(config.graph);
  const clock = options.clock ?? systemClock;
  const deps: Deps = {
    config,
    db,
    clock,
    transport:
      options.transport ??
      createTransport(
        config.mailTransport,
        config.smtp,
        graph && { graph: graph.client, db, senderOf: graphSenderLookup(db) },
      ),
    principals: new PrincipalCache(),
    graph: graph?.client,
    rateLimits: new SharedRateCounter(db, clock, {
      windowMs: RATE_WINDOW_MS,
      flushMs: config.rateLimit.syncMs,
    }),
    lookups: options.lookups ?? batchedLookup(db),
  };

  const devTokens =
    config.auth.mode === 'dev'
      ? (options.devTokens ??
        (await createDevTokenIssuer({ keyFile: path.join(config.dataDir, 'dev-auth-key.json') })))
      : undefined;
  const verify = cachingVerifier(
    options.verifier ??
      (devTokens
        ? createTokenVerifier({
            issuer: DEV_ISSUER,
            audience: DEV_AUDIENCE,
            keys: devTokens.keys,
            maxLifetimeSeconds: config.auth.maxTokenLifetimeSeconds,
            clock: deps.clock,
          })
        : productionVerifier(config, deps.clock)),
    deps.clock,
  );

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Unknown fields are refused (additionalProperties: false), not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    // Bodies without type coercion, NUL characters and deep nesting refused everywhere.
    schemaController: { compilersFactory: { buildValidator: buildValidatorCompiler } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandlers(app);
  // Before any route: the security headers pick each page's policy as its route is added.
  await app.register(securityHeaders, { authority: config.auth.authority });
  deps.rateLimits.start();
  app.addHook('onClose', () => deps.rateLimits.stop());
  await app.register(rateLimits, {
    counter: deps.rateLimits,
    perUser: config.rateLimit.perUser,
    perAddress: config.rateLimit.perAddress,
  });
  // The embedded database runs one statement at a time: requests wait in a bounded line (S5).
  if (db.kind === 'pglite') admitApiRequests(app, config.embedded);
  // JSON in, JSON out: a text/plain body is 415 unsupported_media_type rather than a confusing 400.
  app.removeContentTypeParser('text/plain');
  // A POST without a body (e.g. "unenroll", no detail) is validated as an empty object, so optional
  // bodies may be omitted and a required field gets a message naming it.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD')
      request.body = {};
  });

  describeRoutesForOpenApi(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Sales Tools for Outlook API',
        version: '1',
        description:
          'Sequences, enrollments and unenrollment. Errors are { "error": { "code", "message" } }.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
      tags: OPENAPI_TAGS.map(({ name, description }) => ({ name, description })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(deps));
  await app.register(
    async (api) => {
      await api.register(authPlugin, { db, verify, principals: deps.principals, clock: deps.clock });
      // After authentication: a signed-in caller is counted as themselves, anyone else by address.
      api.addHook('onRequest', app.rateLimitPerCaller);
      await api.register(clientConfigRoutes(config));
      if (devTokens) await api.register(devTokenRoutes(devTokens, deps.clock));
      await api.register(userRoutes(deps));
      await api.register(contactRoutes(deps));
      await api.register(companyRoutes(deps));
      await api.register(dealRoutes(deps));
      await api.register(sequenceRoutes(deps));
      await api.register(enrollmentRoutes(deps));
      await api.register(scheduledRoutes(deps));
      await api.register(enrollManyRoutes(deps));
      await api.register(authoringRoutes(deps));
      await api.register(outboxRoutes(deps));
      await api.register(inboundRoutes(deps));
      await api.register(meetingRoutes(deps));
      await api.register(workflowRoutes(deps));
      await api.register(taskRoutes(deps));
      await api.register(mailConnectionRoutes(deps));
    },
    { prefix: '/api/v1' },
  );
  // Reached by Microsoft (the admin-consent redirect, Graph's webhooks): at the root, without
  // sign-in, and not limited per address — every notification comes from Microsoft's few.
  await app.register(graphWebhookRoutes(deps));
  // Reached from email, by people without an account: at the root, without sign-in.
  await app.register(async (open) => {
    open.addHook('onRequest', app.rateLimitPerAddress);
    await open.register(unsubscribeRoutes(deps));
  });
  // The Outlook add-in's pages and assets; /preview only in dev auth mode (SPEC §3).
  await app.register(
    addinHostRoutes({
      dir: options.addinDir,
      preview: config.auth.mode === 'dev',
      clientConfig: clientConfigOf(config),
    }),
  );

  if (graph && !options.graph) app.addHook('onClose', async () => graph.close());
  return { app, deps, devTokens, graph };
}
