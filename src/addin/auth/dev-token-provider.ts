import { SignInError, type TokenProvider } from './token-provider';

/**
 * Dev auth mode (the server says so in `GET /api/v1/config`): tokens from the server's own
 * `POST /api/v1/dev/token` for the Outlook user's address. Never used in production, where
 * the server does not offer that endpoint.
 */
export function createDevTokenProvider(options: {
  email: string;
  name?: string;
  fetch: typeof fetch;
  baseUrl?: string;
}): TokenProvider {
  let token: Promise<string> | undefined;
  const request = async (): Promise<string> => {
    const response = await options.fetch(`${options.baseUrl ?? ''}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: options.email, ...(options.name ? { name: options.name } : {}) }),
    });
    if (!response.ok) throw new SignInError(`The dev sign-in failed (HTTP ${response.status})`);
    const body = (await response.json()) as { accessToken?: string };
    if (!body.accessToken) throw new SignInError('The dev sign-in answered without a token');
    return body.accessToken;
  };
  return {
    getToken({ forceRefresh = false } = {}) {
      if (!token || forceRefresh) {
        token = request();
        token.catch(() => (token = undefined));
      }
      return token;
    },
  };
}
