// Builds bench/main-thread-open.ts (the group-doc-open-browser baseline) as ES modules plus the
// Automerge wasm file, served under /bench-open/ by the bench's relay. Not part of the product build.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/bench-open/",
  publicDir: false,
  logLevel: "warn",
  build: {
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
    // Not library mode: it would inline the 3.6 MB wasm as base64, which the app does not do.
    rolldownOptions: {
      input: fileURLToPath(new URL("./main-thread-open.ts", import.meta.url)),
      preserveEntrySignatures: "strict",
      output: { entryFileNames: "main-thread-open.js" },
      checks: { bundlerTimings: false },
    },
  },
  optimizeDeps: { exclude: ["@automerge/automerge"] },
});
