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
    // expect.poll waits for a browser or the sync to catch up; a shared, loaded machine can
    // take seconds where an idle one takes milliseconds (the default is 1 s).
    expect: { poll: { timeout: 15_000 } },
    reporters: ["default"],
  },
});
