import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Email } from '../../shared/schemas';
import type { DevTokenIssuer } from '../auth/dev-tokens';
import type { Clock } from '../clock';
import { errorResponses } from '../http/responses';

/**
 * Dev auth mode only (never registered in production, see config.ts): a token
 * for any email, so the product and its tests run without Microsoft Entra ID.
 */
export function devTokenRoutes(issuer: DevTokenIssuer, clock: Clock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/dev/token',
      {
        schema: {
          summary: 'Dev auth mode: an access token for any user',
          body: Type.Object(
            {
              email: Email,
              name: Type.Optional(Type.String({ maxLength: 200 })),
              admin: Type.Optional(Type.Boolean()),
              scopes: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
              tenantId: Type.Optional(Type.String({ pattern: '^[\\w-]{1,64}$' })),
              expiresInSeconds: Type.Optional(Type.Integer({ minimum: -86_400, maximum: 86_400 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ accessToken: Type.String() }), ...errorResponses },
        },
        config: { auth: 'none' },
      },
      // Issued by the clock the verifier reads, so the token is valid by that clock.
      async (request) => ({ accessToken: await issuer.issue({ ...request.body, issuedAt: clock.now() }) }),
    );
  };
}
