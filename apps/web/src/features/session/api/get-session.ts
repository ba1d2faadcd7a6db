import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { SessionInfo } from "@voucher-desk/vouchers";
import { rememberCsrfToken, requestJson } from "../../../lib/api-client";
import { onDemand } from "../../../lib/on-demand";

export const sessionQueryKey = ["session"] as const;

/** The contract's session schema, loaded with the first session request (see lib/api-client). */
export const loadSessionSchema = onDemand(() =>
  import("@voucher-desk/vouchers/api-contract").then((contract) => contract.sessionInfoSchema),
);

/** Who is signed in, and the CSRF token every POST of this page carries. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await requestJson("/api/session", loadSessionSchema, { signal });
  rememberCsrfToken(session.csrfToken);
  return session;
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    // It changes only by signing in or out here (answers replace it), or when the BFF refuses
    // a request as unauthorized (the query client then asks again).
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Sign-in and sign-out answer with the new session: it replaces the old one, token included. */
export function adoptSession(queryClient: QueryClient, session: SessionInfo): void {
  rememberCsrfToken(session.csrfToken);
  queryClient.setQueryData(sessionQueryKey, session);
}

/** Nobody is signed in where someone has to be: the page shows sign-in instead of the data. */
export function isSignedOut(session: SessionInfo | undefined): boolean {
  return session !== undefined && session.mode !== "none" && session.user === null;
}

/** Drops everything loaded for the previous user, so the next one starts from the server. */
export function forgetSignedInData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
}
