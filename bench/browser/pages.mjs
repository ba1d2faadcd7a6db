/**
 * Page objects: how a person performs each benchmarked operation in each app. Ours is driven
 * through the roles and labels the dashboard issue mandates (header buttons, the "Product"
 * filter, "Search all fields", "Export CSV"); the AG Grid page through AG Grid's own UI or
 * the controls an AG Grid Community app would put next to it.
 *
 * Every operation has `act` (the timed input), and optionally `prepare` (untimed setup, such
 * as opening a popover) and `reset(settled)` (back to the unfiltered view, untimed; `settled`
 * resolves once "Showing M of M codes" is painted).
 */

const exactName = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?: [\\d,]+)?$`);

// A popover trigger (it has aria-expanded), not the column header button of the same name;
// its name may carry " filter" and an active count ("Product filter, 1 active").
const toolbarButton = (page, name) =>
  page.getByRole("button", { name: new RegExp(`^${name}( filters?)?(, \\d+ active)?$`), expanded: false });

export const ours = {
  name: "Voucher Desk",
  sort: (page, label) => ({
    act: () => page.locator("thead").getByRole("button", { name: label, exact: true }).click(),
  }),
  product: (page, name) => {
    const box = () =>
      page.getByRole("dialog", { name: "Product" }).getByRole("checkbox", { name: exactName(name) });
    return {
      prepare: () => toolbarButton(page, "Product").click(),
      act: () => box().click(),
      reset: async (settled) => {
        await box().click();
        await settled();
        await page.keyboard.press("Escape");
      },
    };
  },
  facet: (page, input, key) => {
    const field = () => page.getByRole("spinbutton", { name: input });
    return {
      prepare: () => toolbarButton(page, "More filters").click(),
      act: () => field().press(key),
      // Close only once the view is back: closing unmounts the field before it commits.
      reset: async (settled) => {
        await field().fill("");
        await settled();
        await page.keyboard.press("Escape");
      },
    };
  },
  searchBox: (page) => page.getByRole("searchbox", { name: "Search all fields" }),
  exportButton: (page) => page.getByRole("button", { name: "Export CSV" }),
};

export const aggrid = {
  name: "AG Grid Community 36.2",
  sort: (page, label) => ({
    act: () =>
      page
        .locator(".ag-header-cell", {
          has: page.locator(".ag-header-cell-text", { hasText: exactName(label) }),
        })
        .locator(".ag-header-cell-label")
        .click(),
  }),
  product: (page, name) => ({
    act: () => page.getByLabel("Product").selectOption(name),
    reset: () => page.getByLabel("Product").selectOption(""),
  }),
  facet: (page, input, key) => ({
    act: () => page.getByRole("spinbutton", { name: input }).press(key),
    reset: () => page.getByRole("spinbutton", { name: input }).fill(""),
  }),
  searchBox: (page) => page.getByRole("searchbox", { name: "Search all fields" }),
  exportButton: (page) => page.getByRole("button", { name: "Export CSV" }),
};
