import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type Me, type Role } from './api';
import { tokens } from './client';

interface AuthValue {
  me: Me | null;
  loading: boolean;
  login(email: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  reload(): Promise<Me | null>;
  has(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  // with no token at all the visitor is signed out from the start; otherwise the first render waits for /api/me
  const [loading, setLoading] = useState<boolean>(() => !!(tokens.access() || tokens.refresh()));

  const reload = useCallback(async () => {
    if (!tokens.access() && !tokens.refresh()) {
      setMe(null);
      setLoading(false);
      return null;
    }
    setLoading(true);
    try {
      const m = await api.me();
      setMe(m);
      return m;
    } catch {
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (!tokens.access() && !tokens.refresh()) return;
    let live = true;
    api.me().then(
      (m) => live && (setMe(m), setLoading(false)),
      () => live && (setMe(null), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const pair = await api.login(email, password);
    tokens.set(pair);
    const m = await api.me();
    setMe(m);
    return m;
  }, []);

  const logout = useCallback(async () => {
    const rt = tokens.refresh();
    try {
      if (rt) await api.logout(rt);
    } catch {
      /* the session ends locally either way */
    }
    tokens.clear();
    setMe(null);
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ me, loading, login, logout, reload, has: (...roles) => !!me && roles.some((r) => me.roles.includes(r)) }),
    [me, loading, login, logout, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
