import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Config } from '../config';

export const ClientConfig = Type.Object({
  authMode: Type.Union([Type.Literal('dev'), Type.Literal('jwt')]),
  clientId: Type.Union([Type.String(), Type.Null()]),
  authority: Type.String(),
  apiScope: Type.Union([Type.String(), Type.Null()]),
});

/** What the add-in needs before it can sign in; public (the add-in host also embeds it in the task pane). */
export function clientConfigOf(config: Config): Static<typeof ClientConfig> {
  return {
    authMode: config.auth.mode,
    clientId: config.auth.clientId ?? null,
    authority: config.auth.authority,
    apiScope: config.auth.apiScope ?? null,
  };
}

/** What the add-in needs before it can sign in (no auth: it is asked before there is a token). */
export function clientConfigRoutes(config: Config): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/config', { schema: { response: { 200: ClientConfig } }, config: { auth: 'none' } }, async () =>
      clientConfigOf(config),
    );
  };
}
