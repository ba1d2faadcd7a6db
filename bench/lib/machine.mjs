import { execFileSync } from "node:child_process";
import { cpus, release, totalmem, type } from "node:os";

/** What the numbers were measured on; ratios travel between machines, absolute times do not. */
export function describeMachine({ chromium, commit }) {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    cpu: `${cpuList.length} × ${cpuList[0]?.model ?? "unknown"}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${type()} ${release()}`,
    node: process.version,
    chromium: chromium ?? "not run",
    commit,
  };
}

export function gitCommit() {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "apps", "packages"], {
      encoding: "utf8",
    });
    return dirty.trim() === "" ? sha : `${sha} (with uncommitted changes in apps/ or packages/)`;
  } catch {
    return "unknown";
  }
}
