import { defineConfig } from "vitest/config";

// Dev server proxies the API (and the SignalR websocket under /api/hub) to the local app.
const backend = process.env.SEPT_BACKEND ?? "http://localhost:5100";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  server: {
    port: 5173,
    proxy: { "/api": { target: backend, changeOrigin: false, ws: true } },
  },
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 2500 },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
