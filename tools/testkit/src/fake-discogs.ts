import http from "node:http"
import type { AddressInfo } from "node:net"
import { closeServer } from "./close-server.js"
import { searchText } from "./search-text.js"

/**
 * A local stand-in for the Discogs API endpoints Liner reads (`/database/search`, `/masters/{id}`,
 * `/releases/{id}`), on 127.0.0.1 with a random port. It answers like Discogs: the same payload
 * shapes (with fields Liner does not read: images, community, identifiers…), search titles as
 * "Artist - Title" with the year as a string, artist names with Discogs' "(2)" disambiguation,
 * tracklists with headings (`type_: "heading"`) and index tracks (`type_: "index"` with
 * `sub_tracks`), credits (`extraartists`) per release with `tracks` ranges and per track; its
 * error bodies (`{"message": …}`) for a missing or wrong token (401), an unknown id (404) and too
 * many requests (429); and the rate-limit headers on every answer, counted over a moving window
 * (60 requests a minute by default, as Discogs documents for authenticated requests).
 * The catalogue is hand-written after Discogs' documented shapes; no real payloads are recorded.
 */

export interface FakeDiscogsCredit {
  readonly name: string
  readonly role: string
  /** Discogs' ranges: "" (the whole release), "A1 to A4", "1-3", "A1, B2". */
  readonly tracks?: string
  readonly anv?: string
}

export interface FakeDiscogsTrack {
  readonly position: string
  readonly title: string
  /** "3:45", or "" when unknown. */
  readonly duration: string
  readonly type?: "track" | "heading" | "index"
  readonly artists?: ReadonlyArray<string>
  readonly credits?: ReadonlyArray<FakeDiscogsCredit>
  readonly subTracks?: ReadonlyArray<FakeDiscogsTrack>
}

export interface FakeDiscogsRelease {
  readonly id: number
  /** 0: a release without a master. */
  readonly masterId: number
  readonly title: string
  readonly artists: ReadonlyArray<string>
  readonly year: number
  readonly released: string
  readonly country: string
  readonly label: string
  readonly catno: string
  readonly formats: ReadonlyArray<string>
  readonly genres: ReadonlyArray<string>
  readonly styles: ReadonlyArray<string>
  readonly credits: ReadonlyArray<FakeDiscogsCredit>
  readonly tracklist: ReadonlyArray<FakeDiscogsTrack>
}

const t = (position: string, title: string, duration: string, more: Partial<FakeDiscogsTrack> = {}): FakeDiscogsTrack => ({ position, title, duration, ...more })

/**
 * Films MusicBrainz's fake does not hold: Lagaan (2001, a master with two releases, credits by
 * ranges over sides A and B, a heading per side) and Dil Chahta Hai (2001, numbered CD positions,
 * per-track credits, an index track with sub-tracks), plus decoys: a Lagaan score release and a
 * pop album sharing a word of a title.
 */
export const fakeDiscogsCatalogue: ReadonlyArray<FakeDiscogsRelease> = [
  {
    id: 1_402_001,
    masterId: 402_001,
    title: "Lagaan",
    artists: ["A. R. Rahman"],
    year: 2001,
    released: "2001-05-08",
    country: "India",
    label: "Sony Music",
    catno: "CK 01345",
    formats: ["Cassette", "Album"],
    genres: ["Stage & Screen", "Folk, World, & Country"],
    styles: ["Soundtrack", "Bollywood"],
    credits: [
      { name: "A. R. Rahman", role: "Music By, Producer" },
      { name: "Javed Akhtar", role: "Lyrics By", tracks: "A1 to A3, B1, B2" },
      { name: "Udit Narayan", role: "Vocals", tracks: "A1, A3" },
      { name: "Alka Yagnik", role: "Vocals", tracks: "A1 to A3" },
      { name: "Asha Bhosle", role: "Vocals [Playback Singer]", tracks: "B1" },
      { name: "Srinivas (2)", anv: "Srinivas", role: "Backing Vocals", tracks: "A1" }
    ],
    tracklist: [
      t("", "Side One", "", { type: "heading" }),
      t("A1", "Ghanan Ghanan", "6:11"),
      t("A2", "Mitwa", "6:47", { credits: [{ name: "Sukhwinder Singh", role: "Vocals" }, { name: "Shaan (3)", anv: "Shaan", role: "Featuring" }] }),
      t("A3", "O Paalanhaare", "5:17"),
      t("", "Side Two", "", { type: "heading" }),
      t("B1", "Radha Kaise Na Jale", "5:35"),
      t("B2", "O Rey Chhori", "", { credits: [{ name: "Vasundhara Das", role: "Vocals" }] }),
      t("B3", "Lagaan... Once Upon A Time In India (Theme)", "4:05")
    ]
  },
  {
    id: 1_402_002,
    masterId: 402_001,
    title: "Lagaan",
    artists: ["A. R. Rahman"],
    year: 2001,
    released: "2001",
    country: "UK",
    label: "Sony Music",
    catno: "SMM 503 9112",
    formats: ["CD", "Album", "Reissue"],
    genres: ["Stage & Screen"],
    styles: ["Soundtrack"],
    credits: [{ name: "A. R. Rahman", role: "Composed By" }],
    tracklist: [t("1", "Ghanan Ghanan", "6:11"), t("2", "Mitwa", "6:47")]
  },
  {
    id: 1_402_003,
    masterId: 0,
    title: "Lagaan (Original Score)",
    artists: ["A. R. Rahman"],
    year: 2002,
    released: "2002",
    country: "India",
    label: "Sony Music",
    catno: "SON 4402",
    formats: ["CD", "Album"],
    genres: ["Stage & Screen"],
    styles: ["Score"],
    credits: [{ name: "A. R. Rahman", role: "Composed By" }],
    tracklist: [t("1", "Champaner", "2:10")]
  },
  {
    id: 2_205_001,
    masterId: 205_001,
    title: "Dil Chahta Hai",
    artists: ["Shankar-Ehsaan-Loy"],
    year: 2001,
    released: "2001-07-01",
    country: "India",
    label: "T-Series",
    catno: "SFCD 1/604",
    formats: ["CD", "Album"],
    genres: ["Stage & Screen", "Pop"],
    styles: ["Bollywood", "Filmi"],
    credits: [
      { name: "Shankar-Ehsaan-Loy", role: "Music Director" },
      { name: "Javed Akhtar", role: "Lyrics By", tracks: "1-4" }
    ],
    tracklist: [
      t("1", "Dil Chahta Hai", "5:08", { artists: ["Shankar Mahadevan"] }),
      t("2", "Jaane Kyon", "4:12", { credits: [{ name: "Udit Narayan", role: "Vocals" }, { name: "Alka Yagnik", role: "Vocals" }] }),
      t("3", "Koi Kahe Kehta Rahe", "5:20", { credits: [{ name: "Shaan (3)", anv: "Shaan", role: "Vocals" }, { name: "Shankar Mahadevan", role: "Vocals" }] }),
      t("4", "Tanhayee Medley", "", {
        type: "index",
        credits: [{ name: "Sonu Nigam", role: "Vocals" }],
        subTracks: [t("4.a", "Tanhayee", "4:00"), t("4.b", "Tanhayee (Reprise)", "1:03")]
      })
    ]
  },
  {
    id: 3_300_001,
    masterId: 300_001,
    title: "Dil",
    artists: ["The Decoys"],
    year: 2001,
    released: "2001",
    country: "US",
    label: "Indie Noise",
    catno: "IN-001",
    formats: ["Vinyl", "Single"],
    genres: ["Rock"],
    styles: ["Indie Rock"],
    credits: [],
    tracklist: [t("A", "Dil", "3:00")]
  }
]

export interface FakeDiscogsRequest {
  /** When the request arrived (ms since the epoch, server clock). */
  readonly at: number
  readonly method: string
  readonly path: string
  readonly pathname: string
  readonly query: Readonly<Record<string, string>>
  readonly status: number
  /** The whole Authorization header as received ("" when none). */
  readonly authorization: string
  readonly userAgent: string
  /** The rate-limit headers sent back. */
  readonly used: number
  readonly remaining: number
}

export interface FakeDiscogsFailure {
  readonly status: number
  /** Sent as `Retry-After` (seconds) when given; Discogs itself usually sends none. */
  readonly retryAfter?: number | string
  /** How many requests answer this (all, until `clearFailures`, when omitted). */
  readonly times?: number
}

export interface FakeDiscogsOptions {
  readonly token?: string
  readonly releases?: ReadonlyArray<FakeDiscogsRelease>
  /** Requests allowed in the moving window. Default 60. */
  readonly rateLimit?: number
  /** The moving window. Default 60 000 ms. */
  readonly rateWindowMs?: number
}

export interface FakeDiscogs {
  readonly url: string
  readonly token: string
  readonly requests: ReadonlyArray<FakeDiscogsRequest>
  /** Queues a failure (429, 5xx…) for the next requests. */
  readonly fail: (failure: FakeDiscogsFailure) => void
  readonly clearFailures: () => void
  readonly clearRequests: () => void
  readonly close: () => Promise<void>
}

const defaultToken = "fakeDiscogsPersonalToken0123456789abcdef"

const artistId = (name: string) => [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7)

export const startFakeDiscogs = async (options: FakeDiscogsOptions = {}): Promise<FakeDiscogs> => {
  const token = options.token ?? defaultToken
  const releases = options.releases ?? fakeDiscogsCatalogue
  const limit = options.rateLimit ?? 60
  const windowMs = options.rateWindowMs ?? 60_000
  const requests: Array<FakeDiscogsRequest> = []
  let failures: Array<FakeDiscogsFailure & { left: number }> = []
  /** Arrival times of the requests counted against the limit (the moving window). */
  let counted: Array<number> = []
  let base = ""

  const artistRef = (name: string, extra: Partial<FakeDiscogsCredit> = {}) => ({
    name,
    anv: extra.anv ?? "",
    join: "",
    role: extra.role ?? "",
    tracks: extra.tracks ?? "",
    id: artistId(name),
    resource_url: `${base}/artists/${artistId(name)}`
  })
  const artistsTitle = (r: FakeDiscogsRelease) => r.artists.map((a) => a.replace(/ \(\d+\)$/, "")).join(", ")

  const trackObject = (track: FakeDiscogsTrack): Record<string, unknown> => ({
    position: track.position,
    type_: track.type ?? "track",
    title: track.title,
    duration: track.duration,
    ...(track.artists === undefined ? {} : { artists: track.artists.map((a) => artistRef(a)) }),
    ...(track.credits === undefined ? {} : { extraartists: track.credits.map((c) => artistRef(c.name, { ...c, tracks: "" })) }),
    ...(track.subTracks === undefined ? {} : { sub_tracks: track.subTracks.map(trackObject) })
  })

  const releaseObject = (r: FakeDiscogsRelease) => ({
    id: r.id,
    status: "Accepted",
    year: r.year,
    resource_url: `${base}/releases/${r.id}`,
    uri: `https://www.discogs.com/release/${r.id}`,
    artists: r.artists.map((a) => artistRef(a)),
    artists_sort: artistsTitle(r),
    labels: [{ name: r.label, catno: r.catno, entity_type: "1", entity_type_name: "Label", id: artistId(r.label), resource_url: `${base}/labels/${artistId(r.label)}` }],
    series: [],
    companies: [],
    formats: [{ name: r.formats[0] ?? "CD", qty: "1", descriptions: r.formats.slice(1) }],
    data_quality: "Needs Vote",
    community: { have: 12, want: 3, rating: { count: 1, average: 5 }, status: "Accepted", data_quality: "Needs Vote" },
    format_quantity: 1,
    date_added: "2012-01-01T00:00:00-07:00",
    date_changed: "2020-01-01T00:00:00-07:00",
    num_for_sale: 0,
    lowest_price: null,
    ...(r.masterId === 0 ? {} : { master_id: r.masterId, master_url: `${base}/masters/${r.masterId}` }),
    title: r.title,
    country: r.country,
    released: r.released,
    released_formatted: r.released,
    notes: "",
    identifiers: [],
    videos: [],
    genres: r.genres,
    styles: r.styles,
    tracklist: r.tracklist.map(trackObject),
    extraartists: r.credits.map((c) => artistRef(c.name, c)),
    images: [],
    thumb: "",
    estimated_weight: 85,
    blocked_from_sale: false
  })

  const mastersOf = () => {
    const byMaster = new Map<number, Array<FakeDiscogsRelease>>()
    for (const r of releases) if (r.masterId !== 0) byMaster.set(r.masterId, [...(byMaster.get(r.masterId) ?? []), r])
    return byMaster
  }

  const masterObject = (id: number, [main, ...others]: readonly [FakeDiscogsRelease, ...Array<FakeDiscogsRelease>]) => {
    const latest = others[others.length - 1] ?? main
    return {
      id,
      main_release: main.id,
      most_recent_release: latest.id,
      resource_url: `${base}/masters/${id}`,
      uri: `https://www.discogs.com/master/${id}`,
      versions_url: `${base}/masters/${id}/versions`,
      main_release_url: `${base}/releases/${main.id}`,
      most_recent_release_url: `${base}/releases/${latest.id}`,
      num_for_sale: 0,
      lowest_price: null,
      images: [],
      genres: main.genres,
      styles: main.styles,
      year: main.year,
      tracklist: main.tracklist.map(trackObject),
      artists: main.artists.map((a) => artistRef(a)),
      title: main.title,
      data_quality: "Correct",
      videos: []
    }
  }

  const searchResult = (r: FakeDiscogsRelease, type: "release" | "master") => {
    const id = type === "master" ? r.masterId : r.id
    return {
      country: r.country,
      genre: r.genres,
      format: r.formats,
      style: r.styles,
      id,
      label: [r.label],
      type,
      barcode: [],
      ...(r.masterId === 0 ? { master_id: 0, master_url: null } : { master_id: r.masterId, master_url: `${base}/masters/${r.masterId}` }),
      uri: `/${type}/${id}-${r.title.replace(/\W+/g, "-")}`,
      catno: r.catno,
      title: `${artistsTitle(r)} - ${r.title}`,
      thumb: "",
      cover_image: "",
      resource_url: `${base}/${type}s/${id}`,
      community: { want: 3, have: 12 },
      year: String(r.year),
      ...(type === "release" ? { format_quantity: 1, formats: [{ name: r.formats[0] ?? "CD", qty: "1", descriptions: r.formats.slice(1) }] } : {})
    }
  }

  /** Discogs searches every field; a filter parameter must match one of the release's values. */
  const search = (params: URLSearchParams) => {
    const words = searchText(params.get("q") ?? "").split(" ").filter((w) => w !== "")
    const type = params.get("type")
    const filters: Array<[string, (r: FakeDiscogsRelease) => ReadonlyArray<string>]> = [
      ["year", (r) => [String(r.year)]],
      ["genre", (r) => r.genres],
      ["style", (r) => r.styles],
      ["format", (r) => r.formats],
      ["country", (r) => [r.country]]
    ]
    const matching = releases.filter((r) => {
      const haystack = ` ${searchText([r.title, ...r.artists, r.label, ...r.tracklist.map((x) => x.title)].join(" "))} `
      return (
        words.every((w) => haystack.includes(` ${w} `)) &&
        filters.every(([name, values]) => {
          const wanted = params.get(name)
          return wanted === null || values(r).some((v) => v.toLowerCase() === wanted.toLowerCase())
        })
      )
    })
    const results =
      type === "master"
        ? [...new Map(matching.filter((r) => r.masterId !== 0).map((r) => [r.masterId, r])).values()].map((r) => searchResult(r, "master"))
        : type === "release"
          ? matching.map((r) => searchResult(r, "release"))
          : [...matching.map((r) => searchResult(r, "release"))]
    const perPage = Math.min(100, Number(params.get("per_page") ?? "50") || 50)
    const page = Math.max(1, Number(params.get("page") ?? "1") || 1)
    const pages = Math.max(1, Math.ceil(results.length / perPage))
    return {
      pagination: { page, pages, per_page: perPage, items: results.length, urls: page < pages ? { next: `${base}/database/search?page=${page + 1}`, last: `${base}/database/search?page=${pages}` } : {} },
      results: results.slice((page - 1) * perPage, page * perPage)
    }
  }

  const pendingFailure = (): FakeDiscogsFailure | undefined => {
    const failure = failures[0]
    if (failure === undefined) return undefined
    failure.left -= 1
    if (failure.left <= 0) failures = failures.slice(1)
    return failure
  }

  const handle = (req: http.IncomingMessage): { status: number; headers?: Record<string, string>; body: unknown } => {
    const url = new URL(req.url ?? "/", base)
    const failure = pendingFailure()
    if (failure !== undefined) {
      const message = failure.status === 429 ? "You are making requests too quickly." : failure.status >= 500 ? "An internal server error occurred." : "Bad request."
      return { status: failure.status, ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": String(failure.retryAfter) } }), body: { message } }
    }
    if (counted.length > limit) return { status: 429, body: { message: "You are making requests too quickly." } }
    if (req.headers.authorization !== `Discogs token=${token}`) return { status: 401, body: { message: "You must authenticate to access this resource." } }
    if (url.pathname === "/database/search") return { status: 200, body: search(url.searchParams) }
    const release = /^\/releases\/(\d+)$/.exec(url.pathname)
    if (release !== null) {
      const found = releases.find((r) => r.id === Number(release[1]))
      return found === undefined ? { status: 404, body: { message: "Release not found." } } : { status: 200, body: releaseObject(found) }
    }
    const master = /^\/masters\/(\d+)$/.exec(url.pathname)
    if (master !== null) {
      const [main, ...others] = mastersOf().get(Number(master[1])) ?? []
      return main === undefined ? { status: 404, body: { message: "Master Release not found." } } : { status: 200, body: masterObject(Number(master[1]), [main, ...others]) }
    }
    return { status: 404, body: { message: "The requested resource was not found." } }
  }

  const server = http.createServer((req, res) => {
    const at = Date.now()
    counted = [...counted.filter((time) => time > at - windowMs), at]
    const used = Math.min(counted.length, limit)
    const remaining = Math.max(0, limit - counted.length)
    const answer = handle(req)
    // A refused request does not count against the window (Discogs counts answered requests).
    if (answer.status === 429) counted = counted.slice(0, -1)
    const url = new URL(req.url ?? "/", base)
    requests.push({
      at,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      pathname: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: answer.status,
      authorization: req.headers.authorization ?? "",
      userAgent: req.headers["user-agent"] ?? "",
      used,
      remaining
    })
    res.writeHead(answer.status, {
      "content-type": "application/json",
      "x-discogs-ratelimit": String(limit),
      "x-discogs-ratelimit-used": String(used),
      "x-discogs-ratelimit-remaining": String(remaining),
      ...answer.headers
    })
    res.end(JSON.stringify(answer.body))
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    token,
    get requests() {
      return [...requests]
    },
    fail: (failure) => {
      failures.push({ ...failure, left: failure.times ?? Number.POSITIVE_INFINITY })
    },
    clearFailures: () => {
      failures = []
    },
    clearRequests: () => {
      requests.length = 0
    },
    close: () => closeServer(server)
  }
}
