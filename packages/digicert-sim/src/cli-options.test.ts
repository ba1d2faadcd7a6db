import { describe, expect, it } from "vitest";
import { CliError, parseCliOptions, parseRateLimits } from "./cli-options.js";

describe("parseCliOptions", () => {
  it("reads every flag, strips pnpm's leading --, and resolves --fixture against the caller's folder", () => {
    const options = parseCliOptions(
      [
        "--",
        "--port",
        "4010",
        "--host",
        "127.0.0.1",
        "--key",
        "K",
        "--fixture",
        "some-codes.json",
        "--latency",
        "20",
      ],
      "/home/me/project",
    );
    expect(options).toMatchObject({
      port: 4010,
      host: "127.0.0.1",
      key: "K",
      fixture: "/home/me/project/some-codes.json",
      faults: { latencyMs: 20 },
      controlRoutes: true,
    });
  });

  it("builds a fault set and a generated list from flags", () => {
    const options = parseCliOptions(
      [
        "--codes",
        "250",
        "--seed",
        "s1",
        "--fault",
        "rate_limit",
        "--fail-next",
        "2",
        "--retry-after",
        "http-date",
        "--retry-after-seconds",
        "9",
        "--fault-scope",
        "order",
        "--shuffle-ties",
        "--csv-line-ending",
        "crlf",
        "--no-control",
      ],
      "/",
    );
    expect(options).toMatchObject({
      count: 250,
      seed: "s1",
      csvLineEnding: "\r\n",
      controlRoutes: false,
      faults: {
        kind: "rate_limit",
        failNext: 2,
        retryAfter: "http-date",
        retryAfterSeconds: 9,
        scope: "order",
        shuffleTies: true,
      },
    });
  });

  it("answers --help", () => {
    expect(parseCliOptions(["--help"], "/")).toBe("help");
  });

  it.each([
    [["--prot", "4010"], /--prot/],
    [["--port", "abc"], /--port takes a whole number/],
    [["--port", "70000"], /--port must be from 0 to 65535/],
    [["--codes", "-5"], /--codes/],
    [["--fault", "explode"], /kind must be one of/],
    [["--server-error-status", "418"], /serverErrorStatus/],
    [["--fixture", "a.json", "--codes", "5"], /cannot be combined/],
    [["--key", "  "], /--key must not be blank/],
    [["--rate-limits", "lots"], /COUNT\/DURATION/],
    [["stray"], /stray/],
  ])("refuses %j with a clear message", (argv, message) => {
    expect(() => parseCliOptions(argv, "/")).toThrow(CliError);
    expect(() => parseCliOptions(argv, "/")).toThrow(message);
  });
});

describe("parseRateLimits", () => {
  it("reads COUNT/DURATION pairs in ms, s, m and h, and off", () => {
    expect(parseRateLimits("100/5s,1000/3m")).toEqual([
      { limit: 100, windowMs: 5000 },
      { limit: 1000, windowMs: 180_000 },
    ]);
    expect(parseRateLimits("5/200ms, 1300/1h")).toEqual([
      { limit: 5, windowMs: 200 },
      { limit: 1300, windowMs: 3_600_000 },
    ]);
    expect(parseRateLimits("off")).toEqual([]);
  });
});
