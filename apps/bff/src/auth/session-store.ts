import type { SessionStore } from "@fastify/session";

type StoredSession = Parameters<SessionStore["set"]>[1];

/**
 * Sessions of signed-in users, in memory. @fastify/session's own MemoryStore never forgets a
 * session, so a long-running BFF would grow without bound; this one drops a session when its
 * cookie expires and keeps at most `maxSessions` (the oldest go first). Sessions end on
 * restart. Several replicas need a shared store (Redis) behind the same interface.
 */
export class BoundedSessionStore implements SessionStore {
  readonly #sessions = new Map<string, { session: StoredSession; expiresAt: number }>();

  constructor(
    private readonly maxSessions: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  set(sessionId: string, session: StoredSession, callback: (err?: unknown) => void): void {
    const expires = session.cookie.expires;
    const expiresAt = expires instanceof Date ? expires.getTime() : Number.POSITIVE_INFINITY;
    // Re-inserting moves the session to the young end of the Map's insertion order.
    this.#sessions.delete(sessionId);
    this.#sessions.set(sessionId, { session, expiresAt });
    this.#evict();
    callback();
  }

  get(sessionId: string, callback: (err: unknown, result?: StoredSession | null) => void): void {
    const entry = this.#sessions.get(sessionId);
    if (entry !== undefined && entry.expiresAt <= this.now()) {
      this.#sessions.delete(sessionId);
      callback(null, null);
      return;
    }
    callback(null, entry?.session ?? null);
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    this.#sessions.delete(sessionId);
    callback();
  }

  /** Oldest first: sessions share one lifetime, so once one is live and the store fits, the rest are too. */
  #evict(): void {
    const now = this.now();
    for (const [id, entry] of this.#sessions) {
      if (this.#sessions.size <= this.maxSessions && entry.expiresAt > now) break;
      this.#sessions.delete(id);
    }
  }
}
