import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { sessionQueryKey } from "../features/session/api/get-session";
import { signInMutationKey } from "../features/session/api/sign-in";
import { ApiRequestError } from "../lib/api-client";

/**
 * The BFF already retries DigiCert where retrying helps, and its errors say what to do, so
 * the browser retries only when the BFF itself could not be reached, and only once.
 *
 * A 401 on any call means the session ended (expired, signed out in another tab, the proxy
 * dropped it): the session is asked for again, and the page turns to sign-in.
 */
export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => recheckSessionOn(error) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // A refused sign-in is a wrong password, not a lost session.
        if (mutation.options.mutationKey?.[0] !== signInMutationKey[0]) recheckSessionOn(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < 1 && error instanceof ApiRequestError && error.code === "network",
      },
    },
  });
  function recheckSessionOn(error: unknown): void {
    if (error instanceof ApiRequestError && error.code === "unauthorized") {
      void client.invalidateQueries({ queryKey: sessionQueryKey });
    }
  }
  return client;
}
