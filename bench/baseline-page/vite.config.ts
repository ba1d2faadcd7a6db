import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Bench-only: this page is the AG Grid baseline. It is built into bench/baseline-page/dist and
// never shipped; apps/web does not depend on AG Grid.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
});
