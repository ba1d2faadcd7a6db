import { screen, waitFor } from "@testing-library/react";
import type { SessionInfo } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import {
  apiError,
  currentUrl,
  type Handler,
  json,
  renderApp,
  usedCodesLines,
} from "../../../../test/render-app";
import { quirkyCodes, usedCodesResponse } from "../../../../test/used-codes";

const SIGNED_OUT: SessionInfo = { mode: "login", user: null, csrfToken: "token-before", logoutUrl: null };
const ALICE: SessionInfo = { mode: "login", user: "alice", csrfToken: "token-alice", logoutUrl: null };
const PASSWORD = "correct horse battery staple";

/**
 * A BFF in built-in login mode, in memory: the session it answers follows sign-in and sign-out,
 * and the data routes answer 401 while nobody is signed in, as the auth plugin does.
 */
function loginServer(login: Handler) {
  let session = SIGNED_OUT;
  const guarded =
    (handler: Handler): Handler =>
    (request) =>
      session.user === null
        ? apiError(401, "unauthorized", "Sign in to use Voucher Desk.")
        : handler(request);
  const routes: Record<string, Handler> = {
    "GET /api/session": () => json(session),
    "POST /api/login": async (request) => {
      const response = await login(request);
      if (response.ok) session = ALICE;
      return response;
    },
    "POST /api/logout": () => {
      session = { ...SIGNED_OUT, csrfToken: "token-after" };
      return json(session);
    },
    "GET /api/used-codes": guarded(() => usedCodesLines(usedCodesResponse(quirkyCodes()))),
    "POST /api/used-codes/refresh": guarded(() => usedCodesLines(usedCodesResponse(quirkyCodes()))),
  };
  return {
    routes,
    expire: () => {
      session = SIGNED_OUT;
    },
  };
}

/** The POSTs the page sent to a path: their CSRF header and JSON body. */
function posts(fetchMock: ReturnType<typeof renderApp>["fetchMock"], path: string) {
  return fetchMock.mock.calls
    .filter(([input, init]) => input === path && init?.method === "POST")
    .map(([, init]) => ({
      csrf: new Headers(init?.headers).get("X-CSRF-Token"),
      contentType: new Headers(init?.headers).get("Content-Type"),
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : null,
    }));
}

async function fillAndSubmit(user: ReturnType<typeof renderApp>["user"], name: string, password: string) {
  await user.clear(screen.getByLabelText("User name"));
  await user.type(screen.getByLabelText("User name"), name);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("built-in login", () => {
  it("shows the sign-in form instead of the data, and says so when the password is wrong", async () => {
    const server = loginServer(() => apiError(401, "unauthorized", "Wrong user name or password."));
    const { user, fetchMock } = renderApp("/", server.routes);

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByLabelText("User name").getAttribute("autocomplete")).toBe("username");
    expect(screen.getByLabelText("Password").getAttribute("type")).toBe("password");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("User name")));

    await fillAndSubmit(user, "alice", "not the password");
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong user name or password.");
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
    // The wrong password is cleared for the next try; the name stays.
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText("User name") as HTMLInputElement).value).toBe("alice");
    expect(posts(fetchMock, "/api/login")).toEqual([
      {
        csrf: "token-before",
        contentType: "application/json",
        body: { username: "alice", password: "not the password" },
      },
    ]);
  });

  it("signs in to the view in the address, then shows who is signed in", async () => {
    const server = loginServer(() => json(ALICE));
    const { user, router, fetchMock } = renderApp("/?product=ssl_basic&sort=-created", server.routes);

    await screen.findByRole("heading", { name: "Sign in" });
    await fillAndSubmit(user, "alice", PASSWORD);

    expect(await screen.findByRole("table", { name: "Used voucher codes" })).toBeTruthy();
    expect(currentUrl(router)).toBe("/?product=ssl_basic&sort=-created");
    expect(screen.getByText(/Signed in as/).textContent).toBe("Signed in as alice");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeTruthy();
    expect(posts(fetchMock, "/api/login")[0]?.body).toEqual({ username: "alice", password: PASSWORD });
  });

  it("signs out with the token sign-in handed out, back to the sign-in form", async () => {
    const server = loginServer(() => json(ALICE));
    const { user, fetchMock } = renderApp("/", server.routes);
    await screen.findByRole("heading", { name: "Sign in" });
    await fillAndSubmit(user, "alice", PASSWORD);
    await screen.findByRole("table", { name: "Used voucher codes" });

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    expect(posts(fetchMock, "/api/logout")).toEqual([{ csrf: "token-alice", contentType: null, body: null }]);

    // Signing in again loads the list afresh: nothing of the last session was kept.
    const loadsBefore = fetchMock.mock.calls.filter(([input]) => input === "/api/used-codes").length;
    await fillAndSubmit(user, "alice", PASSWORD);
    await screen.findByRole("table", { name: "Used voucher codes" });
    expect(fetchMock.mock.calls.filter(([input]) => input === "/api/used-codes").length).toBe(
      loadsBefore + 1,
    );
  });

  it("turns to sign-in when the session ends while the dashboard is open", async () => {
    const server = loginServer(() => json(ALICE));
    const { user } = renderApp("/", server.routes);
    await screen.findByRole("heading", { name: "Sign in" });
    await fillAndSubmit(user, "alice", PASSWORD);
    await screen.findByRole("table", { name: "Used voucher codes" });

    server.expire();
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
  });

  it("says how long to wait when sign-in is throttled, and holds the button until then", async () => {
    const server = loginServer(() =>
      json({ error: { code: "rate_limited", message: "Too many failed sign-in attempts." } }, 429, {
        "Retry-After": "42",
      }),
    );
    const { user } = renderApp("/", server.routes);
    await screen.findByRole("heading", { name: "Sign in" });
    await fillAndSubmit(user, "alice", "guess");

    expect((await screen.findByRole("alert")).textContent).toBe("Too many attempts, try again in 42 s");
    expect((screen.getByRole("button", { name: "Sign in" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the server's reason when sign-in needs https", async () => {
    const reason =
      "Sign in over https. If a TLS proxy sits in front of this server, list its address in AUTH_TRUSTED_PROXIES.";
    const server = loginServer(() => apiError(400, "bad_request", reason));
    const { user } = renderApp("/", server.routes);
    await screen.findByRole("heading", { name: "Sign in" });
    await fillAndSubmit(user, "alice", PASSWORD);

    expect((await screen.findByRole("alert")).textContent).toBe(reason);
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBeNull();
  });
});

describe("a sign-in proxy", () => {
  const data = { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())) };

  it("shows the proxy's user and signs out at the proxy's logout URL", async () => {
    renderApp("/", {
      ...data,
      "GET /api/session": () =>
        json({ mode: "proxy", user: "bob@example.com", csrfToken: "t", logoutUrl: "/oauth2/sign_out" }),
    });
    expect((await screen.findByText(/Signed in as/)).textContent).toBe("Signed in as bob@example.com");
    expect(screen.getByRole("link", { name: "Sign out" }).getAttribute("href")).toBe("/oauth2/sign_out");
  });

  it("without a logout URL offers no sign-out and says the proxy manages sign-in", async () => {
    renderApp("/", {
      ...data,
      "GET /api/session": () => json({ mode: "proxy", user: "bob", csrfToken: "t", logoutUrl: null }),
    });
    expect((await screen.findByText(/Signed in as/)).textContent).toBe("Signed in as bob");
    expect(screen.getByText("Sign-in is managed by your organization's proxy")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Sign out" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Sign out" })).toBeNull();
  });

  it("reached without the proxy, says where to sign in and offers no form", async () => {
    renderApp("/", {
      "GET /api/used-codes": () => apiError(401, "unauthorized", "No signed-in user came with this request."),
      "GET /api/session": () => json({ mode: "proxy", user: null, csrfToken: "t", logoutUrl: null }),
    });
    expect(await screen.findByRole("heading", { name: "Sign in through your organization" })).toBeTruthy();
    expect(screen.queryByLabelText("Password")).toBeNull();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("without sign-in (loopback or AUTH_MODE=none)", () => {
  it("shows the dashboard with no account controls", async () => {
    renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())),
      "GET /api/session": () => json({ mode: "none", user: null, csrfToken: "t", logoutUrl: null }),
    });
    await screen.findByRole("table", { name: "Used voucher codes" });
    // The session answer has arrived, and still nothing about signing in is shown.
    await waitFor(() => expect(screen.queryByRole("heading", { name: "Sign in" })).toBeNull());
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Sign out" })).toBeNull();
  });
});
