import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_COST, hashPassword, type ScryptCost } from "./passwords.js";
import { USER_NAME, writeUser } from "./users-file.js";

/**
 * `pnpm add-user -- <users-file> <name>`: adds a user to (or changes a password in) the users file
 * of built-in login. The password is typed twice without echo, or read from stdin when piped
 * (`printf '%s\n' "$PASSWORD" | pnpm add-user -- users.json alice`), never from the command line,
 * where it would land in shell history and `ps`.
 */

export const MIN_PASSWORD_LENGTH = 12;

export async function addUser(
  file: string,
  name: string,
  password: string,
  cost: ScryptCost = DEFAULT_COST,
): Promise<void> {
  if (!USER_NAME.test(name)) {
    throw new Error(`"${name}" is not a valid user name: use letters, digits and . _ @ + - (at most 128)`);
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new Error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  writeUser(file, name, await hashPassword(password, cost));
}

/** One line typed at the terminal without echo. */
function askHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          finish();
          resolve(typed);
          return;
        }
        if (char === "\u0003") {
          finish();
          reject(new Error("cancelled"));
          return;
        }
        typed = char === "\u007f" || char === "\b" ? typed.slice(0, -1) : typed + char;
      }
    };
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden("Password: ");
    const second = await askHidden("Repeat password: ");
    if (first !== second) throw new Error("the two passwords differ");
    return first;
  }
  let piped = "";
  for await (const chunk of process.stdin) piped += chunk;
  return piped.replace(/\r?\n$/, "");
}

async function main(argv: string[]): Promise<number> {
  // pnpm passes on the `--` of `pnpm add-user -- <file> <name>`.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const [file, name] = args;
  if (file === undefined || name === undefined || args.length !== 2) {
    process.stderr.write(
      "usage: add-user <users-file> <name>   (the password is asked for, or read from stdin)\n",
    );
    return 2;
  }
  // `pnpm add-user` runs in the repository root; a relative path means where the user typed it.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  try {
    await addUser(path, name, await readPassword());
  } catch (error) {
    process.stderr.write(`add-user: ${(error as Error).message}\n`);
    return 1;
  }
  process.stderr.write(
    `Saved ${name} in ${path}. Start the BFF with AUTH_MODE=login AUTH_USERS_FILE=${path}\n`,
  );
  return 0;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  process.exitCode = await main(process.argv.slice(2));
}
