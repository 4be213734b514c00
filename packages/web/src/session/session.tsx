// Who is logged in: the session from /auth/me on start, login and logout, and expiry from any 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiSettings } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'unreachable'; error: unknown }
  | { status: 'authenticated'; user: User };

export interface SessionApi {
  state: SessionState;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    apiSettings.onUnauthenticated = () => {
      apiSettings.csrfToken = undefined;
      setState({ status: 'anonymous', expired: true });
    };
    let live = true;
    api.auth
      .me()
      .then((s) => {
        if (!live) return;
        apiSettings.csrfToken = s.csrfToken;
        setState({ status: 'authenticated', user: s.user });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const status = (error as { status?: number }).status;
        setState(status === 401 ? { status: 'anonymous', expired: false } : { status: 'unreachable', error });
      });
    return () => {
      live = false;
    };
  }, [attempt]);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api.auth.login(username, password);
    apiSettings.csrfToken = s.csrfToken;
    setState({ status: 'authenticated', user: s.user });
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      apiSettings.csrfToken = undefined;
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, login, logout, retry }), [state, login, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in user; only for components rendered inside the authenticated layout. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser without a session');
  return state.user;
}
