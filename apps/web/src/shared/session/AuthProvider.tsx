import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { LoginRequest, SignupRequest, SmsLoginRequest, UserView } from '@wutong/shared';
import { ApiError, setUnauthorizedListener } from '../api/client';
import { authApi, meApi } from '../api/endpoints';
import { readDeviceToken, readToken, writeDeviceToken, writeToken } from '../api/token';
import { currentLocale, hasChosenLocale, setLocale } from '../i18n/index';
import { AuthContext } from './auth-context';
import type { AuthContextValue, AuthStatus } from './auth-context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<UserView | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (readToken() ? 'loading' : 'anonymous'));

  const clear = useCallback(() => {
    writeToken(null);
    setUserState(null);
    setStatus('anonymous');
  }, []);

  // A 401 on any signed-in call means the session is over (logged out elsewhere, password changed).
  useEffect(() => {
    setUnauthorizedListener(clear);
    return () => setUnauthorizedListener(null);
  }, [clear]);

  // Restore the session after a reload.
  useEffect(() => {
    if (!readToken()) return;
    let cancelled = false;
    meApi
      .get()
      .then((me) => {
        if (cancelled) return;
        setUserState(me);
        setStatus('authenticated');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // Only a rejected token ends the session; a network hiccup keeps it for the next try.
        if (error instanceof ApiError && error.status === 401) clear();
        else setStatus('anonymous');
      });
    return () => {
      cancelled = true;
    };
  }, [clear]);

  const start = useCallback(async (token: string, signedIn: UserView) => {
    writeToken(token);
    let me = signedIn;
    // The language chosen on the page before signing in wins, and is saved to the account; without a
    // choice on this device, the account's language applies.
    const onPage = currentLocale();
    if (hasChosenLocale() && me.locale !== onPage) {
      try {
        me = await meApi.update({ locale: onPage });
      } catch {
        // the page keeps its language; the account keeps its own until the next change
      }
    } else {
      await setLocale(me.locale);
    }
    setUserState(me);
    setStatus('authenticated');
    return me;
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      login: async (request: LoginRequest) => {
        const deviceToken = readDeviceToken(request.email);
        const {
          accessToken,
          user: me,
          ...device
        } = await authApi.login({
          ...request,
          ...(deviceToken && { deviceToken }),
        });
        if (me.email) writeDeviceToken(me.email, device.deviceToken);
        return start(accessToken, me);
      },
      signup: async (request: SignupRequest) => {
        const { accessToken, user: me, deviceToken } = await authApi.signup(request);
        if (me.email) writeDeviceToken(me.email, deviceToken);
        return start(accessToken, me);
      },
      smsLogin: async (request: SmsLoginRequest) => {
        const { accessToken, user: me, created } = await authApi.smsLogin(request);
        return { created, user: await start(accessToken, me) };
      },
      logout: async () => {
        try {
          await authApi.logout();
        } catch {
          // the token is forgotten here whatever the server answered
        }
        clear();
        setStatus('signedOut');
      },
      setUser: (me: UserView) => setUserState(me),
      replaceToken: (token: string) => writeToken(token),
    }),
    [status, user, start, clear],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
