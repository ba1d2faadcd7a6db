import { useSession } from "../api/get-session";
import { useSignOut } from "../api/sign-out";

/**
 * Who is signed in, and the way out: built-in login signs out here; a sign-in proxy signs out
 * at its logout URL, or, without one, manages sessions entirely on its own. Nothing without sign-in.
 */
export function SessionControls() {
  const { data: session } = useSession();
  const signOut = useSignOut();
  if (session === undefined || session.mode === "none" || session.user === null) return null;
  return (
    <div className="session-controls">
      <span className="session-controls__user">
        Signed in as <strong>{session.user}</strong>
      </span>
      {session.mode === "login" ? (
        <button
          type="button"
          className="toolbar-button"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          aria-busy={signOut.isPending || undefined}
        >
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </button>
      ) : session.logoutUrl !== null ? (
        <a className="toolbar-button" href={session.logoutUrl}>
          Sign out
        </a>
      ) : (
        <span className="session-controls__note">Sign-in is managed by your organization's proxy</span>
      )}
      {signOut.isError ? (
        <span className="session-controls__error" role="alert">
          Sign-out failed: {signOut.error.message}
        </span>
      ) : null}
    </div>
  );
}
