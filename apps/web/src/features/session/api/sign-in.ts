import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, requestJson } from "../../../lib/api-client";
import { adoptSession, loadSessionSchema, sessionQueryKey } from "./get-session";

export interface Credentials {
  username: string;
  password: string;
}

/** Its 401 means a wrong password, not an expired session: the query client tells them apart by this key. */
export const signInMutationKey = ["sign-in"] as const;

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: signInMutationKey,
    mutationFn: (credentials: Credentials) =>
      requestJson("/api/login", loadSessionSchema, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(credentials),
      }),
    onSuccess: (session) => adoptSession(queryClient, session),
    // A refused CSRF token (its cookie expired or was cleared): fetch a fresh one for the next try.
    onError: (error) => {
      if (error instanceof ApiRequestError && error.code === "forbidden") {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      }
    },
  });
}
