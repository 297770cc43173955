import { defineConfig } from "vitest/config";

// End-to-end tests drive real Chromium against a running Sept app (SEPT_URL, default http://localhost:5100).
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
