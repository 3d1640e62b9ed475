import { describe, expect, it } from "@effect/vitest"
import { type DjWorld, generateDjWorld, makeTempDir } from "@liner/testkit"
import { Effect, Either } from "effect"
import { afterEach } from "vitest"
import { parseDjList } from "../src/sets/dj-list.js"
import { groupSetRows, type NumberedSetRow } from "../src/sets/dj-set.js"
import { decodeSetRow } from "../src/sets/set-row.js"
import { isUnknownArtist } from "../src/sets/unknown-markers.js"
import { djSetCounts, importDjSets, playsOfTitleKey, playsOfTrackKey } from "../src/store/dj-sets.js"
import { artistKeys, trackKey } from "../src/store/label-knowledge.js"
import { StoreLayer } from "../src/store/store.js"
import { freshStoreLocation } from "./support/test-store.js"

// The generated DJ world (tools/testkit) is the ground truth of issue 9's identification tests
// and benchmark: it must be the same for a seed, and its truth must say what its rows hold.
const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const world = generateDjWorld({ seed: 11, sets: 160 })

/** Rows that are occurrences of an unknown track: its key, else its title with an unknown artist. */
const occurrencesOf = (w: DjWorld, track: DjWorld["unknownTracks"][number]) =>
  w.rows.filter((r) => (track.trackKey !== null ? r.track_key === track.trackKey : r.track_key === "" && r.title === track.title && isUnknownArtist(r.artist)))

/** Every name the rows show: the artists of their credits and their DJs. */
const namesShown = (w: DjWorld): ReadonlySet<string> =>
  new Set(w.rows.flatMap((r) => [...artistKeys(r.artist).map((a) => a.name), ...parseDjList(r.dj).map((d) => d.name)]))

describe("the generated DJ world", () => {
  it("is the same for a seed and another for another seed", () => {
    expect(generateDjWorld({ seed: 11, sets: 160 })).toEqual(world)
    expect(generateDjWorld({ seed: 12, sets: 160 }).rows).not.toEqual(world.rows)
  })

  it("has the contract's columns, sets numbered in play order, and the size asked for", () => {
    expect(new Set(world.rows.map((r) => r.set_id)).size).toBe(160)
    expect(world.rows.length).toBeGreaterThan(160 * 20)
    expect(world.rows.length).toBeLessThan(160 * 30)
    for (const row of world.rows) expect(Object.keys(row)).toEqual(["set_id", "dj", "date", "position", "artist", "title", "label", "track_key"])
    const positions = new Map<string, Array<number>>()
    for (const row of world.rows) positions.set(row.set_id, [...(positions.get(row.set_id) ?? []), row.position])
    for (const list of positions.values()) expect(list).toEqual(list.map((_, i) => i + 1))
    // Back-to-back sets, non-ASCII names and every unknown marker are part of the world.
    expect(world.rows.some((r) => / & |, /.test(r.dj))).toBe(true)
    expect(world.rows.some((r) => /[^ -~]/.test(r.artist))).toBe(true)
    for (const marker of ["ID", "Unknown", "Unknown Artist", ""]) expect(world.rows.some((r) => r.artist === marker)).toBe(true)
  })

  it("has a truth that says what its rows hold", () => {
    const kinds = new Set(world.unknownTracks.map((t) => t.kind))
    expect(kinds).toEqual(new Set(["identifiable", "decoy", "ambiguous"]))
    const shown = namesShown(world)
    const labelsByName = new Map(world.labels.map((l) => [l.name, l]))
    for (const track of world.unknownTracks) {
      expect(occurrencesOf(world, track)).toHaveLength(track.occurrences)
      const label = labelsByName.get(track.label)
      if (track.kind === "decoy") {
        // Its artist is on the label's books but never appears in any set.
        expect(label?.hidden).toContain(track.artist)
        expect(shown.has(track.artist)).toBe(false)
      } else {
        expect(label?.roster).toContain(track.artist)
        expect(world.artists).toContain(track.artist)
        expect(shown.has(track.artist)).toBe(true)
      }
      if (track.kind === "ambiguous") {
        // Two label-mates, both DJs, each playing it.
        expect(track.plausible).toHaveLength(2)
        expect(track.plausible).toContain(track.artist)
        for (const twin of track.plausible) expect(world.djs.find((d) => d.name === twin)?.isArtist).toBe(true)
        // Played in pairs: once in a set of each twin.
        expect(track.occurrences % 2).toBe(0)
        for (const twin of track.plausible) {
          const byTwin = occurrencesOf(world, track).filter((r) => parseDjList(r.dj).some((d) => d.name === twin))
          expect(byTwin.length).toBeGreaterThanOrEqual(track.occurrences / 2)
        }
      } else expect(track.plausible).toEqual([track.artist])
    }
    // An unknown track's title is nobody's known title: grouping by title finds only it.
    const titled = new Set(world.unknownTracks.flatMap((t) => (t.title === null ? [] : [trackKey(t.title)])))
    expect(world.rows.filter((r) => !isUnknownArtist(r.artist) && titled.has(trackKey(r.title)))).toEqual([])
    // The keyless ID – ID rows are exactly the rows without key, artist or title.
    const keyless = world.rows.filter((r) => r.track_key === "" && r.artist === "ID" && r.title === "ID").map((r) => `${r.set_id}#${r.position}`)
    expect(world.keylessRows.map((r) => `${r.set_id}#${r.position}`)).toEqual(keyless)
    expect(keyless.length).toBeGreaterThan(0)
    // Every label is owned by one of its own artists, who plays sets.
    for (const label of world.labels) {
      expect(label.roster).toContain(label.owner)
      expect(world.djs.find((d) => d.name === label.owner)?.isArtist).toBe(true)
    }
  })

  it.effect("imports without a rejected row, and the store groups each unknown track as the truth does", () =>
    Effect.gen(function* () {
      const rows: Array<NumberedSetRow> = world.rows.map((cells, i) => {
        const row = decodeSetRow(cells)
        if (Either.isLeft(row)) throw new Error(`row ${i}: ${row.left}`)
        return { line: i + 2, row: row.right }
      })
      const { sets, rejected } = groupSetRows(rows)
      expect(rejected).toEqual([])
      yield* importDjSets(sets, { now: "2026-03-01T00:00:00.000Z" })
      expect(yield* djSetCounts()).toMatchObject({ sets: 160, playedTracks: world.rows.length })
      for (const track of world.unknownTracks) {
        const plays = track.trackKey !== null ? yield* playsOfTrackKey(track.trackKey) : yield* playsOfTitleKey(trackKey(track.title ?? ""), { artistUnknown: true })
        expect(plays).toHaveLength(track.occurrences)
      }
    }).pipe(
      Effect.provide(
        StoreLayer.at(
          (() => {
            const dir = makeTempDir()
            dirs.push(dir)
            return freshStoreLocation(dir.path)
          })()
        )
      )
    )
  )
})
