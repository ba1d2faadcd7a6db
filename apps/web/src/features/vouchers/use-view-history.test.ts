import { renderHook } from "@testing-library/react";
import { DEFAULT_VIEW, type ViewState } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { TYPING_BURST_MS, useViewHistory } from "./use-view-history";
import { withFilter, withSearch } from "./view-edit";

/** Types `steps` in order, each `gapMs` after the last; returns which changes replaced their entry. */
function replays(steps: ViewState[], gapsMs: number[]): boolean[] {
  let clock = 0;
  const { result } = renderHook(() => useViewHistory(() => clock));
  const replaced: boolean[] = [];
  let previous = DEFAULT_VIEW;
  steps.forEach((next, i) => {
    clock += gapsMs[i] ?? 0;
    replaced.push(result.current(previous, next).replace);
    previous = next;
  });
  return replaced;
}

const q = (text: string) => withSearch(DEFAULT_VIEW, text);

describe("useViewHistory (one history entry per burst of typing)", () => {
  it("adds an entry when typing starts and replaces it while the burst lasts, emptying included", () => {
    const typing = ["a", "ac", "acm", "acme", "acm", "ac", "a", ""].map(q);
    expect(
      replays(
        typing,
        typing.map(() => 100),
      ),
    ).toEqual([false, true, true, true, true, true, true, true]);
  });

  it("starts a new entry after a pause, so Back returns to the view someone stopped on", () => {
    const typing = ["a", "ac", "acme", "north"].map(q);
    expect(replays(typing, [0, 100, 100, TYPING_BURST_MS + 1])).toEqual([false, true, true, false]);
  });

  it("starts a new entry for another box or any other change in between", () => {
    const acme = q("acme");
    const orgA = withFilter(acme, "cert_organization", { type: "contains", text: "a" });
    const orgAb = withFilter(orgA, "cert_organization", { type: "contains", text: "ab" });
    const sorted: ViewState = { ...orgAb, sort: [{ field: "id", dir: "asc" }] };
    const more = withSearch(sorted, "acmex");
    expect(replays([q("acm"), acme, orgA, orgAb, sorted, more], [0, 50, 50, 50, 50, 50])).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
  });
});
