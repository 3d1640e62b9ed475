import { describe, expect, it } from "@effect/vitest"
import { refusingPort } from "@liner/testkit"
import { ConfigProvider, Effect, Layer } from "effect"
import { Store, StoreLayer } from "../src/store/store.js"
import { displayLocation, isPostgresLocation, withoutPassword } from "../src/store/store-location.js"
import { faultOfCode } from "../src/store/store-fault.js"

// Where the store is: a PostgreSQL URL selects the server, anything else is a SQLite file, and
// a URL's password is never shown.

describe("the store's location", () => {
  it("is PostgreSQL for postgres:// and postgresql:// URLs, a SQLite file otherwise", () => {
    expect(isPostgresLocation("postgres://liner@db/liner")).toBe(true)
    expect(isPostgresLocation("postgresql://liner@db/liner")).toBe(true)
    expect(isPostgresLocation("POSTGRES://liner@db/liner")).toBe(true)
    expect(isPostgresLocation("/home/me/.local/share/liner/liner.db")).toBe(false)
    expect(isPostgresLocation("postgres.db")).toBe(false)
    expect(isPostgresLocation("./postgres://x")).toBe(false)
  })

  it("shows a URL with *** for its password, wherever the URL holds it", () => {
    expect(displayLocation("postgres://liner:s3cret@db.example:5432/liner")).toBe("postgres://liner:***@db.example:5432/liner")
    expect(displayLocation("postgresql://liner:p%40ss@db/liner?sslmode=require")).toBe("postgresql://liner:***@db/liner?sslmode=require")
    expect(displayLocation("postgres://liner@db/liner?password=s3cret")).toBe("postgres://liner@db/liner?password=***")
    expect(displayLocation("postgres://liner@db/liner")).toBe("postgres://liner@db/liner")
    expect(displayLocation("/tmp/liner.db")).toBe("/tmp/liner.db")
    expect(displayLocation("postgres://liner:s3cret@[bad")).not.toContain("s3cret")
    expect(withoutPassword("postgres://liner:s3cret@db/liner", "it said s3cret twice: s3cret")).toBe("it said *** twice: ***")
  })

  it.effect("an unreachable server: cannot_open at once, naming the URL without its password", () =>
    Effect.gen(function* () {
      const port = yield* Effect.promise(() => refusingPort())
      const url = `postgres://liner:hunter2secret@127.0.0.1:${port}/liner`
      const error = yield* Effect.flip(Effect.scoped(Effect.asVoid(Store.pipe(Effect.provide(StoreLayer.at(url))))))
      expect(error.fault).toBe("cannot_open")
      expect(error.message).toMatch(new RegExp(`^cannot open the database postgres://liner:\\*\\*\\*@127\\.0\\.0\\.1:${port}/liner: .*ECONNREFUSED`))
      expect(error.message).not.toContain("hunter2secret")
    })
  )

  it("reads PostgreSQL's codes as the faults they are", () => {
    expect(["ECONNREFUSED", "ENOTFOUND", "28P01", "3D000"].map(faultOfCode)).toEqual(["cannot_open", "cannot_open", "cannot_open", "cannot_open"])
    expect(faultOfCode("53100")).toBe("full")
    expect(faultOfCode("25006")).toBe("read_only")
    expect(faultOfCode("42P01")).toBeUndefined()
  })

  it.effect("LINER_DB_POOL must be a whole number of connections, 1 or more", () =>
    Effect.gen(function* () {
      for (const pool of ["0", "two", "1.5"]) {
        const failure = yield* Effect.flip(
          Effect.scoped(Layer.build(StoreLayer.fromEnv)).pipe(
            Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["LINER_DB", "postgres://liner@127.0.0.1:1/liner"], ["LINER_DB_POOL", pool]])))
          )
        )
        expect(String(failure)).toContain("LINER_DB_POOL")
      }
    })
  )
})
