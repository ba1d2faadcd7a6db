import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef } from "react";
import { ApiRequestError } from "../../../lib/api-client";
import { forgetSignedInData } from "../api/get-session";
import { useSignIn } from "../api/sign-in";
import { useSecondsLeft } from "../use-seconds-left";
import { SignInLayout } from "./SignInLayout";

/** Built-in login. The address bar is left alone, so the view it holds opens after sign-in. */
export function SignInPage() {
  const queryClient = useQueryClient();
  const signIn = useSignIn();
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // Whatever the last user loaded (after sign-out, or an expired session) leaves memory now.
  useEffect(() => {
    forgetSignedInData(queryClient);
    userRef.current?.focus();
  }, [queryClient]);

  const error = signIn.error instanceof ApiRequestError ? signIn.error : null;
  const throttled = error?.code === "rate_limited";
  const secondsLeft = useSecondsLeft(throttled ? error : null, error?.retryAfterSeconds ?? 0);
  const waiting = throttled && secondsLeft > 0;
  const wrongCredentials = error?.code === "unauthorized";

  useEffect(() => {
    if (wrongCredentials && passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }, [wrongCredentials]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    });
  }

  let message: string | null = null;
  if (waiting) message = `Too many attempts, try again in ${secondsLeft} s`;
  else if (throttled && error?.retryAfterSeconds === null) message = "Too many attempts, try again later.";
  else if (signIn.isError && !throttled) message = signIn.error.message;

  return (
    <SignInLayout titleId="sign-in-title" title="Sign in">
      <form className="sign-in__form" onSubmit={submit}>
        {message ? (
          <p id={errorId} className="sign-in__error" role="alert">
            {message}
          </p>
        ) : null}
        <div className="sign-in__field">
          <label htmlFor="sign-in-user">User name</label>
          <input
            ref={userRef}
            id="sign-in-user"
            name="username"
            className="input"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={256}
            aria-invalid={wrongCredentials || undefined}
            aria-describedby={message ? errorId : undefined}
          />
        </div>
        <div className="sign-in__field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            ref={passwordRef}
            id="sign-in-password"
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            required
            maxLength={1024}
            aria-invalid={wrongCredentials || undefined}
            aria-describedby={message ? errorId : undefined}
          />
        </div>
        <button
          type="submit"
          className="button button--primary sign-in__submit"
          disabled={signIn.isPending || waiting}
          aria-busy={signIn.isPending || undefined}
        >
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </SignInLayout>
  );
}
