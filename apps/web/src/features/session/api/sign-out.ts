import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sessionInfoSchema } from "@voucher-desk/vouchers";
import { requestJson } from "../../../lib/api-client";
import { adoptSession } from "./get-session";

/** Built-in login only: a proxy's session ends at the proxy (its logout URL). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => requestJson("/api/logout", sessionInfoSchema, { method: "POST" }),
    onSuccess: (session) => adoptSession(queryClient, session),
  });
}
