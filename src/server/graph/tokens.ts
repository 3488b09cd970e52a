import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { GraphError } from './errors';
import { NoAnswerError, type HttpClient } from './http';

/** The app registration's credential: a client secret, or a certificate with its private key. */
export type GraphCredential =
  { kind: 'secret'; secret: string } | { kind: 'certificate'; privateKey: string; certificate: string };

/** A PEM file holding the certificate and its private key (what `openssl req -x509 … -nodes` writes). */
export function certificateCredential(file: string): GraphCredential {
  const pem = readFileSync(file, 'utf8');
  const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
    pem,
  );
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!key || !cert) throw new Error(`${file} must hold a PEM certificate and its private key`);
  return { kind: 'certificate', privateKey: key[0], certificate: cert[0] };
}

/** MSAL's network calls through the connector's own HTTP client (timeouts, keep-alive, trusted CAs). */
function networkModule(http: HttpClient): INetworkModule {
  const send = async <T>(method: string, url: string, options?: NetworkRequestOptions) => {
    try {
      const response = await http.request(method, url, { headers: options?.headers, body: options?.body });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const text = response.body.toString('utf8');
      return {
        headers,
        status: response.status,
        body: (text ? JSON.parse(text) : {}) as T,
      } as NetworkResponse<T>;
    } catch (error: unknown) {
      if (error instanceof NoAnswerError) throw error;
      throw new NoAnswerError(`unreadable answer from ${new URL(url).host}`, { cause: error });
    }
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/**
 * App-only tokens for Microsoft Graph, one MSAL `ConfidentialClientApplication` per tenant
 * with the client-credentials grant (learn.microsoft.com/graph/auth-v2-service). MSAL caches
 * each token until shortly before it expires.
 */
export class GraphTokens {
  private readonly apps = new Map<string, ConfidentialClientApplication>();
  private readonly network: INetworkModule;
  /** The Graph resource's `.default` scope: every application permission the admin consented to. */
  readonly scope: string;

  constructor(
    private readonly settings: {
      clientId: string;
      credential: GraphCredential;
      authorityHost: string;
      baseUrl: string;
    },
    http: HttpClient,
  ) {
    this.network = networkModule(http);
    this.scope = `${new URL(settings.baseUrl).origin}/.default`;
  }

  private appFor(tenantId: string): ConfidentialClientApplication {
    let app = this.apps.get(tenantId);
    if (app) return app;
    const { clientId, credential, authorityHost } = this.settings;
    const certificate =
      credential.kind === 'certificate'
        ? {
            privateKey: credential.privateKey,
            thumbprintSha256: new X509Certificate(credential.certificate).fingerprint256.replace(/:/g, ''),
            x5c: credential.certificate,
          }
        : undefined;
    app = new ConfidentialClientApplication({
      auth: {
        clientId,
        authority: `${authorityHost}/${encodeURIComponent(tenantId)}`,
        // A known authority is trusted as given: no instance discovery against the public cloud,
        // so sovereign clouds and the stand-in work the same way.
        knownAuthorities: [new URL(authorityHost).host],
        ...(credential.kind === 'secret'
          ? { clientSecret: credential.secret }
          : { clientCertificate: certificate }),
      },
      // MSAL would otherwise wait out a throttled token endpoint itself; the callers schedule retries.
      system: { networkClient: this.network, disableInternalRetries: true },
    });
    this.apps.set(tenantId, app);
    return app;
  }

  async token(tenantId: string): Promise<string> {
    try {
      const result = await this.appFor(tenantId).acquireTokenByClientCredential({ scopes: [this.scope] });
      if (!result?.accessToken) throw new Error('the token endpoint gave no access token');
      return result.accessToken;
    } catch (error: unknown) {
      if (error instanceof NoAnswerError)
        throw new GraphError({ status: null, message: error.message, source: 'token' });
      const fields = error as {
        errorCode?: string;
        errorMessage?: string;
        message?: string;
        status?: number;
      };
      const message = (fields.errorMessage || fields.message || String(error)).split('\n')[0];
      // MSAL's own words for "the endpoint did not answer": nothing was refused.
      if (fields.errorCode === 'network_error' || fields.errorCode === 'endpoints_resolution_error')
        throw new GraphError({ status: null, code: fields.errorCode, message, source: 'token' });
      // The identity platform answered: throttled or down (its status), or it refused us
      // (invalid_client, unauthorized_client, consent revoked …: a 400/401 that no retry fixes soon).
      const status = fields.status && (fields.status === 429 || fields.status >= 500) ? fields.status : 401;
      throw new GraphError({ status, code: fields.errorCode || 'token_error', message, source: 'token' });
    }
  }
}
