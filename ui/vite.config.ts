import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { paraglideVitePlugin } from "@inlang/paraglide-js";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

// One build serves both transports: the desktop app embeds ui/dist, and
// `afirgen serve` serves the same files to browsers.
export default defineConfig({
  root,
  base: "./",
  // Keep Vite's and Vitest's caches in the one node_modules at the project root.
  cacheDir: "../node_modules/.vite",
  plugins: [
    // Compiles ui/messages/*.json into typed message functions in src/lib/paraglide
    // (generated, git-ignored). The locale is the app's own choice (lib/i18n.svelte.ts),
    // not a URL or cookie. Not under Vitest: its watcher kept the test run from exiting
    // for 10 s, and `npm run test:ui` compiles first (`i18n:ui`, as `check:ui` does).
    ...(process.env.VITEST ? [] : [paraglideVitePlugin({ project: `${root}project.inlang`, outdir: `${root}src/lib/paraglide`, strategy: ["baseLocale"] })]),
    svelte(),
  ],
  build: { outDir: "dist", emptyOutDir: true, target: "es2021", sourcemap: false },
  server: { port: 5173, strictPort: true },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
