import { queryOptions, useQuery } from "@tanstack/react-query";
import type { UsedCodesResponse } from "@voucher-desk/vouchers";
import { requestJson } from "../../../lib/api-client";
import { onDemand } from "../../../lib/on-demand";
import { readUsedCodes, USED_CODES_ACCEPT } from "./read-used-codes";

export const usedCodesQueryKey = ["used-codes"] as const;

const STALE_RECHECK_MS = 4_000;

/** The answer's check (zod), loaded with the first request for the list (see lib/api-client). */
export const loadUsedCodesCheck = onDemand(() =>
  import("./used-codes-response").then((check) => check.usedCodesResponseSpotCheck),
);

export function fetchUsedCodes(signal?: AbortSignal): Promise<UsedCodesResponse> {
  return requestJson("/api/used-codes", loadUsedCodesCheck, {
    signal,
    headers: { Accept: USED_CODES_ACCEPT },
    read: readUsedCodes,
  });
}

export function usedCodesQueryOptions() {
  return queryOptions({
    queryKey: usedCodesQueryKey,
    queryFn: ({ signal }) => fetchUsedCodes(signal),
    // The BFF caches the list and says when it is stale; refetching a whole account on every
    // window focus would spend the key's DigiCert budget for nothing. Refresh is explicit.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    // A stale answer means the BFF is fetching a fresh list right now: pick it up when ready.
    refetchInterval: (query) => (query.state.data?.stale ? STALE_RECHECK_MS : false),
  });
}

export function useUsedCodes() {
  return useQuery(usedCodesQueryOptions());
}
