import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpOptions {
  /** Bounds the whole exchange: connecting, sending, and reading the answer. */
  timeoutMs: number;
  /** Extra trusted certificates (PEM), for a stand-in with its own certificate; else the system's. */
  ca?: string;
  /** Connections kept open per host. */
  maxSockets?: number;
}

/** No answer came (refused, reset, timed out): the caller cannot know whether the request was acted on. */
export class NoAnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NoAnswerError';
  }
}

/**
 * The HTTP client of the Graph connector, for Graph itself and for MSAL's token requests
 * (its `INetworkModule`). Written on node:https rather than the global fetch because it
 * needs a per-client keep-alive agent, an optional extra CA (the stand-in's certificate
 * in tests) and a hard bound on each exchange, which fetch gives only through undici's own
 * Agent, not a dependency of this project.
 */
export class HttpClient {
  private readonly agent: https.Agent;

  constructor(private readonly options: HttpOptions) {
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 32,
      ...(options.ca ? { ca: options.ca } : {}),
    });
  }

  request(
    method: string,
    url: string,
    options: { headers?: Record<string, string>; body?: string | Buffer } = {},
  ): Promise<HttpResponse> {
    const target = new URL(url);
    if (target.protocol !== 'https:') return Promise.reject(new Error(`refusing a non-HTTPS URL: ${url}`));
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    return new Promise((resolve, reject) => {
      const request = https.request(
        target,
        {
          method,
          agent: this.agent,
          headers: { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', (error) => reject(new NoAnswerError(error.message, { cause: error })));
        },
      );
      const timer = setTimeout(
        () =>
          request.destroy(
            new NoAnswerError(`no answer within ${this.options.timeoutMs} ms from ${target.host}`),
          ),
        this.options.timeoutMs,
      );
      request.on('close', () => clearTimeout(timer));
      request.on('error', (error) =>
        reject(error instanceof NoAnswerError ? error : new NoAnswerError(error.message, { cause: error })),
      );
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
