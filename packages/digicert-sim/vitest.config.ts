import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "digicert-sim", include: ["src/**/*.test.ts"], environment: "node" },
});
