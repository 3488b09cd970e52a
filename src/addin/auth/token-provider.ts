/** Where the API client gets its bearer tokens: MSAL in production, the dev token endpoint in dev auth mode. */
export interface TokenProvider {
  /** An access token for the API; `forceRefresh` after the API refused the last one (401). */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

/** `GET /api/v1/config`: how to sign in (asked before there is a token). */
export interface ClientConfig {
  authMode: 'dev' | 'jwt';
  clientId: string | null;
  authority: string;
  apiScope: string | null;
}

export class SignInError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}
