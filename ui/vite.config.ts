import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

// One build serves both transports: the desktop app embeds ui/dist, and
// `afirgen serve` serves the same files to browsers.
export default defineConfig({
  root,
  base: "./",
  // Keep Vite's and Vitest's caches in the one node_modules at the project root.
  cacheDir: "../node_modules/.vite",
  plugins: [svelte()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2021", sourcemap: false },
  server: { port: 5173, strictPort: true },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
