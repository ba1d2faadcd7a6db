import { queryOptions, useQuery } from "@tanstack/react-query";
import type { UsedCodesResponse } from "@voucher-desk/vouchers";
import { requestJson } from "../../../lib/api-client";
import { usedCodesResponseSpotCheck } from "./used-codes-response";

export const usedCodesQueryKey = ["used-codes"] as const;

const STALE_RECHECK_MS = 4_000;

export function fetchUsedCodes(signal?: AbortSignal): Promise<UsedCodesResponse> {
  return requestJson("/api/used-codes", usedCodesResponseSpotCheck, { signal });
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
