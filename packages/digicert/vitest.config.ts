import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "digicert", include: ["src/**/*.test.ts"], environment: "node" },
});
