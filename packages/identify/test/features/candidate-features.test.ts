import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { afterEach } from "vitest"
import { type CandidateFeatures, candidateFeatures, makePlayIndex, type PlayIndex, readSnapshot, unknownTracks } from "../../src/index.js"
import { smallCatalogue } from "../support/small-catalogue.js"
import { importRows, tempStore } from "../support/world-store.js"

// The features of (track, candidate) pairs, counted on the hand-written catalogue (see its comment).
const stores: Array<{ remove: () => void }> = []
afterEach(() => stores.splice(0).forEach((s) => s.remove()))

const freshStore = () => {
  const s = tempStore()
  stores.push(s)
  return s.layer
}

const featuresOfT1 = Effect.gen(function* () {
  yield* importRows(smallCatalogue)
  const index = makePlayIndex(yield* readSnapshot(), { rosterSize: 8, topArtists: 5 })
  const track = unknownTracks(index.snapshot).find((t) => t.groupKey === "key:t-1")!
  return { index, features: candidateFeatures(index, track, { window: 2 }) }
})

const named = (index: PlayIndex, features: ReadonlyArray<CandidateFeatures>) => {
  const { snapshot } = index
  const sets = (ids: ReadonlyArray<number>) => ids.map((s) => snapshot.sets.sourceId[s]).sort()
  return new Map(
    features.map((f) => [
      snapshot.artists.name[f.artist],
      {
        nextTo: sets(f.nextToSets),
        near: sets(f.nearSets),
        lead: f.nextToLead,
        overlappingDjs: f.overlappingDjs.map((d) => snapshot.djs.name[d]),
        djIsCandidate: sets(f.djIsCandidateSets),
        labels: f.candidateLabels.map((l) => snapshot.labels.name[l]),
        labelsAround: f.labelsAround,
        labelSets: sets(f.labelSets),
        labelOwners: f.labelOwners.map((d) => snapshot.djs.name[d]),
        labelOwnerSets: sets(f.labelOwnerSets)
      }
    ])
  )
}

describe("candidate features", () => {
  it.effect("candidates come from the neighbours, the DJs who are artists, and the labels around the track", () =>
    Effect.gen(function* () {
      const { index, features } = yield* featuresOfT1
      // Solenne Marchetti is three positions away, but Polar Drift was played next to the track; DJ Kairo is no artist.
      expect([...named(index, features).keys()].sort()).toEqual(["Henrik Bäcklund", "Mara Lindqvist", "Solenne Marchetti", "Tomas Ek"])
    }).pipe(Effect.provide(freshStore()))
  )

  it.effect("count adjacency, its lead, DJ overlap elsewhere, the DJ being the candidate and label owners", () =>
    Effect.gen(function* () {
      const { index, features } = yield* featuresOfT1
      expect(named(index, features).get("Mara Lindqvist")).toEqual({
        nextTo: ["s1", "s2"],
        near: ["s1", "s2"],
        // Next to it in two sets; Henrik Bäcklund and Tomas Ek in one each.
        lead: 1,
        // Henrik Bäcklund plays her only in s2, where the track is; DJ Kairo in s3 and s5 too.
        overlappingDjs: ["DJ Kairo"],
        djIsCandidate: ["s1"],
        labels: ["Nightglass Records"],
        labelsAround: true,
        // Henrik Bäcklund's Nightglass record in s1; her own records say nothing new.
        labelSets: ["s1"],
        // Henrik Bäcklund releases on Nightglass: he owns her label, and played the track in s2.
        labelOwners: ["Henrik Bäcklund"],
        labelOwnerSets: ["s2"]
      })
    }).pipe(Effect.provide(freshStore()))
  )

  it.effect("compare labels by equality, not by presence", () =>
    Effect.gen(function* () {
      const { index, features } = yield* featuresOfT1
      const tomas = named(index, features).get("Tomas Ek")
      // Labels were played around the track (Nightglass), none of them his (Polar Drift).
      expect(tomas).toMatchObject({ nextTo: ["s2"], lead: -1, labels: ["Polar Drift"], labelsAround: true, labelSets: [], labelOwners: [] })
      // Her label-mate's Polar Drift record was next to it in s2: equal labels, though she was never near.
      expect(named(index, features).get("Solenne Marchetti")).toMatchObject({ nextTo: [], near: [], labels: ["Polar Drift"], labelSets: ["s2"] })
    }).pipe(Effect.provide(freshStore()))
  )
})
