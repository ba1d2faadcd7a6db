import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UsedCodesResponse } from "@voucher-desk/vouchers";
import { requestJson } from "../../../lib/api-client";
import { usedCodesQueryKey } from "./get-used-codes";
import { usedCodesResponseSpotCheck } from "./used-codes-response";

/** Asks the BFF to fetch the list from DigiCert now, bypassing its cache. */
export function refreshUsedCodes(): Promise<UsedCodesResponse> {
  return requestJson("/api/used-codes/refresh", usedCodesResponseSpotCheck, { method: "POST" });
}

export function useRefreshUsedCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshUsedCodes,
    onSuccess: (data) => queryClient.setQueryData(usedCodesQueryKey, data),
  });
}
