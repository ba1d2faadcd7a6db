import { screen, waitFor, within } from "@testing-library/react";
import { buildIndex, exportFileName, parseView, queryUsedCodes, writeCsv } from "@voucher-desk/vouchers";
import { describe, expect, it, vi } from "vitest";
import { renderApp, usedCodesLines } from "../../../../test/render-app";
import {
  E7_CODE,
  FORMULA_ORG,
  HUGE_ORDER_ID,
  quirkyCodes,
  usedCodesResponse,
} from "../../../../test/used-codes";

const codes = quirkyCodes();

/** Captures what "Export CSV" hands the browser: the Blob, its object URL and the file name. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
    expect(this.href.startsWith("blob:")).toBe(true);
  });
  return { blobs, names };
}

/** The file's bytes as a plain array (jsdom's and Node's typed arrays come from different realms). */
async function bytesOf(blob: Blob): Promise<number[]> {
  return [...new Uint8Array(await blob.arrayBuffer())];
}

/** UTF-8 text keeping a BOM, so tests can see it. */
async function textOf(blob: Blob): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(await bytesOf(blob)));
}

describe("Export CSV", () => {
  it("writes exactly the view on screen: rows as filtered and sorted, visible columns in order", async () => {
    const downloads = captureDownloads();
    const url = "/?product=ssl_basic&product=ssl_dv_geotrust&sort=-corder&cols=corder,code,org,id";
    const { user, router } = renderApp(url, {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    });
    await screen.findByText(/^Showing 8 of 10/);

    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(downloads.blobs).toHaveLength(1));
    const blob = downloads.blobs[0] as Blob;
    expect(blob.type).toBe("text/csv;charset=utf-8");

    // The same bytes the shared writer gives for this URL's view (the server's CSV uses it too).
    const { view } = parseView(new URLSearchParams(router.state.location.searchStr));
    const expected = writeCsv(queryUsedCodes(buildIndex(codes), view), view.columns);
    expect(await bytesOf(blob)).toEqual([...new TextEncoder().encode(expected)]);
    expect(downloads.names[0]).toBe(exportFileName(view, new Date()));

    const text = await textOf(blob);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.indexOf("\uFEFF", 1)).toBe(-1);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("certificate_order_id,value,cert_organization,id");
    expect(lines.at(-1)).toBe("");

    // And in the order on screen: the CSV's ids are the table's ids, row for row.
    const table = screen.getByRole("table", { name: "Used voucher codes" });
    const shownIds = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell")[3]?.textContent);
    const csvIds = lines.slice(1, -1).map((line) => line.split(",").at(-1));
    expect(csvIds).toEqual(shownIds);
    expect(lines[1]?.startsWith(`${HUGE_ORDER_ID},${E7_CODE},`)).toBe(true);
  });

  it("neutralizes formula-looking text and keeps blanks empty", async () => {
    const downloads = captureDownloads();
    const { user } = renderApp("/?cols=id,org,corder&sort=id", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    });
    await screen.findByText(/^Showing 10 of 10/);
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(downloads.blobs).toHaveLength(1));
    const text = await textOf(downloads.blobs[0] as Blob);
    const formulaRow = codes.find((c) => c.cert_organization === FORMULA_ORG);
    const quoted = `"'${FORMULA_ORG.replaceAll('"', '""')}"`;
    expect(text).toContain(`${formulaRow?.id},${quoted},`);
    const blankRow = codes.find((c) => c.certificate_order_id === null);
    expect(text).toContain(`\r\n${blankRow?.id},${blankRow?.cert_organization},\r\n`);
    const blankOrg = codes.find((c) => c.cert_organization === null);
    expect(text).toContain(`\r\n${blankOrg?.id},,${blankOrg?.certificate_order_id}\r\n`);
  });

  it("copies the CSV report URL: the server CSV route with the same view, said to be just that", async () => {
    const url = "/?org=Soci%C3%A9t%C3%A9+%26+Co%2C+%22Ltd%22&sort=-corder,id";
    const { user, router } = renderApp(url, {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    });
    await screen.findByText(/^Showing 0 of 10/);
    // Named for what it copies (a CSV URL for scripts), not "share this page".
    const button = screen.getByRole("button", { name: "Copy CSV report URL" });
    expect(button.title).toBe("A URL that downloads this view as CSV, for scripts and scheduled reports");
    await user.click(button);
    // The feedback names what was copied, on the button and to screen readers.
    await waitFor(() => expect(button.textContent).toBe("CSV report URL copied"));
    expect(
      screen.getAllByRole("status").some((status) => status.textContent === "CSV report URL copied"),
    ).toBe(true);
    // user-event installs a clipboard stand-in; read back what the button wrote.
    const link = new URL(await navigator.clipboard.readText());
    expect(link.origin).toBe(window.location.origin);
    expect(link.pathname).toBe("/api/used-codes.csv");
    expect(link.search).toBe(router.state.location.searchStr);
    expect(parseView(link.searchParams).view).toEqual(parseView(new URLSearchParams(url.slice(2))).view);
    expect(parseView(link.searchParams).view.filters.cert_organization).toEqual({
      type: "contains",
      text: 'Société & Co, "Ltd"',
    });
  });
});
