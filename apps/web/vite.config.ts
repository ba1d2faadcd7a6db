/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: {
    // The BFF holds the DigiCert key; the dev server only forwards /api to it.
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  test: {
    name: "web",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
  },
});
