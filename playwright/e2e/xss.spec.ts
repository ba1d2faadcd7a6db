import { readFile } from "node:fs/promises";
import { PROXY } from "./servers";
import { expect, takeExpectedProblems, test } from "./test";

/**
 * Certificate requesters type the organization and common name, so those values are hostile
 * input. They must show as text, and the CSP must stop a script that got into the page anyway.
 * Runs on the proxy-mode BFF, whose simulator serves fixtures/hostile-used-codes.json.
 */
test.use({ baseURL: PROXY.url, extraHTTPHeaders: { [PROXY.header]: PROXY.user } });

interface FixtureRow {
  cert_organization: string;
  cert_common_name: string;
  certificate_order_id: string;
}

async function hostileRows(): Promise<FixtureRow[]> {
  const file = new URL("../fixtures/hostile-used-codes.json", import.meta.url);
  const { codes } = JSON.parse(await readFile(file, "utf8")) as { codes: FixtureRow[] };
  return codes.filter((row) => /[<>"]|javascript:/.test(row.cert_organization + row.cert_common_name));
}

test("organization and common-name values holding HTML or script render as text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const rows = await hostileRows();
  expect(rows.length).toBeGreaterThanOrEqual(3);

  await page.goto("/");
  const table = page.getByRole("table", { name: "Used voucher codes" });
  await expect(page.getByText("Showing 4 of 4 codes")).toBeVisible();
  for (const row of rows) {
    await expect(table.getByText(row.cert_organization, { exact: true })).toBeVisible();
    await expect(table.getByText(row.cert_common_name, { exact: true })).toBeVisible();
  }
  // Nothing the values spell became an element, an extra row, or ran.
  await expect(table.locator("tbody tr:not(.data-table__spacer)")).toHaveCount(4);
  await expect(page.locator("#injected, img, iframe, script:not([src])")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

  // The order drilldown shows the same values, from DigiCert's order answer.
  const hostile = rows[0] as FixtureRow;
  await table.getByRole("link", { name: hostile.certificate_order_id }).click();
  const dialog = page.getByRole("dialog", { name: `Order ${hostile.certificate_order_id}` });
  // (the organization line also carries the city: a substring match)
  await expect(dialog.getByText(hostile.cert_organization).first()).toBeVisible();
  await expect(dialog.getByText(hostile.cert_common_name, { exact: true }).first()).toBeVisible();
  await expect(page.locator("#injected, img, iframe, script:not([src])")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test("the CSP blocks an injected inline script and inline event handler", async ({
  page,
  consoleProblems,
}) => {
  await page.goto("/");
  await expect(page.getByText("Showing 4 of 4 codes")).toBeVisible();
  const violations = page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
          if (seen.length === 2) resolve(seen);
        });
      }),
  );

  // As if markup had slipped past React: a script element and an onerror handler.
  await page.addScriptTag({ content: "window.__injected = 'script';" }).catch(() => undefined);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img id="probe" src="/nope.png" onerror="window.__injected='handler'">`,
    );
  });

  expect((await violations).sort()).toEqual(["script-src-attr inline", "script-src-elem inline"]);
  expect(await page.evaluate(() => (window as { __injected?: unknown }).__injected)).toBeUndefined();
  // Chromium reports each refusal on the console: exactly these two, and nothing else.
  const refused = takeExpectedProblems(consoleProblems, /violates the following Content Security Policy/);
  expect(refused).toHaveLength(2);
});
