import type {
  FakeCatalogue,
  MbArtist,
  MbCredit,
  MbLabel,
  MbLabelInfo,
  MbRecording,
  MbRelease,
  MbReleaseGroup,
  MbUrl,
  MbWork
} from "./catalogue.js"

/**
 * Turns catalogue facts into the JSON the real ws/2 sends, with its quirks:
 * - lookups and browses send every key (`[]`, `""`, `null`); search answers omit empty keys;
 * - media list `tracks` in lookups and `track` in search answers;
 * - relations spell the target `release_group`, with null types on the nested release group;
 * - what a lookup contains depends on `inc` (artist-credits, labels, recordings, rels…).
 * Shapes follow the recorded payloads in `fixtures/musicbrainz/`.
 */

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json | undefined }
type JsonObject = { [key: string]: Json | undefined }

const STATUS_IDS: Readonly<Record<string, string>> = {
  Official: "4e304316-386d-3409-af2e-78857eec5cfe",
  Promotion: "518ffc83-5cde-34df-8627-81bff5093d92",
  Bootleg: "1156806e-d06a-38bd-83f0-cf2284a808b9",
  "Pseudo-Release": "41121bb9-3413-3818-8a9a-9742318349aa"
}

const TYPE_IDS: Readonly<Record<string, string>> = {
  Album: "f529b476-6e62-324f-b0aa-1f3e33d313fc",
  Single: "d6038452-8ee0-3f68-affc-2de9a1ede0b9",
  EP: "6d0c5bf6-7a33-3420-a519-44fc63eedebf",
  Other: "4fc3be2b-de1e-396b-a933-beb8f1607a22",
  Soundtrack: "22a628ad-c082-3c4f-b1b6-d41665107b88",
  Compilation: "dd2a21e1-0c00-3729-a7a0-de60b84eb5d1",
  Remix: "0c60f497-ff81-3818-befd-abfc84a4858b",
  Live: "6fd474e2-6b58-3102-9d17-d6f7eb7da0a0",
  "DJ-mix": "0d47f47a-3fe5-3d69-ac9d-d566c23968bf"
}

export const LINK_TYPE_IDS = {
  imdb: "85b0a010-3237-47c7-8476-6fcefd4761af",
  samplesImdb: "dad34b86-5a1a-4628-acf5-a48ccb0785f2",
  performance: "a3005666-a872-32c3-ad06-98af558e99b0",
  composer: "d59d99ea-23d4-4a80-b066-edca32ee158f",
  lyricist: "3e48faba-ec01-47fd-8e89-30e81161661c",
  writer: "a255bca1-b157-4518-9108-7b147dc3fc68",
  vocal: "0fdbe3c6-7700-4a31-ae54-b53f06ae1cfa"
} as const

const AREAS: Readonly<Record<string, { readonly id: string; readonly name: string }>> = {
  XW: { id: "525d4e18-3d00-31b9-a58b-a146a916de8f", name: "[Worldwide]" },
  US: { id: "489ce91b-6658-3307-9877-795b68554c98", name: "United States" },
  GB: { id: "8a754a16-0027-3a29-b6d7-2b40ea0481ed", name: "United Kingdom" },
  IN: { id: "d3a68bd0-7419-3f99-a5bd-204d6e057089", name: "India" }
}

const typeId = (name: string | null): string | null => (name === null ? null : (TYPE_IDS[name] ?? null))
const statusId = (status: string | null): string | null => (status === null ? null : (STATUS_IDS[status] ?? null))

/** Drops the keys a search answer leaves out: undefined, null, "" and []. */
const omitEmpty = (o: JsonObject): JsonObject => {
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) continue
    out[k] = v
  }
  return out
}

/** The inc switches of a request (`inc=a+b` arrives URL-decoded as "a b"). */
export class Includes {
  private readonly set: ReadonlySet<string>
  constructor(raw: string | null) {
    this.set = new Set((raw ?? "").split(/[ +]/).filter((s) => s !== ""))
  }
  has(name: string): boolean {
    return this.set.has(name)
  }
  get all(): ReadonlyArray<string> {
    return [...this.set]
  }
  get anyRels(): boolean {
    return [...this.set].some((s) => s.endsWith("-rels"))
  }
}

// ---------------------------------------------------------------------------------------------
// Lookup / browse shapes (every key present).

const artistLookup = (a: MbArtist): JsonObject => ({
  id: a.id,
  name: a.name,
  "sort-name": a.sortName,
  type: a.type,
  "type-id": a.type === "Person" ? "b6e035f4-3ce9-331c-97df-83397230b0df" : null,
  disambiguation: "",
  country: null
})

const creditLookup = (credit: ReadonlyArray<MbCredit>): Json =>
  credit.map((c) => ({ name: c.name, joinphrase: c.joinphrase, artist: artistLookup(c.artist) }))

const area = (country: string): JsonObject => {
  const known = AREAS[country] ?? { id: "00000000-0000-4000-a000-000000000000", name: country }
  return {
    id: known.id,
    name: known.name,
    "sort-name": known.name,
    "iso-3166-1-codes": [country],
    disambiguation: "",
    type: null,
    "type-id": null
  }
}

const relationBase = (type: string, typeIdValue: string, targetType: string, direction: "forward" | "backward"): JsonObject => ({
  type,
  "type-id": typeIdValue,
  "target-type": targetType,
  direction,
  attributes: [],
  "attribute-values": {},
  "attribute-ids": {},
  begin: null,
  end: null,
  ended: false,
  "source-credit": "",
  "target-credit": ""
})

const artistRelation = (type: keyof typeof LINK_TYPE_IDS, a: MbArtist, attributes: ReadonlyArray<string> = []): JsonObject => ({
  ...relationBase(type, LINK_TYPE_IDS[type], "artist", "backward"),
  attributes: [...attributes],
  "target-credit": a.name,
  artist: artistLookup(a)
})

const workLookup = (w: MbWork, inc: Includes): JsonObject => {
  const out: JsonObject = {
    id: w.id,
    title: w.title,
    type: "Song",
    "type-id": "f061270a-2fd6-32f1-a641-f0f8676d14e6",
    disambiguation: "",
    iswcs: [],
    language: null,
    languages: [],
    attributes: []
  }
  // `work-level-rels` only switches relations on for works; `artist-rels` says which ones.
  if (inc.has("work-level-rels")) {
    out.relations = inc.has("artist-rels")
      ? [
          ...w.composers.map((a) => artistRelation("composer", a)),
          ...w.lyricists.map((a) => artistRelation("lyricist", a)),
          ...w.writers.map((a) => artistRelation("writer", a))
        ]
      : []
  }
  return out
}

const recordingLookup = (r: MbRecording, inc: Includes): JsonObject => {
  const out: JsonObject = { id: r.id, title: r.title, length: r.length, disambiguation: "", video: false }
  if (inc.has("artist-credits")) out["artist-credit"] = creditLookup(r.credit)
  if (inc.has("recording-level-rels")) {
    const relations: Array<JsonObject> = []
    if (inc.has("artist-rels")) relations.push(...r.vocals.map((a) => artistRelation("vocal", a, ["lead vocals"])))
    if (inc.has("work-rels")) {
      relations.push(
        ...r.works.map((w) => ({ ...relationBase("performance", LINK_TYPE_IDS.performance, "work", "forward"), work: workLookup(w, inc) }))
      )
    }
    out.relations = relations
  }
  return out
}

export const labelLookup = (l: MbLabel): JsonObject => ({
  id: l.id,
  name: l.name,
  "sort-name": l.sortName,
  type: l.type,
  "type-id": l.type === null ? null : "7aaa37fe-2def-3476-b359-80245850062d",
  "label-code": null,
  disambiguation: ""
})

const labelInfoLookup = (li: MbLabelInfo): JsonObject => ({
  "catalog-number": li.catalogNumber,
  label: li.label === null ? null : labelLookup(li.label)
})

/** First release date of a release group: the earliest non-empty release date. */
export const firstReleaseDate = (catalogue: FakeCatalogue, group: MbReleaseGroup): string =>
  group.releaseIds
    .map((id) => catalogue.releases.get(id)?.date ?? "")
    .filter((d) => d !== "")
    .sort()[0] ?? ""

const releaseGroupCore = (catalogue: FakeCatalogue, g: MbReleaseGroup): JsonObject => ({
  id: g.id,
  title: g.title,
  "primary-type": g.primaryType,
  "primary-type-id": typeId(g.primaryType),
  "secondary-types": [...g.secondaryTypes],
  "secondary-type-ids": g.secondaryTypes.map((t) => typeId(t) ?? ""),
  "first-release-date": firstReleaseDate(catalogue, g),
  disambiguation: ""
})

export const releaseLookup = (catalogue: FakeCatalogue, r: MbRelease, inc: Includes): JsonObject => {
  const out: JsonObject = {
    id: r.id,
    title: r.title,
    status: r.status,
    "status-id": statusId(r.status),
    date: r.date,
    country: r.country,
    "release-events": r.country === null ? [] : [{ date: r.date, area: area(r.country) }],
    barcode: null,
    asin: null,
    disambiguation: "",
    packaging: null,
    "packaging-id": null,
    quality: "normal",
    "text-representation": { language: null, script: "Latn" },
    "cover-art-archive": { artwork: false, count: 0, front: false, back: false, darkened: false }
  }
  if (inc.has("artist-credits")) out["artist-credit"] = creditLookup(r.credit)
  if (inc.has("labels")) out["label-info"] = r.labelInfo.map(labelInfoLookup)
  if (inc.has("release-groups")) {
    const g = catalogue.releaseGroups.get(r.releaseGroupId)
    if (g !== undefined) out["release-group"] = { ...releaseGroupCore(catalogue, g), ...(inc.has("artist-credits") ? { "artist-credit": creditLookup(g.credit) } : {}) }
  }
  if (inc.has("recordings") || inc.has("media")) {
    out.media = r.media.map((m, i) => {
      const medium: JsonObject = {
        position: i + 1,
        title: "",
        format: m.format,
        "format-id": null,
        "track-count": m.tracks.length,
        "track-offset": 0
      }
      if (inc.has("recordings")) {
        medium.tracks = m.tracks.map((t, j) => ({
          id: t.id,
          number: String(j + 1),
          position: j + 1,
          title: t.title,
          length: t.length,
          ...(inc.has("artist-credits") ? { "artist-credit": creditLookup(t.credit) } : {}),
          recording: recordingLookup(t.recording, inc)
        }))
      }
      return medium
    })
  }
  if (inc.anyRels) out.relations = []
  return out
}

export const releaseGroupLookup = (catalogue: FakeCatalogue, g: MbReleaseGroup, inc: Includes): JsonObject => {
  const out = releaseGroupCore(catalogue, g)
  if (inc.has("artist-credits") || inc.has("artists")) out["artist-credit"] = creditLookup(g.credit)
  if (inc.has("releases")) {
    // Sub-entities of a lookup carry only their own fields (no media, labels or credits).
    const plain = new Includes(null)
    out.releases = g.releaseIds
      .slice(0, 25)
      .flatMap((id) => {
        const r = catalogue.releases.get(id)
        return r === undefined ? [] : [releaseLookup(catalogue, r, plain)]
      })
  }
  if (inc.anyRels) out.relations = []
  return out
}

/** The url entity with its relations, as a url lookup sends it. */
export const urlLookup = (catalogue: FakeCatalogue, u: MbUrl, inc: Includes): JsonObject => {
  const out: JsonObject = { id: u.id, resource: u.resource }
  if (!inc.anyRels) return out
  const relations: Array<JsonObject> = []
  if (inc.has("release-group-rels")) {
    for (const id of u.imdbReleaseGroupIds) {
      const g = catalogue.releaseGroups.get(id)
      if (g === undefined) continue
      relations.push({
        ...relationBase("IMDb", LINK_TYPE_IDS.imdb, "release_group", "backward"),
        // Nested release groups come back without their types, even soundtracks.
        release_group: {
          id: g.id,
          title: g.title,
          "first-release-date": firstReleaseDate(catalogue, g),
          "primary-type": null,
          "primary-type-id": null,
          "secondary-types": [],
          "secondary-type-ids": [],
          disambiguation: ""
        }
      })
    }
  }
  if (inc.has("recording-rels")) {
    for (const id of u.sampledByRecordingIds) {
      const r = catalogue.recordings.get(id)
      if (r === undefined) continue
      relations.push({
        ...relationBase("samples IMDb entry", LINK_TYPE_IDS.samplesImdb, "recording", "backward"),
        recording: { id: r.id, title: r.title, length: r.length, disambiguation: "", video: false }
      })
    }
  }
  out.relations = relations
  return out
}

// ---------------------------------------------------------------------------------------------
// Search shapes (empty keys omitted, `track` not `tracks`, a `score`).

const creditSearch = (credit: ReadonlyArray<MbCredit>): Json =>
  credit.map((c) =>
    omitEmpty({
      name: c.name,
      joinphrase: c.joinphrase,
      artist: omitEmpty({ id: c.artist.id, name: c.artist.name, "sort-name": c.artist.sortName })
    })
  )

const creditId = (credit: ReadonlyArray<MbCredit>): string => {
  // Stable fake artist-credit id built from the artist ids.
  const key = credit.map((c) => c.artist.id.slice(0, 4)).join("")
  return `${(key + "0".repeat(32)).slice(0, 8)}-0000-4000-a000-${(key + "0".repeat(12)).slice(0, 12)}`
}

export const releaseGroupSearchHit = (catalogue: FakeCatalogue, g: MbReleaseGroup, score: number): JsonObject =>
  omitEmpty({
    id: g.id,
    "type-id": typeId(g.primaryType),
    score,
    count: g.releaseIds.length,
    title: g.title,
    "first-release-date": firstReleaseDate(catalogue, g),
    "primary-type": g.primaryType,
    "primary-type-id": typeId(g.primaryType),
    "secondary-types": [...g.secondaryTypes],
    "secondary-type-ids": g.secondaryTypes.map((t) => typeId(t) ?? ""),
    "artist-credit": creditSearch(g.credit),
    "artist-credit-id": creditId(g.credit),
    releases: g.releaseIds.flatMap((id) => {
      const r = catalogue.releases.get(id)
      return r === undefined ? [] : [omitEmpty({ id: r.id, title: r.title, status: r.status, "status-id": statusId(r.status) })]
    })
  })

const releaseInRecordingSearch = (catalogue: FakeCatalogue, r: MbRelease, recordingId: string): JsonObject => {
  const g = catalogue.releaseGroups.get(r.releaseGroupId)
  const media = r.media.flatMap((m, i) => {
    const index = m.tracks.findIndex((t) => t.recording.id === recordingId)
    const t = m.tracks[index]
    if (t === undefined) return []
    return [
      omitEmpty({
        position: i + 1,
        format: m.format,
        track: [omitEmpty({ id: t.id, number: String(index + 1), title: t.title, length: t.length })],
        "track-count": m.tracks.length,
        "track-offset": index
      })
    ]
  })
  return omitEmpty({
    id: r.id,
    "status-id": statusId(r.status),
    count: 1,
    title: r.title,
    status: r.status,
    "artist-credit": creditSearch(r.credit),
    "release-group":
      g === undefined
        ? undefined
        : omitEmpty({
            id: g.id,
            "type-id": typeId(g.primaryType),
            "primary-type-id": typeId(g.primaryType),
            title: g.title,
            "primary-type": g.primaryType,
            "secondary-types": [...g.secondaryTypes],
            "secondary-type-ids": g.secondaryTypes.map((t) => typeId(t) ?? "")
          }),
    date: r.date,
    country: r.country,
    "release-events":
      r.country === null ? [] : [omitEmpty({ date: r.date, area: omitEmpty({ ...area(r.country), disambiguation: "", type: null, "type-id": null }) })],
    "track-count": r.media.reduce((n, m) => n + m.tracks.length, 0),
    media
  })
}

export const recordingSearchHit = (catalogue: FakeCatalogue, rec: MbRecording, score: number): JsonObject => {
  const releases = [...catalogue.releases.values()].filter((r) => r.media.some((m) => m.tracks.some((t) => t.recording.id === rec.id)))
  const dates = releases.map((r) => r.date).filter((d) => d !== "").sort()
  return {
    ...omitEmpty({
      id: rec.id,
      score,
      title: rec.title,
      length: rec.length,
      "artist-credit": creditSearch(rec.credit),
      "artist-credit-id": creditId(rec.credit),
      "first-release-date": dates[0] ?? "",
      releases: releases.map((r) => releaseInRecordingSearch(catalogue, r, rec.id))
    }),
    video: null
  }
}

export const labelSearchHit = (l: MbLabel, score: number): JsonObject =>
  omitEmpty({
    id: l.id,
    type: l.type,
    "type-id": l.type === null ? null : "7aaa37fe-2def-3476-b359-80245850062d",
    score,
    name: l.name,
    "sort-name": l.sortName,
    country: l.country
  })
