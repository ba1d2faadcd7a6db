import { useSession } from "../api/get-session";
import { SignInLayout } from "./SignInLayout";

/** Proxy mode, reached without the proxy (or its session ended): sign-in happens there, not here. */
export function ProxySignInRequired() {
  const session = useSession();
  return (
    <SignInLayout titleId="proxy-sign-in-title" title="Sign in through your organization">
      <p className="sign-in__text">
        Voucher Desk takes its users from your organization's sign-in proxy, and this request came without a
        signed-in user. Open Voucher Desk at the address your team uses, sign in there, then try again.
      </p>
      <button
        type="button"
        className="button button--primary sign-in__submit"
        onClick={() => void session.refetch()}
        disabled={session.isFetching}
        aria-busy={session.isFetching || undefined}
      >
        {session.isFetching ? "Checking…" : "Try again"}
      </button>
    </SignInLayout>
  );
}
