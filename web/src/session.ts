import { useSyncExternalStore } from 'react';

/** The signed-in person, as kept in localStorage: the access token and what it says. */
export interface Session {
  token: string;
  userId: string;
  /** Milliseconds since the epoch when the token stops working. */
  expiresAt: number;
  /** From `GET /api/v1/me` (the token does not carry them); empty until that answers. */
  roles: string[];
}

/** What sign-up and sign-in answer (functions/identity/schemas.ts, TokenResponse). */
export interface TokenAnswer {
  user_id: string;
  access_token: string;
  expires_in: number;
}

const STORAGE_KEY = 'bazaar.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function write(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

/** The JWT's payload, unverified: the API verifies it; the storefront only reads sub and exp. */
function claimsOf(token: string): { sub?: string; exp?: number; 'cognito:groups'?: string[] } {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** Starts a session from a sign-up or sign-in answer. */
export function startSession(answer: TokenAnswer): Session {
  const claims = claimsOf(answer.access_token);
  const expiresAt = claims.exp ? claims.exp * 1000 : Date.now() + answer.expires_in * 1000;
  const session: Session = {
    token: answer.access_token,
    userId: claims.sub ?? answer.user_id,
    expiresAt,
    roles: claims['cognito:groups'] ?? [],
  };
  write(session);
  return session;
}

/** Records the roles `GET /api/v1/me` answered (after sign-in, or after becoming a seller). */
export function setRoles(roles: string[]): void {
  if (current) write({ ...current, roles });
}

export function endSession(): void {
  write(null);
}

/** The session now, or null when signed out or expired. */
export function currentSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) write(null);
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing in or out changes this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The signed-in person, re-rendering on sign-in and sign-out (in any tab). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession);
}
