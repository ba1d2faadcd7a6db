import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { Secret } from "./secret.js";
import { hideHarmlessWarnings, runningMessage } from "./startup-messages.js";

function experimental(message: string): Error {
  const warning = new Error(message);
  warning.name = "ExperimentalWarning";
  return warning;
}

describe("hideHarmlessWarnings", () => {
  it("drops undici's DecompressInterceptor notice and passes every other warning to the printers there before", () => {
    const source = new EventEmitter();
    const printed: string[] = [];
    source.on("warning", (w: Error) => printed.push(`${w.name}: ${w.message}`));
    hideHarmlessWarnings(source);
    source.emit("warning", experimental("DecompressInterceptor is experimental and subject to change"));
    source.emit("warning", experimental("SnapshotAgent is experimental and subject to change"));
    const deprecation = new Error("Buffer() is deprecated");
    deprecation.name = "DeprecationWarning";
    source.emit("warning", deprecation);
    expect(printed).toEqual([
      "ExperimentalWarning: SnapshotAgent is experimental and subject to change",
      "DeprecationWarning: Buffer() is deprecated",
    ]);
  });
});

describe("runningMessage", () => {
  const digicert = (region: "us" | "eu" | null, baseUrl = "https://www.digicert.com/services/v2") =>
    ({ kind: "digicert", apiKey: new Secret("k"), baseUrl, region }) as const;

  it("says where to open the dashboard and whose data it shows", () => {
    expect(runningMessage("http://127.0.0.1:3000", { kind: "demo", codes: 10, seed: "s" })).toBe(
      "Voucher Desk is running at http://127.0.0.1:3000 (demo data — set DIGICERT_API_KEY for your account)",
    );
    expect(runningMessage("http://127.0.0.1:3000", digicert("eu"))).toBe(
      "Voucher Desk is running at http://127.0.0.1:3000 (DigiCert EU account)",
    );
    expect(runningMessage("http://127.0.0.1:8080", digicert(null, "http://127.0.0.1:4010/services/v2"))).toBe(
      "Voucher Desk is running at http://127.0.0.1:8080 (DigiCert at http://127.0.0.1:4010/services/v2)",
    );
  });
});
