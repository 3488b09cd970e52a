import type { TokenProvider } from '../../addin/auth/token-provider';

/** Who is signed in, as the sign-in found them (the API's `GET /me` has the rest). */
export interface SignedInUser {
  email: string;
  name: string;
}

/** A signed-in person: their tokens for the API, and the way out. */
export interface Session extends TokenProvider {
  user: SignedInUser;
  signOut(): Promise<void>;
}

/**
 * How the console signs in, as the server's configuration says: dev tokens by email in dev
 * auth mode, MSAL's redirect flow in `jwt` mode (SPEC C1).
 */
export interface Authenticator {
  mode: 'dev' | 'jwt';
  /** The session the page already has (a stored dev user, `?as=`, or MSAL coming back from a redirect). */
  resume(): Promise<Session | null>;
  /** Dev mode: signs in as `email`. `jwt` mode: leaves for Microsoft's sign-in page (never resolves). */
  signIn(email?: string): Promise<Session>;
}
