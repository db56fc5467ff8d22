import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/**/*.test.ts", "app/**/*.test.ts", "models/**/*.test.ts", "search/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // Integration and e2e tests share one running hub and database: run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
