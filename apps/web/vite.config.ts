import { defineConfig } from "vite";

// Preact through the automatic JSX runtime; no framework plugin is needed for a production build.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
});
