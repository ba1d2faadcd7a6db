/**
 * Page objects: how a person performs each benchmarked operation in each app. Ours is driven
 * through the roles and labels the dashboard issue mandates (header buttons, the "Product"
 * filter, "Search all fields", "Export CSV"); the AG Grid page through AG Grid's own UI or
 * the controls an AG Grid Community app would put next to it.
 *
 * Every operation has `act` (the timed input), and optionally `prepare` (untimed setup, such
 * as opening a popover) and `reset` (back to the unfiltered view, untimed).
 */

const exactName = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?: [\\d,]+)?$`);

export const ours = {
  name: "Voucher Desk",
  sort: (page, label) => ({
    act: () => page.locator("thead").getByRole("button", { name: label, exact: true }).click(),
  }),
  product: (page, name) => ({
    prepare: () => page.getByRole("button", { name: "Product", exact: true }).click(),
    act: () =>
      page
        .getByRole("dialog", { name: "Product filter" })
        .getByRole("checkbox", { name: exactName(name) })
        .click(),
    reset: async () => {
      await page
        .getByRole("dialog", { name: "Product filter" })
        .getByRole("checkbox", { name: exactName(name) })
        .click();
      await page.keyboard.press("Escape");
    },
  }),
  facet: (page, legend, value) => {
    const box = () =>
      page.getByRole("group", { name: legend }).getByRole("checkbox", { name: exactName(value) });
    return {
      prepare: () => page.getByRole("button", { name: "More filters", exact: true }).click(),
      act: () => box().click(),
      reset: async () => {
        await box().click();
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
  facet: (page, legend, value) => ({
    act: () => page.getByLabel(legend).selectOption(value),
    reset: () => page.getByLabel(legend).selectOption(""),
  }),
  searchBox: (page) => page.getByRole("searchbox", { name: "Search all fields" }),
  exportButton: (page) => page.getByRole("button", { name: "Export CSV" }),
};
