/**
 * Injected into both pages (ours and the AG Grid baseline) before any of their scripts run,
 * through Playwright's init script, so it needs no CSP allowance and ships with neither app.
 *
 * Timing rule, the same for every operation and both pages:
 *   start = the `timeStamp` of the first input event (pointerdown, keydown, input, change)
 *           after `arm()`: the moment the browser received the user's action;
 *   end   = right after the first frame, painted, in which the expected result is in the DOM:
 *           the check runs in requestAnimationFrame (before that frame paints) and the end
 *           time is taken by a message posted from there, which runs once the frame is done.
 * The expected result is a value computed by the harness from the same data, so an app that
 * answers wrong never counts as fast.
 */
(() => {
  const INPUTS = ["pointerdown", "mousedown", "keydown", "input", "change"];
  const state = { armedAt: null, inputAt: null, blobs: [] };

  for (const type of INPUTS) {
    window.addEventListener(
      type,
      (event) => {
        if (state.armedAt !== null && state.inputAt === null) state.inputAt = event.timeStamp;
      },
      { capture: true },
    );
  }

  // Both apps export through a Blob and an object URL: its creation marks the file as ready.
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object) => {
    if (object instanceof Blob) state.blobs.push({ at: performance.now(), size: object.size });
    return createObjectURL(object);
  };

  /** Resolves with the time right after the current frame has been produced. */
  function afterFrame() {
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    });
  }

  /** Polls `check` once per frame; resolves with the end of the first frame where it holds. */
  function untilPainted(check, timeoutMs, explain) {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const tick = () => {
        let ok = false;
        try {
          ok = check();
        } catch {
          ok = false;
        }
        if (ok) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
          return;
        }
        if (performance.now() - started > timeoutMs) {
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${explain()}`));
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  function scrollParent(el) {
    for (let node = el?.parentElement; node; node = node.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) return node;
    }
    return null;
  }

  const isAgGrid = () => document.querySelector(".ag-root") !== null;
  const text = (el) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

  /** The header cell of the column labelled `label`, in either table. */
  function header(label) {
    if (isAgGrid()) {
      return [...document.querySelectorAll(".ag-header-cell")].find(
        (h) => text(h.querySelector(".ag-header-cell-text")) === label,
      );
    }
    return [...document.querySelectorAll("table thead th")].find((th) => {
      const name = th.querySelector(".th-button__label") ?? th;
      return text(name) === label;
    });
  }

  /** The row at `index` of the current view, if it is rendered. */
  function rowAt(index) {
    if (isAgGrid()) return document.querySelector(`.ag-row[row-index="${index}"]`);
    return document.querySelector(`table tbody tr[data-index="${index}"]`);
  }

  function cellAt(index, label) {
    const h = header(label);
    const row = rowAt(index);
    if (!h || !row) return null;
    if (isAgGrid()) return row.querySelector(`.ag-cell[col-id="${h.getAttribute("col-id")}"]`);
    const column = [...h.parentElement.children].indexOf(h);
    return row.children[column] ?? null;
  }

  function statusText() {
    return text(
      [...document.querySelectorAll('[role="status"]')].find((el) =>
        /Showing [\d,]+ of [\d,]+ codes/.test(el.textContent),
      ),
    );
  }

  /** The count shown next to `value` in the facet list of the field labelled `legend`. */
  function facetCount(legend, value) {
    const set = [...document.querySelectorAll("fieldset")].find(
      (f) => text(f.querySelector("legend")) === legend,
    );
    for (const item of set ? set.querySelectorAll("label, li") : []) {
      const itemText = text(item);
      if (!itemText.startsWith(value)) continue;
      const count = itemText.slice(value.length).trim();
      if (/^[\d,]+$/.test(count)) return count;
    }
    return null;
  }

  const fmt = (n) => n.toLocaleString("en-US");

  /** The checks an operation can wait for, by name, with the harness's expected values. */
  const checks = {
    firstRow: ({ value }) => text(rowAt(0)).includes(value),
    status: ({ shown, total }) => statusText() === `Showing ${fmt(shown)} of ${fmt(total)} codes`,
    sortedBy: ({ label, asc, desc }) => {
      const dir = header(label)?.getAttribute("aria-sort");
      const expected = dir === "ascending" ? asc : dir === "descending" ? desc : undefined;
      return expected !== undefined && text(cellAt(0, label)).includes(expected);
    },
    facet: ({ legend, value, count }) => facetCount(legend, value) === fmt(count),
    blob: ({ since }) => state.blobs.some((b) => b.at >= since && b.size > 0),
  };

  // Set by the harness in an earlier init script: the voucher code the first row must show.
  const firstRowValue = window.__benchFirstRow;
  const firstPaint =
    firstRowValue === undefined
      ? null
      : untilPainted(
          () => checks.firstRow({ value: firstRowValue }),
          window.__benchFirstPaintTimeoutMs ?? 60_000,
          () => `first row "${firstRowValue}"`,
        );
  firstPaint?.catch(() => {});

  window.__bench = {
    /** Forget the last input; the next one starts the clock. */
    arm() {
      state.armedAt = performance.now();
      state.inputAt = null;
    },
    /**
     * Waits for the armed input, then for the first painted frame where `check` holds.
     * Resolves { ms } = end - input time.
     */
    async measure(name, args, timeoutMs = 30_000) {
      const check = checks[name];
      const waitStart = performance.now();
      while (state.inputAt === null) {
        if (performance.now() - waitStart > timeoutMs) throw new Error(`no input event arrived for ${name}`);
        await new Promise((r) => setTimeout(r, 1));
      }
      const since = state.inputAt;
      const end = await untilPainted(
        () => check({ ...args, since }),
        timeoutMs,
        () => `${name} ${JSON.stringify(args)}; status: "${statusText()}"`,
      );
      state.armedAt = null;
      return { ms: end - since };
    },
    /** Resolves once `check` holds in a painted frame (no input involved). */
    async settled(name, args, timeoutMs = 30_000) {
      await untilPainted(
        () => checks[name]({ ...args, since: 0 }),
        timeoutMs,
        () => `${name} ${JSON.stringify(args)}`,
      );
    },
    /**
     * First paint after data arrival: from the end of the /api/used-codes response to the
     * end of the first frame that shows the expected first row (watched from document start).
     * `fromRequest` starts the clock when the request was made instead: the transfer counts
     * too, so a page that parses while the bytes arrive gains nothing it did not earn.
     */
    async firstPaint() {
      if (!firstPaint) throw new Error("window.__benchFirstRow was not set before the page loaded");
      const end = await firstPaint;
      const entry = performance
        .getEntriesByType("resource")
        .find((e) => new URL(e.name).pathname === "/api/used-codes");
      if (!entry) throw new Error("no resource timing for /api/used-codes");
      return { ms: end - entry.responseEnd, fromRequest: end - entry.startTime };
    },
    /**
     * Scrolls the table through `rows` rows (or to its end), `perFrame` rows each frame, and
     * returns every frame's interval: a frame whose work overran its 16.7 ms slot shows up as
     * a longer interval between two animation frames.
     */
    async scroll(rows, perFrame, total) {
      const viewport = isAgGrid()
        ? document.querySelector(".ag-grid-viewport")
        : scrollParent(document.querySelector("table"));
      const first = rowAt(0);
      if (!viewport || !first) throw new Error("no scrollable table");
      const rowHeight = first.getBoundingClientRect().height;
      const target = Math.min(rowHeight * rows, viewport.scrollHeight - viewport.clientHeight);
      const intervals = [];
      let last = null;
      await new Promise((resolve) => {
        const frame = (now) => {
          if (last !== null) intervals.push(now - last);
          last = now;
          if (viewport.scrollTop >= target - 1) return resolve();
          viewport.scrollTop = Math.min(target, viewport.scrollTop + rowHeight * perFrame);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      // Let the last position render, then prove the table really got there.
      await afterFrame();
      const lastRow = Math.min(rows, total) - 1;
      return { intervals, reached: rowAt(lastRow) !== null, rowHeight };
    },
  };
})();
