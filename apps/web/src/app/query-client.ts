import { QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "../lib/api-client";

/**
 * The BFF already retries DigiCert where retrying helps, and its errors say what to do, so
 * the browser retries only when the BFF itself could not be reached, and only once.
 */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < 1 && error instanceof ApiRequestError && error.code === "network",
      },
    },
  });
}
