import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Vitest globals are off, so Testing Library's automatic cleanup is not registered.
afterEach(() => cleanup());

// jsdom does no layout: with a zero-height scroll element the virtualizer renders no rows.
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 400 });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 800 });
