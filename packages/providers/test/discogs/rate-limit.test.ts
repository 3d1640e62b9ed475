import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { readRateHeaders, waitBeforeNext } from "../../src/discogs/rate-limit.js"

describe("Discogs' rate-limit headers", () => {
  it("are read from an answer, the limit defaulting to Discogs' 60", () => {
    expect(readRateHeaders({ "x-discogs-ratelimit": "25", "x-discogs-ratelimit-used": "5", "x-discogs-ratelimit-remaining": "20" }, 1000)).toEqual(
      Option.some({ limit: 25, remaining: 20, at: 1000 })
    )
    expect(readRateHeaders({ "x-discogs-ratelimit-remaining": "3" }, 0)).toMatchObject({ _tag: "Some", value: { limit: 60, remaining: 3 } })
    expect(readRateHeaders({}, 0)).toMatchObject({ _tag: "None" })
  })

  it("make the next request wait a whole window when none is left, spread the last few, and not wait otherwise", () => {
    const window = "60 seconds"
    expect(waitBeforeNext({ limit: 60, remaining: 0, at: 10_000 }, 10_500, window, 5)).toBe(59_500)
    expect(waitBeforeNext({ limit: 60, remaining: 3, at: 10_000 }, 10_200, window, 5)).toBe(800)
    expect(waitBeforeNext({ limit: 60, remaining: 30, at: 10_000 }, 10_000, window, 5)).toBe(0)
    // Long after the answer that said none was left: no wait.
    expect(waitBeforeNext({ limit: 60, remaining: 0, at: 10_000 }, 80_000, window, 5)).toBe(0)
  })
})
