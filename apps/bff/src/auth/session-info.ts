import { z } from "zod";
import { AUTH_MODES } from "./config.js";

/** Longest user name accepted from the login form or a proxy header (an e-mail address fits). */
export const USER_NAME_MAX = 256;

/** `GET /api/session`, and the answer to login and logout: what the page needs to show and send. */
export const sessionInfoSchema = z.object({
  mode: z.enum(AUTH_MODES),
  /** Null when nobody is signed in, and always in `none` mode. */
  user: z.string().max(USER_NAME_MAX).nullable(),
  /** Sent back as `X-CSRF-Token` on every POST. */
  csrfToken: z.string().min(1),
  /** Proxy mode: where "Sign out" sends the browser. */
  logoutUrl: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
