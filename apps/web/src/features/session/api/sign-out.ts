import { useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "../../../lib/api-client";
import { adoptSession, loadSessionSchema } from "./get-session";

/** Built-in login only: a proxy's session ends at the proxy (its logout URL). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => requestJson("/api/logout", loadSessionSchema, { method: "POST" }),
    onSuccess: (session) => adoptSession(queryClient, session),
  });
}
