import { queryOptions, useQuery } from "@tanstack/react-query";
import { type UsedCodesResponse, usedCodesResponseSchema } from "@voucher-desk/vouchers";
import { requestJson } from "../../../lib/api-client";

export const usedCodesQueryKey = ["used-codes"] as const;

export function fetchUsedCodes(signal?: AbortSignal): Promise<UsedCodesResponse> {
  return requestJson("/api/used-codes", usedCodesResponseSchema, { signal });
}

export function usedCodesQueryOptions() {
  return queryOptions({
    queryKey: usedCodesQueryKey,
    queryFn: ({ signal }) => fetchUsedCodes(signal),
    // The BFF caches the list and says when it is stale; refetching a whole account on every
    // window focus would spend the key's DigiCert budget for nothing. Refresh is explicit.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useUsedCodes() {
  return useQuery(usedCodesQueryOptions());
}
