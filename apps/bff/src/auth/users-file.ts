import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { isPasswordHash } from "./passwords.js";

/**
 * The users of built-in login: a JSON file `{ "users": { "<name>": "<scrypt hash>" } }`,
 * written only by the add-user command (mode 0600) and read again on every login attempt, so
 * adding or removing a user needs no restart.
 */

export class UsersFileError extends Error {
  override name = "UsersFileError";
}

export const USER_NAME = /^[A-Za-z0-9._@+-]{1,128}$/;

const usersFileSchema = z.object({
  users: z.record(
    z.string().regex(USER_NAME, "user names use letters, digits and . _ @ + - (at most 128)"),
    z.string().refine(isPasswordHash, "is not a scrypt hash made by `pnpm add-user`"),
  ),
});

export type Users = ReadonlyMap<string, string>;

function parseUsers(path: string, text: string): Users {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsersFileError(`${path} is not JSON; recreate it with \`pnpm add-user ${path} <name>\``);
  }
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsersFileError(`${path}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`.trim());
  }
  return new Map(Object.entries(parsed.data.users));
}

export function readUsersFile(path: string): Users {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsersFileError(
      `cannot read ${path} (${reason}); create it with \`pnpm add-user ${path} <name>\``,
    );
  }
  return parseUsers(path, text);
}

/** Adds or replaces one user; the file is replaced atomically so a running BFF never reads half of it. */
export function writeUser(path: string, name: string, hash: string): void {
  const users: Users = existsSync(path) ? readUsersFile(path) : new Map();
  const next = Object.fromEntries([...users, [name, hash]]);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ users: next }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
