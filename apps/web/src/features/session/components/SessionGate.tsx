import { lazy, type ReactNode, Suspense } from "react";
import { isSignedOut, useSession } from "../api/get-session";
import { ProxySignInRequired } from "./ProxySignInRequired";

/** Most loads find a session (or need none): the sign-in form loads only when it shows. */
const SignInPage = lazy(() => import("./SignInPage").then((m) => ({ default: m.SignInPage })));

/**
 * The dashboard, unless the BFF says someone must sign in first. The session is asked for in
 * parallel with the data (no extra round trip before the first paint); while it is on its way,
 * or if it cannot be read, the dashboard shows its own loading and error states.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { data: session } = useSession();
  if (session !== undefined && isSignedOut(session)) {
    return session.mode === "login" ? (
      <Suspense fallback={null}>
        <SignInPage />
      </Suspense>
    ) : (
      <ProxySignInRequired />
    );
  }
  return children;
}
