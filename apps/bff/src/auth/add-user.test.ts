import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { addUser } from "./add-user.js";
import { verifyPassword } from "./passwords.js";
import { readUsersFile } from "./users-file.js";

const CHEAP = { N: 1024, r: 8, p: 1 };

function freshPath(): string {
  return join(mkdtempSync(join(tmpdir(), "add-user-")), "users.json");
}

describe("addUser", () => {
  it("creates the file owner-only, adds users and changes a password in place", async () => {
    const path = freshPath();
    await addUser(path, "alice", "first long password", CHEAP);
    await addUser(path, "bob@example.com", "bob's long password", CHEAP);
    await addUser(path, "alice", "second long password", CHEAP);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const users = readUsersFile(path);
    expect([...users.keys()]).toEqual(["alice", "bob@example.com"]);
    expect(await verifyPassword("second long password", users.get("alice") ?? "")).toBe(true);
    expect(await verifyPassword("first long password", users.get("alice") ?? "")).toBe(false);
    expect(readFileSync(path, "utf8")).not.toContain("long password");
  });

  it("refuses a short password and a name with spaces or colons", async () => {
    const path = freshPath();
    await expect(addUser(path, "alice", "short", CHEAP)).rejects.toThrow(/at least 12 characters/);
    await expect(addUser(path, "alice smith", "long enough password", CHEAP)).rejects.toThrow(
      /not a valid user name/,
    );
    await expect(addUser(path, "a:b", "long enough password", CHEAP)).rejects.toThrow(
      /not a valid user name/,
    );
  });
});

/** Runs the command as a process, the password piped in; resolves with what it wrote to stderr. */
function runAddUser(
  args: string[],
  password: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const script = fileURLToPath(new URL("./add-user.ts", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  return new Promise<string>((resolve, reject) => {
    const child = execFile(tsx, [script, ...args], options, (error, _stdout, err) =>
      error ? reject(error) : resolve(err),
    );
    child.stdin?.end(`${password}\n`);
  });
}

describe("the add-user command", () => {
  it("reads the password from stdin, never from its arguments", async () => {
    const path = freshPath();
    const stderr = await runAddUser([path, "carol"], "carol's long password");
    expect(stderr).toContain(`Saved carol in ${path}`);
    expect(await verifyPassword("carol's long password", readUsersFile(path).get("carol") ?? "")).toBe(true);
  }, 20_000);

  it("resolves a relative users file from where pnpm was run (INIT_CWD), not the repository root, past pnpm's --", async () => {
    const root = mkdtempSync(join(tmpdir(), "add-user-root-"));
    const typedIn = mkdtempSync(join(tmpdir(), "add-user-cwd-"));
    // As `pnpm add-user -- users.json dave` runs it: from the root, with the `--` passed on.
    const stderr = await runAddUser(["--", "users.json", "dave"], "dave's long password", {
      cwd: root,
      env: { ...process.env, INIT_CWD: typedIn },
    });
    const expected = join(typedIn, "users.json");
    expect(stderr).toContain(`AUTH_USERS_FILE=${expected}`);
    expect(readUsersFile(expected).has("dave")).toBe(true);
    expect(existsSync(join(root, "users.json"))).toBe(false);
  }, 20_000);
});
