import { describe, expect, it } from "vitest"
import { decide, defaultMatchRule, type MatchRule } from "../src/match/decide.js"

const rule: MatchRule = { minScore: 0.85, minMargin: 0.08 }
const scored = (...pairs: ReadonlyArray<readonly [string, number]>) =>
  pairs.map(([label, score]) => ({ candidate: { id: label }, label, score }))

describe("decide", () => {
  it("accepts a lone candidate above the minimum, its margin being its score", () => {
    expect(decide(scored(["a", 0.9]), rule)).toEqual({ _tag: "Accepted", candidate: { id: "a" }, score: 0.9, margin: 0.9 })
  })

  it("accepts the best when it beats the runner-up by the margin, whatever the input order", () => {
    const decision = decide(scored(["b", 0.8], ["a", 0.95], ["c", 0.2]), rule)
    expect(decision._tag).toBe("Accepted")
    if (decision._tag !== "Accepted") return
    expect(decision.candidate).toEqual({ id: "a" })
    expect(decision.margin).toBeCloseTo(0.15)
  })

  it("counts a margin of exactly minMargin despite floating point", () => {
    expect(decide(scored(["a", 0.93], ["b", 0.85]), rule)._tag).toBe("Accepted")
    expect(decide(scored(["a", 0.85], ["b", 0.77]), rule)._tag).toBe("Accepted")
  })

  it("answers ambiguous when two candidates are close, listing the close ones best first", () => {
    const decision = decide(scored(["b", 0.9], ["a", 0.95], ["c", 0.5]), rule)
    expect(decision).toEqual({ _tag: "Ambiguous", candidates: [{ label: "a", score: 0.95 }, { label: "b", score: 0.9 }] })
  })

  it("lists a close runner-up even when it is below the minimum", () => {
    const decision = decide(scored(["a", 0.88], ["b", 0.82]), rule)
    expect(decision).toEqual({ _tag: "Ambiguous", candidates: [{ label: "a", score: 0.88 }, { label: "b", score: 0.82 }] })
  })

  it("calls a tie ambiguous (merging duplicates is the caller's job)", () => {
    expect(decide(scored(["same", 1], ["same", 1]), rule)._tag).toBe("Ambiguous")
  })

  it("lists at most five candidates", () => {
    const many = scored(...Array.from({ length: 9 }, (_, i) => [`c${i}`, 0.99 - i * 0.001] as const))
    const decision = decide(many, rule)
    expect(decision._tag).toBe("Ambiguous")
    if (decision._tag === "Ambiguous") expect(decision.candidates).toHaveLength(5)
  })

  it("finds no match below the minimum, naming the best", () => {
    expect(decide(scored(["a", 0.7], ["b", 0.84]), rule)).toEqual({ _tag: "NoMatch", best: { label: "b", score: 0.84 } })
  })

  it("finds no match without candidates, and ignores non-finite scores", () => {
    expect(decide([], rule)).toEqual({ _tag: "NoMatch" })
    expect(decide(scored(["nan", Number.NaN]), rule)).toEqual({ _tag: "NoMatch" })
    expect(decide(scored(["nan", Number.NaN], ["a", 0.9]), rule)._tag).toBe("Accepted")
  })

  it("does not reorder the caller's array", () => {
    const input = scored(["b", 0.5], ["a", 0.9])
    decide(input, rule)
    expect(input.map((s) => s.label)).toEqual(["b", "a"])
  })

  it("uses the default rule when none is given", () => {
    expect(defaultMatchRule).toEqual({ minScore: 0.85, minMargin: 0.08 })
    expect(decide(scored(["a", 0.86]))._tag).toBe("Accepted")
    expect(decide(scored(["a", 0.84]))._tag).toBe("NoMatch")
  })
})
