import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { recordingLogger } from "../test-support/recording-logger.js";
import type { UsedCodesPageQuery } from "./client.js";
import { UpstreamError } from "./upstream-error.js";
import { PAGE_SIZE, PAGES_IN_FLIGHT, type UsedCodesSource, walkUsedCodes } from "./used-codes.js";

/** One upstream page: its rows' ids and what its `page` object says (null: no page object). */
interface FakePage {
  ids: number[];
  page: { total: number; limit?: number } | null;
}

/**
 * An upstream held in memory whose calls answer on a later turn of the event loop, each after
 * its own number of turns, so answers overlap and arrive out of order. It records every call
 * and how many were open at once.
 */
class FakeUpstream implements UsedCodesSource {
  /** Offsets asked for, in the order asked. */
  readonly asked: number[] = [];
  /** For each call, how many earlier calls had already answered when it was made. */
  readonly answeredBeforeAsk: number[] = [];
  open = 0;
  maxOpen = 0;
  #answered = 0;

  constructor(readonly pageAt: (offset: number) => FakePage | Error) {}

  async listUsedCodes(query: UsedCodesPageQuery): Promise<unknown> {
    expect(query).toMatchObject({ limit: PAGE_SIZE, sort: "id" });
    this.asked.push(query.offset);
    this.answeredBeforeAsk.push(this.#answered);
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    try {
      // Later pages of a pair answer first half of the time: order of arrival must not matter.
      for (let turn = 0; turn < 1 + ((query.offset / PAGE_SIZE) % 3); turn++) await nextTurn();
      const answer = this.pageAt(query.offset);
      if (answer instanceof Error) throw answer;
      return {
        codes: answer.ids.map((id) => ({ id, value: `CODE${id}` })),
        ...(answer.page ? { page: { offset: query.offset, ...answer.page } } : {}),
      };
    } finally {
      this.open--;
      this.#answered++;
    }
  }
}

/** `count` rows with ids 1..count, paged honestly. */
const honest =
  (count: number) =>
  (offset: number): FakePage => ({
    ids: range(offset + 1, Math.min(count, offset + PAGE_SIZE)),
    page: { total: count, limit: PAGE_SIZE },
  });

/** Starts a walk whose sink records each batch it is handed. */
function startWalk(upstream: FakeUpstream, pagesInFlight?: number) {
  const batches: number[][] = [];
  const walked = walkUsedCodes(upstream, recordingLogger(), {
    onNewCodes: (codes) => {
      batches.push(codes.map((c) => c.id));
    },
    ...(pagesInFlight === undefined ? {} : { pagesInFlight }),
  });
  return { walked, batches };
}

async function walkRecording(upstream: FakeUpstream, pagesInFlight?: number) {
  const { walked, batches } = startWalk(upstream, pagesInFlight);
  return { walk: await walked, batches };
}

describe("walkUsedCodes with pages in flight", () => {
  it("keeps two calls open by default", () => {
    expect(PAGES_IN_FLIGHT).toBe(2);
  });

  it.each([1, 2, 3])(
    "never has more than %i calls open, reads every page once in order, and asks for nothing past the total",
    async (pagesInFlight) => {
      const upstream = new FakeUpstream(honest(9_500));
      const { walk, batches } = await walkRecording(upstream, pagesInFlight);
      expect(walk.codes.map((c) => c.id)).toEqual(range(1, 9_500));
      expect(walk).toMatchObject({ pages: 10, unread: 0 });
      expect([...upstream.asked].sort((a, b) => a - b)).toEqual(range(0, 9).map((p) => p * PAGE_SIZE));
      expect(upstream.maxOpen).toBe(pagesInFlight);
      // The sink got each page's rows, in page order, before the walk ended.
      expect(batches).toEqual(range(0, 9).map((p) => range(p * 1000 + 1, Math.min(9_500, p * 1000 + 1000))));
    },
  );

  it("asks for the first page alone: its total says whether there is more", async () => {
    const upstream = new FakeUpstream(honest(3_000));
    await walkRecording(upstream);
    expect(upstream.asked[0]).toBe(0);
    expect(upstream.answeredBeforeAsk.slice(1).every((answered) => answered >= 1)).toBe(true);
  });

  it("makes one call for a list of one page", async () => {
    const upstream = new FakeUpstream(honest(999));
    const { walk } = await walkRecording(upstream);
    expect(walk.codes).toHaveLength(999);
    expect(upstream.asked).toEqual([0]);
  });

  it("hands on only rows not seen before, first copy first, across pages", async () => {
    // The list grew while it was read: page 2 starts with the last row of page 1 again.
    const upstream = new FakeUpstream((offset) => ({
      ids:
        offset === 0 ? range(1, 1000) : offset === 1000 ? [1000, ...range(1001, 1999)] : [1999, 2000, 2001],
      page: { total: 2_003, limit: PAGE_SIZE },
    }));
    const { walk, batches } = await walkRecording(upstream);
    expect(walk.codes.map((c) => c.id)).toEqual(range(1, 2001));
    expect(batches).toEqual([range(1, 1000), range(1001, 1999), [2000, 2001]]);
    expect(batches.flat()).toEqual(walk.codes.map((c) => c.id));
  });

  it("re-asks at the right offsets when upstream starts capping pages mid-walk", async () => {
    // Pages of 1000 up to offset 2000, then upstream caps them at 500.
    const total = 4_200;
    const upstream = new FakeUpstream((offset) => {
      const size = offset < 2000 ? 1000 : 500;
      return {
        ids: range(offset + 1, Math.min(total, offset + size)),
        page: { total, limit: size },
      };
    });
    const { walk } = await walkRecording(upstream);
    expect(walk.codes.map((c) => c.id)).toEqual(range(1, total));
    // 3000 was asked for when 2000 was expected to be full; after 2000 held 500 rows it was
    // dropped (and waited out), and 2500 asked for instead.
    expect(upstream.asked.slice(0, 4)).toEqual([0, 1000, 2000, 3000]);
    expect(upstream.asked).toContain(2500);
    expect(walk.unread).toBeGreaterThanOrEqual(1);
    expect(upstream.maxOpen).toBeLessThanOrEqual(PAGES_IN_FLIGHT);
  });

  it("stops when the total shrinks under the pages already asked for", async () => {
    const upstream = new FakeUpstream((offset) => ({
      ids: range(offset + 1, offset + 1000),
      page: { total: offset === 0 ? 5_000 : 2_000, limit: PAGE_SIZE },
    }));
    const { walk } = await walkRecording(upstream);
    expect(walk.codes.map((c) => c.id)).toEqual(range(1, 2000));
    expect(walk).toMatchObject({ pages: 2, unread: 1 });
  });

  it("takes a response without a page object as the whole list", async () => {
    const upstream = new FakeUpstream(() => ({ ids: range(1, 1500), page: null }));
    const { walk, batches } = await walkRecording(upstream);
    expect(walk.codes).toHaveLength(1500);
    expect(batches).toEqual([range(1, 1500)]);
    expect(upstream.asked).toEqual([0]);
  });

  it("fails when a page fails mid-walk, after handing on only the pages before it", async () => {
    const failure = new UpstreamError("unavailable", "DigiCert is unavailable (503)");
    const upstream = new FakeUpstream((offset) => (offset === 3000 ? failure : honest(8_000)(offset)));
    const { walked, batches } = startWalk(upstream);
    await expect(walked).rejects.toBe(failure);
    expect(batches).toEqual([range(1, 1000), range(1001, 2000), range(2001, 3000)]);
    // The page asked for ahead of the failed one settles on its own, unread; nothing else is asked.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upstream.open).toBe(0);
    expect(Math.max(...upstream.asked)).toBe(4000);
  });

  it("fails when a page ahead fails, and not before the walk reaches it", async () => {
    const failure = new UpstreamError("timeout", "DigiCert timed out");
    const upstream = new FakeUpstream((offset) => (offset === 2000 ? failure : honest(5_000)(offset)));
    const { walked, batches } = startWalk(upstream);
    await expect(walked).rejects.toBe(failure);
    expect(batches).toEqual([range(1, 1000), range(1001, 2000)]);
  });

  it("fails when the sink fails, and reads no further page", async () => {
    const upstream = new FakeUpstream(honest(6_000));
    let handed = 0;
    const walked = walkUsedCodes(upstream, recordingLogger(), {
      onNewCodes: async () => {
        handed++;
        if (handed === 2) throw new Error("out of memory for the answer");
      },
    });
    await expect(walked).rejects.toThrow("out of memory for the answer");
    expect(handed).toBe(2);
  });

  it("turns a body that is not a used-codes list into bad_response", async () => {
    const upstream = new FakeUpstream(() => ({ ids: [], page: null }));
    upstream.listUsedCodes = async () => ({ codes: "none" });
    const failure = await walkUsedCodes(upstream, recordingLogger()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).kind).toBe("bad_response");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %d pages in flight", async (pagesInFlight) => {
    const upstream = new FakeUpstream(honest(10));
    await expect(walkUsedCodes(upstream, recordingLogger(), { pagesInFlight })).rejects.toThrow(RangeError);
    expect(upstream.asked).toEqual([]);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
