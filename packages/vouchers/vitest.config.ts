import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "vouchers", include: ["src/**/*.test.ts"], environment: "node" },
});
