import { defineConfig } from "vitest/config"

/** The tests of the store that run on both dialects (the rest are SQLite's own or need no store). */
const storeSuite = [
  "test/store.test.ts",
  "test/fuzzy-films.test.ts",
  "test/dj-sets.test.ts",
  "test/dj-world.test.ts",
  "test/label-learned.test.ts",
  "test/host-pace.test.ts",
  "test/store-dialects.test.ts",
  "test/queue/queue-clock.test.ts",
  "test/queue/queue-store.test.ts",
  "test/queue/queue-workers.test.ts",
  "test/report/metrics-report.test.ts"
]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"] } },
      // The same store tests on a throwaway PostgreSQL server (Debian's postgresql package).
      { extends: true, test: { name: "postgres", include: storeSuite, env: { LINER_TEST_STORE: "postgres" }, globalSetup: ["test/support/postgres-global-setup.ts"] } }
    ]
  }
})
