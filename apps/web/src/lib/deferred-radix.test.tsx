import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as Radix from "radix-ui";
import { beforeEach, describe, expect, it, vi } from "vitest";

type Primitives = typeof import("./deferred-radix");
/** Radix itself, to compare with: the deferred parts take the same props. */
const radix = Radix as unknown as Primitives;

/** A fresh copy of the module, so its primitives have not arrived yet. */
async function freshDeferred(): Promise<Primitives> {
  vi.resetModules();
  return import("./deferred-radix");
}

function ColumnsMenu({ lib, onPick }: { lib: Primitives; onPick: (name: string) => void }) {
  const { DropdownMenu } = lib;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="toolbar-button">
          Columns
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content aria-label="Visible columns">
          <DropdownMenu.Label>Visible columns</DropdownMenu.Label>
          <DropdownMenu.CheckboxItem checked onCheckedChange={() => onPick("Id")}>
            <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
            Id
          </DropdownMenu.CheckboxItem>
          <DropdownMenu.Separator />
          <DropdownMenu.Item onSelect={() => onPick("Reset")}>Reset</DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function ProductPopover({ lib, onClick }: { lib: Primitives; onClick?: () => void }) {
  const { Popover } = lib;
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="toolbar-button" aria-label="Product filter" onClick={onClick}>
          Product
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content aria-label="Product filter">
          <label>
            <input type="checkbox" /> Basic OV
          </label>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** Says whether a load failed, through the given copy of the code-unavailable module's hook. */
function CodeNotice({ useNotice }: { useNotice: () => { unavailable: boolean } }) {
  return useNotice().unavailable ? <p>could not load</p> : null;
}

/** What a person and a screen reader can tell after each step, to compare with Radix itself. */
function observed() {
  const active = document.activeElement as HTMLElement | null;
  return {
    focus: active
      ? `${active.getAttribute("role") ?? active.tagName.toLowerCase()}: ${active.textContent?.trim()}`
      : null,
    expanded: screen.getAllByRole("button")[0]?.getAttribute("aria-expanded"),
    open: document.querySelector("[role=menu],[role=dialog]") !== null,
  };
}

let lib: Primitives;
beforeEach(async () => {
  lib = await freshDeferred();
});

describe("deferred Radix, before its primitives arrive", () => {
  it("draws the trigger alone, with a closed trigger's ARIA, and no content", () => {
    render(
      <>
        <ColumnsMenu lib={lib} onPick={() => {}} />
        <ProductPopover lib={lib} />
      </>,
    );
    const columns = screen.getByRole("button", { name: "Columns" });
    expect(columns.getAttribute("aria-haspopup")).toBe("menu");
    expect(columns.getAttribute("aria-expanded")).toBe("false");
    expect(columns.getAttribute("data-state")).toBe("closed");
    expect(columns.className).toBe("toolbar-button");
    const product = screen.getByRole("button", { name: "Product filter" });
    expect(product.getAttribute("aria-haspopup")).toBe("dialog");
    expect(product.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("a click opens the popover as Radix does, keeps the button's own handler, and Esc gives focus back", async () => {
    for (const which of [lib, radix]) {
      const onClick = vi.fn();
      const user = userEvent.setup();
      const { unmount } = render(<ProductPopover lib={which} onClick={onClick} />);
      await user.click(screen.getByRole("button", { name: "Product filter" }));
      const dialog = await screen.findByRole("dialog", { name: "Product filter" });
      await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
      expect(observed()).toEqual({ focus: "input: ", expanded: "true", open: true });
      expect(onClick).toHaveBeenCalledTimes(1);
      await user.keyboard("{Escape}");
      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
      expect(observed()).toEqual({ focus: "button: Product", expanded: "false", open: false });
      unmount();
    }
  });

  it("a menu opened with Enter focuses its first item, as Radix does by keyboard; a press focuses the menu", async () => {
    const results: Record<string, unknown> = {};
    for (const [name, which] of [
      ["deferred", lib],
      ["radix", radix],
    ] as const) {
      const onPick = vi.fn();
      const user = userEvent.setup();
      const { unmount } = render(<ColumnsMenu lib={which} onPick={onPick} />);
      await user.tab();
      await user.keyboard("{Enter}");
      await screen.findByRole("menu");
      await waitFor(() => expect(document.activeElement?.getAttribute("role")).toBe("menuitemcheckbox"));
      const byKeyboard = observed();
      await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
      expect(onPick).toHaveBeenLastCalledWith("Reset");
      await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
      const closed = observed();
      await user.click(screen.getByRole("button", { name: "Columns" }));
      await screen.findByRole("menu");
      results[name] = { byKeyboard, closed, byPointer: observed() };
      unmount();
    }
    expect(results.deferred).toEqual(results.radix);
    expect(results.radix).toMatchObject({
      byKeyboard: { focus: "menuitemcheckbox: ✓Id", expanded: "true", open: true },
      closed: { focus: "button: Columns", expanded: "false", open: false },
    });
  });

  it("opens when the primitives arrive after the press, and not twice for two presses", async () => {
    const user = userEvent.setup();
    render(<ColumnsMenu lib={lib} onPick={() => {}} />);
    const trigger = screen.getByRole("button", { name: "Columns" });
    // No hover or idle time first: the press itself loads them.
    await user.pointer({ keys: "[MouseLeft>]", target: trigger });
    await user.pointer({ keys: "[MouseLeft>]", target: trigger });
    expect(await screen.findByRole("menu")).toBeTruthy();
    expect(screen.getAllByRole("menu")).toHaveLength(1);
  });
});

describe("deferred Radix, when its primitives are slow to arrive", () => {
  it("a press or key elsewhere meanwhile is a newer intent: the popover does not open over it", async () => {
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    vi.doMock("./radix-primitives", async () => {
      await arrived;
      return vi.importActual("./radix-primitives");
    });
    try {
      const slow = await freshDeferred();
      const user = userEvent.setup();
      render(
        <>
          <ProductPopover lib={slow} />
          <input aria-label="Search" />
        </>,
      );
      const waiting = screen.getByRole("button", { name: "Product filter" });
      await user.click(waiting);
      await user.click(screen.getByLabelText("Search"));
      await user.keyboard("north");
      arrive();
      // Radix's trigger took the waiting one's place, and nothing opened or took focus.
      await waitFor(() => expect(waiting.isConnected).toBe(false));
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(document.activeElement).toBe(screen.getByLabelText("Search"));
      expect((screen.getByLabelText("Search") as HTMLInputElement).value).toBe("north");
      // The next click opens it at once.
      await user.click(screen.getByRole("button", { name: "Product filter" }));
      expect(await screen.findByRole("dialog")).toBeTruthy();
    } finally {
      vi.doUnmock("./radix-primitives");
    }
  });
});

describe("deferred Radix, when its primitives cannot be fetched", () => {
  it("a press says part of the page could not load, and the next press tries again", async () => {
    let fail = true;
    vi.doMock("./radix-primitives", async () => {
      if (fail) throw new TypeError("Failed to fetch dynamically imported module");
      return vi.importActual("./radix-primitives");
    });
    try {
      const offline = await freshDeferred();
      // The fresh module copy's own notice, the one the fresh deferred module reports to.
      const { useCodeUnavailable } = await import("./code-unavailable");
      const user = userEvent.setup();
      render(
        <>
          <ProductPopover lib={offline} />
          <CodeNotice useNotice={useCodeUnavailable} />
        </>,
      );
      await user.click(screen.getByRole("button", { name: "Product filter" }));
      expect(await screen.findByText("could not load")).toBeTruthy();
      expect(screen.queryByRole("dialog")).toBeNull();

      fail = false;
      await user.click(screen.getByRole("button", { name: "Product filter" }));
      expect(await screen.findByRole("dialog")).toBeTruthy();
    } finally {
      vi.doUnmock("./radix-primitives");
    }
  });
});

describe("deferred Radix, after its primitives arrived", () => {
  it("a Root mounted later is Radix from the start: opening it keeps its trigger", async () => {
    const user = userEvent.setup();
    const first = render(<ProductPopover lib={lib} />);
    const waiting = screen.getByRole("button", { name: "Product filter" });
    await user.click(waiting);
    await screen.findByRole("dialog");
    // The waiting trigger made way for Radix's own.
    expect(waiting.isConnected).toBe(false);
    first.unmount();

    render(<ProductPopover lib={lib} />);
    const trigger = screen.getByRole("button", { name: "Product filter" });
    await user.click(trigger);
    await screen.findByRole("dialog");
    expect(trigger.isConnected).toBe(true);
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
  });
});
