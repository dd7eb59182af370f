import { createContext, useContext } from 'react';
import type {
  LoginRequest,
  Role,
  SignupRequest,
  SmsLoginRequest,
  SmsLoginResponse,
  UserView,
} from '@wutong/shared';

/** `signedOut`: anonymous because the user just logged out here (no way back to the page they left). */
export type AuthStatus = 'loading' | 'anonymous' | 'signedOut' | 'authenticated';

export interface AuthContextValue {
  status: AuthStatus;
  user: UserView | null;
  login: (request: LoginRequest) => Promise<UserView>;
  signup: (request: SignupRequest) => Promise<UserView>;
  /** Signs in by a texted code; an unknown number with a name makes a founder (`created`). */
  smsLogin: (request: SmsLoginRequest) => Promise<Pick<SmsLoginResponse, 'created'> & { user: UserView }>;
  logout: () => Promise<void>;
  /** Replaces the signed-in user after the API returned a fresh view of it. */
  setUser: (user: UserView) => void;
  /** Keeps the session going with a token the API issued (e.g. after a password change). */
  replaceToken: (token: string) => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function hasAnyRole(user: UserView | null, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}
