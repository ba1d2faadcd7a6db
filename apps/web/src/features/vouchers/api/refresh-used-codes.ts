import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UsedCodesResponse } from "@voucher-desk/vouchers";
import { requestJson } from "../../../lib/api-client";
import { loadUsedCodesCheck, usedCodesQueryKey } from "./get-used-codes";
import { readUsedCodes, USED_CODES_ACCEPT } from "./read-used-codes";

/** Asks the BFF to fetch the list from DigiCert now, bypassing its cache. */
export function refreshUsedCodes(): Promise<UsedCodesResponse> {
  return requestJson("/api/used-codes/refresh", loadUsedCodesCheck, {
    method: "POST",
    headers: { Accept: USED_CODES_ACCEPT },
    read: readUsedCodes,
  });
}

export function useRefreshUsedCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshUsedCodes,
    onSuccess: (data) => queryClient.setQueryData(usedCodesQueryKey, data),
  });
}
