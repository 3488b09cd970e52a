import type { GraphConfig } from '../config';
import { GraphClient } from './client';
import { HttpClient } from './http';
import { certificateCredential, GraphTokens, type GraphCredential } from './tokens';

export { GraphClient, MailFolder, DELTA_PAGE_SIZE, type DeltaMessage, type DeltaPage } from './client';
export { BATCH_LIMIT } from './batch';
export { GraphError, graphFailureOf } from './errors';
export { composeMime, type MimeEmail } from './mime';

export interface GraphConnector {
  client: GraphClient;
  close(): void;
}

/**
 * The Graph client for a configuration, or undefined when the connector is off (no
 * GRAPH_CLIENT_ID). `ca`: extra trusted certificates (tests trust the stand-in's this way;
 * a process trusts it with NODE_EXTRA_CA_CERTS).
 */
export function createGraphConnector(
  config: GraphConfig,
  options: { ca?: string } = {},
): GraphConnector | undefined {
  if (!config.clientId) return undefined;
  const credential: GraphCredential = config.certificateFile
    ? certificateCredential(config.certificateFile)
    : { kind: 'secret', secret: config.clientSecret ?? '' };
  const http = new HttpClient({ timeoutMs: config.timeoutMs, ca: options.ca });
  const tokens = new GraphTokens(
    { clientId: config.clientId, credential, authorityHost: config.authorityHost, baseUrl: config.baseUrl },
    http,
  );
  return {
    client: new GraphClient(http, tokens, {
      baseUrl: config.baseUrl,
      authorityHost: config.authorityHost,
      clientId: config.clientId,
    }),
    close: () => http.close(),
  };
}
