import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import type { StandInContext, StandInOptions } from './context';
import { graphError } from './graph-json';

/**
 * The identity platform's part (learn.microsoft.com/graph/auth-v2-service): OpenID discovery,
 * the client-credentials token endpoint (secret or certificate assertion), admin consent
 * (accepted at once), and the check of the tokens it issued on every Graph call.
 */
export function identityPlatform(options: StandInOptions) {
  const tokens = new Map<string, { tenantId: string; expiresAt: number }>();
  const failingTenants = new Set<string>();
  let issued = 0;
  const assertionKey = options.clientCertificate ? options.clientCertificate : undefined;

  function authorised(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
    const token = match ? tokens.get(match[1]) : undefined;
    if (!token || token.expiresAt < Date.now()) {
      void graphError(
        reply,
        401,
        'InvalidAuthenticationToken',
        match ? 'Access token has expired or is not yet valid.' : 'Access token is empty.',
      );
      return undefined;
    }
    return token.tenantId;
  }

  function register(ctx: Pick<StandInContext, 'app' | 'origin' | 'track' | 'intercepted'>): void {
    const { app, track, intercepted } = ctx;
    app.get<{ Params: { tenant: string } }>(
      '/:tenant/v2.0/.well-known/openid-configuration',
      async (request) => {
        const base = `${ctx.origin()}/${request.params.tenant}`;
        return {
          issuer: `${base}/v2.0`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${ctx.origin()}/${request.params.tenant}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
        };
      },
    );

    app.get('/common/discovery/instance', async () => {
      const host = new URL(ctx.origin()).host;
      return {
        tenant_discovery_endpoint: `${ctx.origin()}/common/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      };
    });

    app.post<{ Params: { tenant: string }; Body: Record<string, string> }>(
      '/:tenant/oauth2/v2.0/token',
      async (request, reply) => {
        track(request, 'token');
        if (intercepted(reply, 'token')) return reply;
        const body = request.body ?? {};
        const tenantId = request.params.tenant;
        const oauthError = (status: number, error: string, description: string) =>
          reply.code(status).send({
            error,
            error_description: `${description}\r\nTrace ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
            error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
            timestamp: new Date().toISOString(),
            trace_id: randomUUID(),
            correlation_id: randomUUID(),
          });
        if (body.grant_type !== 'client_credentials')
          return oauthError(
            400,
            'unsupported_grant_type',
            'AADSTS70003: The app requested an unsupported grant type.',
          );
        if (body.client_id !== options.clientId)
          return oauthError(
            400,
            'unauthorized_client',
            `AADSTS700016: Application with identifier '${body.client_id}' was not found in the directory '${tenantId}'.`,
          );
        if (!/\/\.default$/.test(body.scope ?? ''))
          return oauthError(
            400,
            'invalid_scope',
            'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
          );
        if (failingTenants.has(tenantId))
          return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
        if (body.client_assertion) {
          try {
            if (!assertionKey) throw new Error('no certificate registered');
            const { alg } = decodeProtectedHeader(body.client_assertion);
            const key = await importX509(assertionKey, alg ?? 'RS256');
            // The identity platform allows five minutes of clock skew on assertions.
            await jwtVerify(body.client_assertion, key, {
              issuer: options.clientId,
              subject: options.clientId,
              clockTolerance: 300,
            });
          } catch (error: unknown) {
            return oauthError(
              401,
              'invalid_client',
              `AADSTS700027: Client assertion failed signature validation. (${(error as Error).message})`,
            );
          }
        } else if (
          !options.clientSecret ||
          !body.client_secret ||
          !safeEqual(body.client_secret, options.clientSecret)
        ) {
          return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
        }
        const accessToken = randomBytes(32).toString('base64url');
        tokens.set(accessToken, { tenantId, expiresAt: Date.now() + 3599_000 });
        issued += 1;
        return { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken };
      },
    );

    // The admin "accepts" at once: redirect back with admin_consent=True (or the error asked for).
    app.get<{ Params: { tenant: string }; Querystring: Record<string, string> }>(
      '/:tenant/adminconsent',
      async (request, reply) => {
        const { client_id: clientId, redirect_uri: redirectUri, state } = request.query;
        if (clientId !== options.clientId || !redirectUri)
          return reply
            .code(400)
            .type('text/plain')
            .send('AADSTS700016: unknown client_id, or no redirect_uri');
        const target = new URL(redirectUri);
        if (request.query.deny === '1') {
          target.searchParams.set('error', 'access_denied');
          target.searchParams.set(
            'error_description',
            'AADSTS65004: User declined to consent to access the app.',
          );
        } else {
          target.searchParams.set('admin_consent', 'True');
          target.searchParams.set('tenant', request.params.tenant);
        }
        if (state) target.searchParams.set('state', state);
        return reply.redirect(target.toString(), 302);
      },
    );
  }

  return {
    failingTenants,
    authorised,
    register,
    issued: () => issued,
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
