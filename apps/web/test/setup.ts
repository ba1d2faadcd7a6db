import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Vitest globals are off, so Testing Library's automatic cleanup is not registered.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// Queries run against 100k-row indexes and debounced inputs on a shared 2-core machine.
configure({ asyncUtilTimeout: 4000 });

// jsdom does no layout: with a zero-height scroll element the virtualizer renders no rows.
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 400 });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 800 });

// Browser APIs Radix's popover, menu and dialog use that jsdom lacks.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => {};
Element.prototype.scrollIntoView ??= () => {};
