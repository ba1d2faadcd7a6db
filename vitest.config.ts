import { defineConfig } from "vitest/config";

// One Vitest run covers every package and app, so CI gets one JSON report to count.
// Each project keeps its own environment (the web app brings jsdom through apps/web/vite.config.ts).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/bff", "apps/web"],
  },
});
