// The PostgreSQL run of the store suite (vitest project "postgres"): one throwaway server for the
// whole run, each test's store a database of its own on it (test-store.ts).
import { type PostgresServerInfo, startPostgresServer } from "@liner/testkit"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    linerPostgres: PostgresServerInfo
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgresServer()
  project.provide("linerPostgres", { host: server.host, port: server.port, user: server.user, bin: server.bin })
  return () => server.stop()
}
