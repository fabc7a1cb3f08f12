import { defineConfig } from "vitest/config";

// Deliberately no vite-plugin-solid here: it switches tests to jsdom, where libsodium and
// Uint8Array-based storage break (realm mismatch). Everything tested by Vitest runs on Node;
// the UI is tested in real Chromium by the e2e project against the built PWA.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: [
            "shared/**/*.test.ts",
            "sync-server/**/*.test.ts",
            "client/src/core/**/*.test.ts",
            "client/src/i18n/**/*.test.ts",
            // The organization's dashboard: its pure formatting (the screens are tested in Chromium).
            "client/src/org/**/*.test.ts",
            "testing/**/*.test.ts",
            "bench/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/node_modules/**", "**/dist/**", "data/**"],
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "data/**"],
          // Each file starts relays and a real Chromium; the machine has 2 cores, so one file at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
