import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** Copies the chart libraries to dist/export/, where the server inlines them into HTML/PDF exports
 * (functions/Sept.Functions/Publishing/ExportAssets.cs). */
function exportAssets(): Plugin {
  const files = { "export/vega.min.js": "vega/build/vega.min.js", "export/vega-lite.min.js": "vega-lite/build/vega-lite.min.js" };
  return {
    name: "sept-export-assets",
    apply: "build",
    generateBundle() {
      for (const [fileName, module] of Object.entries(files)) this.emitFile({ type: "asset", fileName, source: readFileSync(fileURLToPath(new URL(`node_modules/${module}`, import.meta.url))) });
    },
  };
}

// Dev server proxies the API (and the SignalR websocket under /api/hub) to the local app.
const backend = process.env.SEPT_BACKEND ?? "http://localhost:5100";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [exportAssets()],
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
