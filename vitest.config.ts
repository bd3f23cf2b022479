import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      // Vite does not transform .cts files; under test the compiler gets TypeScript directly
      // (kernel/compiler/ts.cts only adds the V8 code cache, tested in test/compiler/code_cache.test.ts).
      { find: /^(?:\.\.?\/)+(?:compiler\/)?ts\.cjs$/, replacement: "typescript" },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30000,
    // First cells compile the engine's declarations: seconds on a loaded 2-core machine.
    hookTimeout: 60000,
  },
});
