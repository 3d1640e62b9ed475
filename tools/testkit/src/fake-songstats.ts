import http from "node:http"
import type { AddressInfo } from "node:net"
import { closeServer } from "./close-server.js"
import { type Fault, type FaultOptions, FaultPlan, serveFault } from "./faults.js"

/**
 * A local stand-in for the Songstats Enterprise API (contracts/songstats.md) on 127.0.0.1 with a
 * random port, serving a small, configurable set of artists: `/artists/search`, `/artists/info`,
 * `/artists/catalog` (paged), `/artists/top_curators` (source `tracklist`: the DJs who support the
 * artist), `/tracks/info`, `/tracks/search` and `/info/status`, in the SDKs' shapes and with
 * fields Liner does not read. Errors are Songstats's: `{"result": "error", "message": …}`, 401
 * "Invalid Api Key" for a missing or wrong `apikey` header, 400 for a missing identifier, 404 for
 * an unknown one. On demand: any status (429 with `Retry-After`, 5xx…), a canned body of the
 * test's choosing, and the shared network faults of `faults.ts`. Every request is logged (the key
 * only as valid, wrong or missing), and a request that comes back sooner than a `Retry-After` it
 * was given counts as a violation.
 *
 * Deliberate choices where the real API is not publicly documented: artist labels are in
 * `artist_info.labels`, catalogue tracks carry `labels`, a route that does not exist answers an
 * HTML 404 page (as a web framework would), not a Songstats error body.
 */

export interface FakeSongstatsTrack {
  readonly id: string
  readonly title: string
  readonly releaseDate?: string
  readonly isrcs?: ReadonlyArray<string>
  readonly labels?: ReadonlyArray<string>
  /** Credited artists; default: the artist whose catalogue holds the track. */
  readonly artists?: ReadonlyArray<string>
}

/** A DJ who supports the artist on 1001Tracklists. */
export interface FakeSongstatsCurator {
  readonly name: string
  readonly id?: string
  readonly followers?: number
  /** How many times the DJ played the artist's tracks. */
  readonly supports?: number
}

export interface FakeSongstatsArtist {
  readonly id: string
  readonly name: string
  readonly labels: ReadonlyArray<string>
  readonly genres?: ReadonlyArray<string>
  readonly tracks: ReadonlyArray<FakeSongstatsTrack>
  readonly curators: ReadonlyArray<FakeSongstatsCurator>
}

/**
 * Label-mates who support each other (Nightglass Records), an artist on another label, and a
 * decoy whose name shares a word with another (Mara Lind, Mara Lindqvist). Hand-written.
 */
export const fakeSongstatsArtists: ReadonlyArray<FakeSongstatsArtist> = [
  {
    id: "m4r4lq01",
    name: "Mara Lindqvist",
    labels: ["Nightglass Records"],
    genres: ["Trance", "Progressive House"],
    tracks: [
      { id: "t-velvet1", title: "Velvet Static", releaseDate: "2024-03-01", isrcs: ["SEXYZ2400101"], labels: ["Nightglass Records"] },
      { id: "t-ferry01", title: "Night Ferry", releaseDate: "2024-09-13", isrcs: ["SEXYZ2400102"], labels: ["Nightglass Records"] },
      {
        id: "t-glass01",
        title: "Glass Hours",
        releaseDate: "2025-02-07",
        labels: ["Nightglass Records"],
        artists: ["Mara Lindqvist", "Henrik Bäcklund"]
      }
    ],
    curators: [
      { name: "Henrik Bäcklund", id: "c-henrik", followers: 48_200, supports: 14 },
      { name: "Solenne Marchetti", id: "c-solenne", followers: 120_500, supports: 9 },
      { name: "DJ Kairo", id: "c-kairo", followers: 8_100, supports: 4 }
    ]
  },
  {
    id: "h3nr1kb2",
    name: "Henrik Bäcklund",
    labels: ["Nightglass Records", "Polar Drift"],
    genres: ["Trance"],
    tracks: [
      { id: "t-aurora1", title: "Aurora Line", releaseDate: "2023-11-24", isrcs: ["SEXYZ2300201"], labels: ["Polar Drift"] },
      {
        id: "t-glass01",
        title: "Glass Hours",
        releaseDate: "2025-02-07",
        labels: ["Nightglass Records"],
        artists: ["Mara Lindqvist", "Henrik Bäcklund"]
      }
    ],
    curators: [
      { name: "Mara Lindqvist", id: "c-mara", followers: 30_900, supports: 11 },
      { name: "Tomasz Wren", id: "c-tomasz", followers: 5_400, supports: 3 }
    ]
  },
  {
    id: "s0l3nn3m",
    name: "Solenne Marchetti",
    labels: ["Cinder Audio"],
    genres: ["Melodic Techno"],
    tracks: [{ id: "t-ember01", title: "Ember Code", releaseDate: "2024-06-21", isrcs: ["ITXYZ2400301"], labels: ["Cinder Audio"] }],
    curators: [{ name: "DJ Kairo", id: "c-kairo", followers: 8_100, supports: 6 }]
  },
  {
    id: "m4r4l1nd",
    name: "Mara Lind",
    labels: [],
    tracks: [],
    curators: []
  }
]

export interface FakeSongstatsRequest {
  /** When the request arrived (ms since the epoch, server clock). */
  readonly at: number
  readonly method: string
  /** Path and query as received. */
  readonly path: string
  /** The path below the API's base: "/artists/info". */
  readonly route: string
  readonly query: Readonly<Record<string, string>>
  /** 0 when nothing was sent (a hang, a destroyed socket). */
  readonly status: number
  /** The `apikey` header: right, wrong or absent (the key itself is never logged). */
  readonly key: "valid" | "wrong" | "missing"
  readonly userAgent: string | undefined
  readonly accept: string | undefined
}

/** A status the next matching requests answer instead of the real thing. */
export interface FakeSongstatsFailure {
  readonly status: number
  /** Sent as `Retry-After` (seconds, or an HTTP date) when given. */
  readonly retryAfter?: number | string
  /** How many requests answer this (all, until `clearFailures`, when omitted). */
  readonly times?: number
  /** Only requests whose route starts with this ("/artists/catalog"). */
  readonly route?: string
  /** The error body's message; default: the status's usual words. */
  readonly message?: string
}

/** A body of the test's choosing for the next matching requests (after the key check). */
export interface FakeSongstatsCannedReply {
  /** The route it answers ("/artists/info"). */
  readonly route: string
  readonly status?: number
  readonly body: unknown
  readonly times?: number
}

export interface FakeSongstatsOptions {
  readonly apiKey?: string
  readonly artists?: ReadonlyArray<FakeSongstatsArtist>
  /** The API's path on the server. Default `/enterprise/v1`. */
  readonly basePath?: string
  /** Catalogue pages never hold more than this many tracks, whatever `limit` asks. Default 100. */
  readonly maxPageSize?: number
}

export interface FakeSongstats {
  /** The value for `LINER_SONGSTATS_URL` (the base path included). */
  readonly url: string
  readonly apiKey: string
  readonly requests: ReadonlyArray<FakeSongstatsRequest>
  /** Requests that came back sooner than a `Retry-After` they were given. */
  readonly violations: number
  readonly fail: (failure: FakeSongstatsFailure) => void
  readonly reply: (reply: FakeSongstatsCannedReply) => void
  /** Queues a network fault (see `faults.ts`); `path` in the options is a route ("/artists/"). */
  readonly fault: (fault: Fault, options?: FaultOptions) => void
  /** Drops queued failures, canned replies and faults. */
  readonly clearFailures: () => void
  readonly clearRequests: () => void
  readonly close: () => Promise<void>
}

const defaultApiKey = "fake-songstats-key-7c1e9a4b2d6f8035"

/** A request may come back this much before the end of a `Retry-After` (timer granularity). */
const retryAfterToleranceMs = 25

const usualMessage = (status: number): string =>
  ({ 400: "Bad Request", 401: "Invalid Api Key", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" })[status] ??
  "Request Failed"

const errorBody = (message: string) => ({ result: "error", message })

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()

interface Answer {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** Not JSON: sent as it is, as HTML. */
  readonly html?: string
}

export const startFakeSongstats = async (options: FakeSongstatsOptions = {}): Promise<FakeSongstats> => {
  const apiKey = options.apiKey ?? defaultApiKey
  const artists = options.artists ?? fakeSongstatsArtists
  const basePath = (options.basePath ?? "/enterprise/v1").replace(/\/+$/, "")
  const maxPageSize = options.maxPageSize ?? 100

  const requests: Array<FakeSongstatsRequest> = []
  const faults = new FaultPlan()
  const pending = new Set<http.ServerResponse>()
  let failures: Array<FakeSongstatsFailure & { left: number }> = []
  let canned: Array<FakeSongstatsCannedReply & { left: number }> = []
  let violations = 0
  let notBefore = 0
  let origin = ""

  const siteUrl = (kind: string, id: string) => `https://songstats.com/${kind}/${id}`
  const avatar = (id: string) => `https://storage.googleapis.com/songstats-avatars/${id}.jpg`
  const labelId = (name: string) => `l-${fold(name).replace(/ /g, "-")}`
  const artistId = (name: string) => artists.find((a) => a.name === name)?.id ?? `a-${fold(name).replace(/ /g, "-")}`

  const artistRef = (a: FakeSongstatsArtist) => ({ songstats_artist_id: a.id, avatar: avatar(a.id), name: a.name, site_url: siteUrl("artist", a.id) })

  const trackItem = (t: FakeSongstatsTrack, owner: FakeSongstatsArtist) => ({
    songstats_track_id: t.id,
    avatar: avatar(t.id),
    title: t.title,
    release_date: t.releaseDate ?? null,
    site_url: siteUrl("track", t.id),
    isrcs: t.isrcs ?? [],
    artists: (t.artists ?? [owner.name]).map((name) => ({ name, songstats_artist_id: artistId(name) })),
    labels: (t.labels ?? []).map((name) => ({ name, songstats_label_id: labelId(name) }))
  })

  const allTracks = () => {
    const byId = new Map<string, { track: FakeSongstatsTrack; owner: FakeSongstatsArtist }>()
    for (const owner of artists) for (const track of owner.tracks) if (!byId.has(track.id)) byId.set(track.id, { track, owner })
    return [...byId.values()]
  }

  const pendingFailure = (route: string): FakeSongstatsFailure | undefined => {
    const index = failures.findIndex((f) => f.route === undefined || route.startsWith(f.route))
    const failure = failures[index]
    if (failure === undefined) return undefined
    failure.left -= 1
    if (failure.left <= 0) failures = failures.filter((_, i) => i !== index)
    return failure
  }

  const pendingReply = (route: string): FakeSongstatsCannedReply | undefined => {
    const index = canned.findIndex((c) => c.route === route)
    const reply = canned[index]
    if (reply === undefined) return undefined
    reply.left -= 1
    if (reply.left <= 0) canned = canned.filter((_, i) => i !== index)
    return reply
  }

  const paging = (query: URLSearchParams): { limit: number; offset: number } | string => {
    const limit = Number(query.get("limit") ?? "20")
    const offset = Number(query.get("offset") ?? "0")
    if (!Number.isInteger(limit) || limit < 1) return "Invalid limit"
    if (!Number.isInteger(offset) || offset < 0) return "Invalid offset"
    return { limit, offset }
  }

  const routes: Record<string, (query: URLSearchParams) => Answer> = {
    "/info/status": () => ({ status: 200, body: { result: "success", message: "Data Retrieved.", status: { api: "operational" } } }),

    "/artists/search": (query) => {
      const q = fold(query.get("q") ?? "")
      if (q === "") return { status: 400, body: errorBody("Missing Search Query") }
      const page = paging(query)
      if (typeof page === "string") return { status: 400, body: errorBody(page) }
      const words = q.split(" ")
      const found = artists
        .filter((a) => words.every((w) => ` ${fold(a.name)} `.includes(` ${w}`)))
        .sort((a, b) => Number(fold(b.name) === q) - Number(fold(a.name) === q))
      return { status: 200, body: { result: "success", message: "Data Retrieved.", results: found.slice(page.offset, page.offset + page.limit).map(artistRef) } }
    },

    "/artists/info": (query) =>
      withArtist(query, (a) => ({
        status: 200,
        body: {
          result: "success",
          message: "Data Retrieved.",
          artist_info: {
            ...artistRef(a),
            country: "SE",
            bio: null,
            genres: a.genres ?? [],
            labels: a.labels.map((name) => ({ name, songstats_label_id: labelId(name), site_url: siteUrl("label", labelId(name)) })),
            links: [{ source: "spotify", external_id: `sp-${a.id}`, url: `https://open.spotify.com/artist/sp-${a.id}` }]
          }
        }
      })),

    "/artists/catalog": (query) =>
      withArtist(query, (a) => {
        const page = paging(query)
        if (typeof page === "string") return { status: 400, body: errorBody(page) }
        const size = Math.min(page.limit, maxPageSize)
        const end = page.offset + size
        const next = new URL(`${origin}${basePath}/artists/catalog`)
        next.search = new URLSearchParams({ songstats_artist_id: a.id, limit: String(size), offset: String(end) }).toString()
        return {
          status: 200,
          body: {
            result: "success",
            message: "Data Retrieved.",
            catalog: a.tracks.slice(page.offset, end).map((t) => trackItem(t, a)),
            artist_info: artistRef(a),
            tracks_total: a.tracks.length,
            next_url: end < a.tracks.length ? next.toString() : null
          }
        }
      }),

    "/artists/top_curators": (query) =>
      withArtist(query, (a) => {
        const source = query.get("source") ?? "all"
        const serves = source === "all" || source.split(",").includes("tracklist")
        return {
          status: 200,
          body: {
            result: "success",
            message: "Data Retrieved.",
            data: [
              {
                source: serves ? "tracklist" : source,
                top_curators: serves
                  ? a.curators.map((c) => ({
                      curator_name: c.name,
                      curator_id: c.id ?? null,
                      image_url: avatar(c.id ?? fold(c.name)),
                      external_url: `https://www.1001tracklists.com/dj/${fold(c.name).replace(/ /g, "")}/index.html`,
                      followers_total: c.followers ?? null,
                      supports_total: c.supports ?? null
                    }))
                  : []
              }
            ]
          }
        }
      }),

    "/tracks/info": (query) => {
      const id = query.get("songstats_track_id")
      const isrc = query.get("isrc")
      if (id === null && isrc === null) return { status: 400, body: errorBody("Missing Track Identifier") }
      const found = allTracks().find(({ track }) => track.id === id || (isrc !== null && (track.isrcs ?? []).includes(isrc)))
      if (found === undefined) return { status: 404, body: errorBody("Track Not Found") }
      const item = trackItem(found.track, found.owner)
      return { status: 200, body: { result: "success", message: "Data Retrieved.", track_info: { ...item, links: [] } } }
    },

    "/tracks/search": (query) => {
      const q = fold(query.get("q") ?? "")
      if (q === "") return { status: 400, body: errorBody("Missing Search Query") }
      const page = paging(query)
      if (typeof page === "string") return { status: 400, body: errorBody(page) }
      const found = allTracks().filter(({ track, owner }) =>
        q.split(" ").every((w) => fold([track.title, ...(track.artists ?? [owner.name])].join(" ")).split(" ").includes(w))
      )
      return {
        status: 200,
        body: {
          result: "success",
          message: "Data Retrieved.",
          results: found.slice(page.offset, page.offset + page.limit).map(({ track, owner }) => {
            const { isrcs: _isrcs, labels: _labels, ...summary } = trackItem(track, owner)
            return summary
          })
        }
      }
    }
  }

  function withArtist(query: URLSearchParams, answer: (artist: FakeSongstatsArtist) => Answer): Answer {
    const id = query.get("songstats_artist_id")
    if (id === null || id === "") return { status: 400, body: errorBody("Missing Artist Identifier") }
    const artist = artists.find((a) => a.id === id)
    return artist === undefined ? { status: 404, body: errorBody("Artist Not Found") } : answer(artist)
  }

  const keyOf = (req: http.IncomingMessage): FakeSongstatsRequest["key"] => {
    const given = req.headers["apikey"]
    return given === undefined ? "missing" : given === apiKey ? "valid" : "wrong"
  }

  const routeOf = (pathname: string) => (pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined)

  const handle = (req: http.IncomingMessage): Answer => {
    const url = new URL(req.url ?? "/", origin)
    const route = routeOf(url.pathname)
    const known = route === undefined ? undefined : routes[route]
    if (route === undefined || known === undefined || req.method !== "GET")
      return { status: 404, body: null, html: "<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>" }
    if (keyOf(req) !== "valid") return { status: 401, body: errorBody("Invalid Api Key") }
    const failure = pendingFailure(route)
    if (failure !== undefined)
      return {
        status: failure.status,
        body: errorBody(failure.message ?? usualMessage(failure.status)),
        ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": String(failure.retryAfter) } })
      }
    const reply = pendingReply(route)
    if (reply !== undefined) return { status: reply.status ?? 200, body: reply.body }
    return known(url.searchParams)
  }

  const logRequest = (req: http.IncomingMessage, at: number, status: number) => {
    const url = new URL(req.url ?? "/", origin)
    requests.push({
      at,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      route: routeOf(url.pathname) ?? url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
      key: keyOf(req),
      userAgent: req.headers["user-agent"],
      accept: req.headers.accept
    })
  }

  /** A `Retry-After` given: the client must not come back before it ends. */
  const expectWait = (retryAfter: string | undefined, at: number) => {
    if (retryAfter === undefined) return
    const seconds = Number(retryAfter)
    const until = Number.isFinite(seconds) ? at + seconds * 1000 : Date.parse(retryAfter)
    if (Number.isFinite(until)) notBefore = Math.max(notBefore, until - retryAfterToleranceMs)
  }

  const server = http.createServer((req, res) => {
    const at = Date.now()
    if (at < notBefore) violations++
    const route = routeOf(new URL(req.url ?? "/", origin).pathname) ?? ""
    const fault = faults.next({ path: route })
    if (fault !== undefined) {
      void serveFault(fault, res, {
        real: () => {
          const answer = handle(req)
          return { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", ...answer.headers }, body: JSON.stringify(answer.body) }
        },
        errorBody: (status, busy) => JSON.stringify(errorBody(busy ? "Service Unavailable" : usualMessage(status))),
        pending
      }).then((served) => {
        if (served.retryAfterSeconds !== undefined) expectWait(String(served.retryAfterSeconds), Date.now())
        logRequest(req, at, served.status)
      })
      return
    }
    const answer = handle(req)
    logRequest(req, at, answer.status)
    expectWait(answer.headers?.["retry-after"], Date.now())
    if (answer.html !== undefined) {
      res.writeHead(answer.status, { "content-type": "text/html; charset=utf-8" })
      res.end(answer.html)
      return
    }
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers })
    res.end(JSON.stringify(answer.body))
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: `${origin}${basePath}`,
    apiKey,
    get requests() {
      return [...requests]
    },
    get violations() {
      return violations
    },
    fail: (failure) => {
      failures.push({ ...failure, left: failure.times ?? Number.POSITIVE_INFINITY })
    },
    reply: (reply) => {
      canned.push({ ...reply, left: reply.times ?? 1 })
    },
    fault: (fault, faultOptions = {}) => faults.add(fault, faultOptions),
    clearFailures: () => {
      failures = []
      canned = []
      faults.clear()
    },
    clearRequests: () => {
      requests.length = 0
    },
    close: () => closeServer(server, pending)
  }
}
