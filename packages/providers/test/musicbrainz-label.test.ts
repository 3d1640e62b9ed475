import { FetchHttpClient } from "@effect/platform"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Effect, Layer, Ref } from "effect"
import { type Answer, type LabelFinding, type LabelQuery, RequestMeter } from "@liner/core"
import { type DefaultMusicBrainzCatalogue, defaultMusicBrainzCatalogue, type FakeMusicBrainz, startFakeMusicBrainz } from "@liner/testkit"
import { MusicBrainzConfig, musicBrainzClientLayer, musicBrainzLabelTier, searchableTitle } from "../src/index.js"

let server: FakeMusicBrainz
let data: DefaultMusicBrainzCatalogue

beforeEach(async () => {
  data = defaultMusicBrainzCatalogue()
  server = await startFakeMusicBrainz({ catalogue: data.catalogue, rate: 50 })
})
afterEach(async () => {
  await server.close()
})

const lookup = (query: LabelQuery) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const meter = yield* Ref.make(0)
      const answer = yield* musicBrainzLabelTier.lookup(query).pipe(Effect.provideService(RequestMeter, meter))
      return { answer, requests: yield* Ref.get(meter) }
    }).pipe(
      Effect.provide(
        musicBrainzClientLayer.pipe(
          Layer.provide(MusicBrainzConfig.make({ baseUrl: server.url, rate: 50, retry: { base: "20 millis", times: 3, maxRetryAfter: "5 seconds" } })),
          Layer.provide(FetchHttpClient.layer)
        )
      )
    )
  )

const found = (answer: Answer<LabelFinding>) => {
  if (answer._tag !== "Found") throw new Error(`expected Found, got ${JSON.stringify(answer)}`)
  return answer
}

describe("MusicBrainz label tier", () => {
  it("finds the label of the original official release: recording search, then one browse with labels", async () => {
    const { answer, requests } = await lookup({ title: "Solar Drift (Original Mix)", artist: "Marco Vesti & Anna Lunoe" })
    const hit = found(answer)
    expect(hit.value.label).toBe("Afterlife Records")
    expect(hit.value.catalogNumber).toBe("AL042")
    expect(hit.value.evidence).toEqual({
      url: `${server.url}/recording/${data.djTracks.solarDrift.recordingId}`,
      matchedTitle: "Solar Drift",
      matchedArtists: ["Anna Lunoe", "Marco Vesti"],
      score: 1
    })
    expect(requests).toBe(2)
    const [search, browse] = server.requests
    expect(search!.path).toBe("/ws/2/recording")
    expect(search!.query.get("query")).toBe('recording:"Solar Drift" AND artist:"Marco Vesti & Anna Lunoe"')
    expect(browse!.path).toBe("/ws/2/release")
    expect(browse!.query.get("recording")).toBe(data.djTracks.solarDrift.recordingId)
    expect(browse!.query.get("inc")).toBe("labels")
    expect(browse!.query.get("limit")).toBe("100")
  })

  it("matches a recording whose title carries another version", async () => {
    const { answer } = await lookup({ title: "Deep Water - Original Mix", artist: "Nora Fine" })
    expect(found(answer).value).toMatchObject({ label: "Anjunadeep", catalogNumber: "ANJDEE450" })
    expect(server.requests[0]!.query.get("query")).toBe('recording:"Deep Water" AND artist:"Nora Fine"')
  })

  it("refuses a recording first released the same day on two labels", async () => {
    const { answer } = await lookup({ title: "Lost Signal", artist: "Orbit Theory" })
    expect(answer._tag).toBe("Ambiguous")
    if (answer._tag === "Ambiguous") expect(answer.candidates.map((c) => c.label).sort()).toEqual(["Label Alpha", "Label Beta"])
  })

  it("tells same-title recordings apart by their artists", async () => {
    const { answer } = await lookup({ title: "Solar Drift", artist: "The Drifters Collective" })
    expect(found(answer).value.label).toBe("Wrong Label Records")
    expect(server.requestsTo("/ws/2/release")[0]!.query.get("recording")).toBe(data.djTracks.solarDriftOtherArtist.recordingId)
  })

  it("refuses a credit that names only some of the recording's artists", async () => {
    const { answer } = await lookup({ title: "Solar Drift", artist: "Anna Lunoe" })
    expect(answer._tag).toBe("NotFound")
    expect(server.requestsTo("/ws/2/release")).toHaveLength(0)
  })

  it("is skipped without an artist", async () => {
    const { answer, requests } = await lookup({ title: "Solar Drift" })
    expect(answer._tag).toBe("Skipped")
    expect(requests).toBe(0)
  })

  it("searches the title without brackets, credits and version suffixes", () => {
    expect(searchableTitle("Solar Drift (Original Mix) [Afterlife]")).toBe("Solar Drift")
    expect(searchableTitle("Deep Water - Extended Mix")).toBe("Deep Water")
    expect(searchableTitle("Night Call feat. Someone")).toBe("Night Call")
    expect(searchableTitle("Love - Hate")).toBe("Love - Hate")
  })
})
