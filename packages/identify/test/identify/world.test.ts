import { decodeSettings, compileModel } from "@liner/linkage"
import { listQueueItems, type Store, type StoreError, trackKey, withDb } from "@liner/core"
import { type DjWorld, generateDjWorld } from "@liner/testkit"
import { Effect, Either, type Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type IdentifyOutcome,
  makeIdentifier,
  readPlayIndex,
  recordFeedback,
  saveTrainedModel,
  type TrainedIdentifyModel,
  trainIdentifyModel
} from "../../src/index.js"
import { importRows, tempStore } from "../support/world-store.js"

// Identification on a generated DJ world with known truth (tools/testkit/src/dj-world.ts), on a
// real SQLite store: about 100 000 played tracks, the model trained by EM on its candidate pairs.
let store: ReturnType<typeof tempStore>
let world: DjWorld
let trained: TrainedIdentifyModel
let outcomes: ReadonlyArray<IdentifyOutcome>

const run = <A, E>(effect: Effect.Effect<A, E, Store>, layer: Layer.Layer<Store, StoreError> = store.layer): Promise<A> =>
  Effect.runPromise(Effect.scoped(effect.pipe(Effect.provide(layer))) as Effect.Effect<A, E | StoreError>)

/** The world's unknown tracks by the group key Liner gives them. */
const truthByGroup = () => new Map(world.unknownTracks.map((u) => [u.trackKey !== null ? `key:${u.trackKey}` : `title:${trackKey(u.title ?? "")}`, u]))

beforeAll(async () => {
  store = tempStore()
  world = generateDjWorld({ seed: 3, sets: 4000 })
  await run(importRows(world.rows))
  trained = await run(Effect.flatMap(readPlayIndex(), (index) => trainIdentifyModel(index)))
  await run(saveTrainedModel(trained))
  outcomes = await run(Effect.flatMap(makeIdentifier(), (identifier) => identifier.all()))
}, 120_000)
afterAll(() => store.remove())

describe("identification on a generated world", () => {
  it("asserts an artist only when it is right at least 95 % of the time, and finds a fair share", () => {
    const truth = truthByGroup()
    const identified = outcomes.filter((o) => o.answer.status === "identified")
    const right = identified.filter((o) => o.groupKey !== null && truth.get(o.groupKey)?.artist === o.answer.guesses[0]?.artist)
    expect(identified.length).toBeGreaterThan(100)
    expect(right.length / identified.length).toBeGreaterThanOrEqual(0.95)
    // Recall over the tracks whose context can name their artist (the benchmark prints it): loosely bounded here.
    const identifiable = world.unknownTracks.filter((u) => u.kind === "identifiable" && u.occurrences >= 2)
    expect(right.filter((o) => truth.get(o.groupKey!)?.kind === "identifiable").length / identifiable.length).toBeGreaterThan(0.35)
  })

  it("never groups a keyless ID – ID: each such play is insufficient on its own", () => {
    const keyless = outcomes.filter((o) => o.groupKey === null)
    expect(keyless).toHaveLength(world.keylessRows.length)
    expect(keyless.every((o) => o.answer.status === "insufficient" && o.answer.track.occurrences === 1 && o.answer.guesses.length === 0)).toBe(true)
    expect(new Set(keyless.map((o) => `${o.answer.track.sets[0]}`)).size).toBe(new Set(world.keylessRows.map((r) => r.set_id)).size)
  })

  it("explains each guess feature by feature: the prior and the features add up to its match weight", () => {
    const guess = outcomes.find((o) => o.answer.status === "identified")!.answer.guesses[0]!
    const prior = Math.log2(trained.settings.probability_two_random_records_match! / (1 - trained.settings.probability_two_random_records_match!))
    const sum = guess.explanation.reduce((total, e) => total + e.weight, prior)
    expect(sum).toBeCloseTo(guess.matchWeight!, 2)
    expect(guess.explanation.map((e) => e.feature)).toEqual(["adjacent_sets", "adjacency_lead", "dj_overlap", "played_by", "songstats_support", "candidate_popularity"])
    expect(guess.evidence.length).toBeGreaterThan(0)
    expect(guess.evidence.join("\n")).toMatch(/played next to .+ in \d+ of \d+ sets/)
  })

  it("trains a splink model the linkage engine reads back, term frequencies on the candidate column", () => {
    const decoded = Effect.runSync(decodeSettings(JSON.parse(JSON.stringify(trained.settings))))
    expect(decoded).toEqual(trained.settings)
    expect(Either.isRight(compileModel(decoded))).toBe(true)
    const popularity = decoded.comparisons.find((c) => c.output_column_name === "candidate_popularity")!
    expect(popularity.comparison_levels.find((l) => l.is_null_level !== true)).toMatchObject({ tf_adjustment_column: "candidate" })
    expect(trained.pairs).toBeGreaterThan(10_000)
    expect(trained.report.sessions.every((s) => s.converged)).toBe(true)
  })

  it("writes identified artists back: the tracks become known, their labels are learned, the others wait in the queue", async () => {
    const now = "2026-03-05T09:00:00.000Z"
    await run(recordFeedback(outcomes, { now, queue: "close-and-enter" }))
    const identified = outcomes.filter((o) => o.answer.status === "identified")
    const waiting = outcomes.filter((o) => o.answer.status !== "identified" && o.groupKey !== null)
    const queued = await run(listQueueItems({ kind: "identify", now }))
    expect(queued).toHaveLength(waiting.length)

    const again = await run(makeIdentifier())
    const after = await run(again.all())
    expect(after.map((o) => o.groupKey)).not.toContain(identified[0]!.groupKey)
    expect(after.length).toBe(outcomes.length - identified.length)
    const known = await run(again.one(identified[0]!.groupKey!, {}))
    expect(known).toMatchObject({ known: true, answer: { status: "identified", guesses: [{ artist: identified[0]!.answer.guesses[0]!.artist }] } })
    expect(known.answer.guesses[0]!.evidence[0]).toMatch(/^identified by Liner on 2026-03-05/)

    // What the label hunter learned from identifications (its own source).
    const learned = await run(withDb("read", (db) => db.selectFrom("label_observations").select(["artist", "label"]).where("source", "=", "identify").execute()))
    const labelled = identified.filter((o) => o.shownLabels.length > 0)
    expect(learned.length).toBeGreaterThan(0)
    expect(learned).toContainEqual({ artist: labelled[0]!.answer.guesses[0]!.artist, label: labelled[0]!.shownLabels[0] })
  })
})
