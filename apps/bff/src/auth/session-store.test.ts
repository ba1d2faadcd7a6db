import { describe, expect, it } from "vitest";
import { BoundedSessionStore } from "./session-store.js";

type Stored = Parameters<BoundedSessionStore["set"]>[1];

function session(user: string, expiresAt: number): Stored {
  return { user, cookie: { originalMaxAge: 1000, expires: new Date(expiresAt) } } as Stored;
}

function read(store: BoundedSessionStore, id: string): Stored | null | undefined {
  let result: Stored | null | undefined;
  store.get(id, (_error, found) => {
    result = found;
  });
  return result;
}

describe("BoundedSessionStore", () => {
  it("forgets a session once its cookie has expired", () => {
    let now = 1_000;
    const store = new BoundedSessionStore(10, () => now);
    store.set("a", session("alice", 2_000), () => {});
    expect(read(store, "a")).toMatchObject({ user: "alice" });
    now = 2_000;
    expect(read(store, "a")).toBeNull();
    expect(store.size).toBe(0);
  });

  it("keeps at most maxSessions, dropping the oldest", () => {
    const store = new BoundedSessionStore(2, () => 0);
    for (const id of ["a", "b", "c"]) store.set(id, session(id, 10_000), () => {});
    expect(store.size).toBe(2);
    expect(read(store, "a")).toBeNull();
    expect(read(store, "c")).toMatchObject({ user: "c" });
  });

  it("sweeps expired sessions when a new one is saved", () => {
    let now = 0;
    const store = new BoundedSessionStore(100, () => now);
    store.set("old", session("old", 500), () => {});
    now = 1_000;
    store.set("new", session("new", 5_000), () => {});
    expect(store.size).toBe(1);
  });

  it("destroys on request", () => {
    const store = new BoundedSessionStore(10, () => 0);
    store.set("a", session("alice", 10), () => {});
    store.destroy("a", () => {});
    expect(read(store, "a")).toBeNull();
  });
});
