import http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { performance } from "node:perf_hooks"
import { type FakeReply, type Fault, type FaultOptions, FaultPlan, serveFault } from "../faults.js"
import type { FakeCatalogue, MbRecording, MbReleaseGroup } from "./catalogue.js"
import { defaultMusicBrainzCatalogue } from "./default-catalogue.js"
import { fuzzyScore, parseLucene } from "./lucene.js"
import {
  Includes,
  firstReleaseDate,
  labelLookup,
  labelSearchHit,
  recordingSearchHit,
  releaseGroupLookup,
  releaseGroupSearchHit,
  releaseLookup,
  urlLookup
} from "./render.js"

/**
 * A local MusicBrainz ws/2 (JSON) on 127.0.0.1 with a random port, answering from a
 * `FakeCatalogue` the way the real server does (see the contract `musicbrainz-ws2.md`):
 * 403 without a proper User-Agent, 503 + `retry-after: 1` with the real body when a client goes
 * faster than the configured rate or comes back sooner than a `Retry-After` it was given
 * (violations are counted), 404 for a single missing URL, the multi-resource envelope with
 * `url-count: 0` on a miss, 400 for an invalid MBID and for `*-level-rels` on browse. Faults
 * (`../faults.ts`, shared with the other fakes) add global "busy" 503s, 503/429 with
 * Retry-After, resets mid-body, destroyed sockets, truncated JSON, HTML pages, proxy 502s, slow
 * or hanging answers; `down()` drops every connection.
 *
 * Deliberate differences from the real server: it only speaks JSON (a request without
 * `fmt=json` or a JSON Accept gets a 400 saying so, where the real one would send XML), and it
 * rejects a User-Agent without a `name/version` product token (Node's bare "node" included), so
 * a client that forgets its header is caught.
 */

export interface LoggedRequest {
  /** Arrival time in ms (a monotonic clock with the epoch as origin). */
  readonly at: number
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: http.IncomingHttpHeaders
  /** Status answered (0 while pending or when the connection was dropped/hung). */
  status: number
}

export interface FakeMusicBrainzOptions {
  /** Default: `defaultMusicBrainzCatalogue()`. */
  readonly catalogue?: FakeCatalogue
  /** Requests per second allowed per client before 503s, like the real 1/s. `null`: no limit. Default 1. */
  readonly rate?: number | null
  /** Share of the interval a request may come early without counting as a violation. Default 0.2. */
  readonly rateTolerance?: number
}

/** A request may come back this much before the end of a `Retry-After` (timer granularity). */
const RETRY_AFTER_TOLERANCE_MS = 25

export interface FakeMusicBrainz {
  /** Base URL, e.g. `http://127.0.0.1:54321` (set LINER_MUSICBRAINZ_URL to it). */
  readonly url: string
  readonly catalogue: FakeCatalogue
  /** Every request received, in order. */
  readonly requests: ReadonlyArray<LoggedRequest>
  /**
   * Requests that came too soon: closer than 1/rate to the previous arrival, or before the end of
   * a `Retry-After` this server had sent. Each is answered 503 like the real rate limiter.
   */
  readonly violations: number
  /** Requests to a path starting with this (e.g. "/ws/2/url"). */
  requestsTo(pathPrefix: string): ReadonlyArray<LoggedRequest>
  /** The next `n` requests get the global-load 503 (`retry-after: 0`, "currently busy"). */
  busy(n: number): void
  /** The next `n` requests get 429 with `Retry-After: <seconds>`. */
  tooManyRequests(n: number, retryAfterSeconds: number): void
  /** The next `n` requests get this status with an error body (e.g. 500, 502). */
  failWith(n: number, status: number, retryAfter?: string): void
  /** The next `n` requests are answered after `ms`. */
  delay(n: number, ms: number): void
  /** The next `n` requests are never answered (until `close`). */
  hang(n: number): void
  /** Queues a fault (see `faults.ts`) for the next matching request(s). */
  fault(fault: Fault, options?: FaultOptions): void
  /** Drops every queued fault (a "forever" one included). */
  clearFaults(): void
  /** Every connection is dropped at once until `up()`. */
  down(): void
  up(): void
  /** Forgets the request log, the violations and queued faults. */
  reset(): void
  close(): Promise<void>
}

const HELP = "For usage, please see: https://musicbrainz.org/development/mmd"
const RATE_LIMIT_BODY = {
  error:
    "Your requests are exceeding the allowable rate limit. Please see https://wiki.musicbrainz.org/MusicBrainz_API/Rate_Limiting for more information."
}
const BUSY_BODY = { error: "The MusicBrainz web server is currently busy. Please try again later." }
const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

interface Reply {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

const ok = (body: unknown): Reply => ({ status: 200, body })
const error = (status: number, message: string): Reply => ({ status, body: { error: message, help: HELP } })
const notFound = (): Reply => error(404, "Not Found")

const now = (): number => performance.timeOrigin + performance.now()

const page = (params: URLSearchParams): { readonly limit: number; readonly offset: number } => {
  const limit = Math.max(1, Math.min(100, Number(params.get("limit") ?? "25") || 25))
  const offset = Math.max(0, Number(params.get("offset") ?? "0") || 0)
  return { limit, offset }
}

const searchEnvelope = (key: string, hits: ReadonlyArray<{ readonly score: number; readonly render: (score: number) => unknown }>, params: URLSearchParams): Reply => {
  const best = Math.max(0, ...hits.map((h) => h.score))
  const { limit, offset } = page(params)
  const sorted = [...hits].sort((a, b) => b.score - a.score)
  return ok({
    created: new Date().toISOString(),
    count: hits.length,
    offset,
    [key]: sorted.slice(offset, offset + limit).map((h) => h.render(best === 0 ? 0 : Math.round((100 * h.score) / best)))
  })
}

const yearMatches = (date: string, clause: { readonly value: string; readonly range?: readonly [string, string] }): boolean => {
  if (date === "") return false
  if (clause.range !== undefined) {
    const [from, to] = clause.range
    return (from === "*" || date.slice(0, from.length) >= from) && (to === "*" || date.slice(0, to.length) <= to)
  }
  return date.startsWith(clause.value)
}

const searchReleaseGroups = (catalogue: FakeCatalogue, query: string, params: URLSearchParams): Reply => {
  const clauses = parseLucene(query)
  const hits = [...catalogue.releaseGroups.values()].flatMap((g: MbReleaseGroup) => {
    let score = 1
    for (const c of clauses) {
      switch (c.field) {
        case "":
        case "releasegroup":
        case "release":
        case "releasegroupaccent": {
          score *= fuzzyScore(c.value, g.title)
          break
        }
        case "secondarytype":
          if (!g.secondaryTypes.some((t) => t.toLowerCase() === c.value.toLowerCase())) score = 0
          break
        case "primarytype":
          if ((g.primaryType ?? "").toLowerCase() !== c.value.toLowerCase()) score = 0
          break
        case "firstreleasedate":
          if (!yearMatches(firstReleaseDate(catalogue, g), c)) score = 0
          break
        case "artist":
        case "artistname":
          score *= fuzzyScore(c.value, g.credit.map((x) => x.name + x.joinphrase).join(""))
          break
        default:
          break
      }
    }
    return score > 0 ? [{ score, render: (s: number) => releaseGroupSearchHit(catalogue, g, s) }] : []
  })
  return searchEnvelope("release-groups", hits, params)
}

const searchRecordings = (catalogue: FakeCatalogue, query: string, params: URLSearchParams): Reply => {
  const clauses = parseLucene(query)
  const hits = [...catalogue.recordings.values()].flatMap((r: MbRecording) => {
    let score = 1
    for (const c of clauses) {
      switch (c.field) {
        case "":
        case "recording":
        case "recordingaccent":
          score *= fuzzyScore(c.value, r.title)
          break
        case "artist":
        case "artistname":
          score *= fuzzyScore(c.value, r.credit.map((x) => x.name + x.joinphrase).join(""))
          break
        case "arid":
          if (!r.credit.some((x) => x.artist.id === c.value)) score = 0
          break
        default:
          break
      }
    }
    return score > 0 ? [{ score, render: (s: number) => recordingSearchHit(catalogue, r, s) }] : []
  })
  return searchEnvelope("recordings", hits, params)
}

const searchLabels = (catalogue: FakeCatalogue, query: string, params: URLSearchParams): Reply => {
  const clauses = parseLucene(query)
  const hits = [...catalogue.labels.values()].flatMap((l) => {
    let score = 1
    for (const c of clauses) if (c.field === "" || c.field === "label") score *= fuzzyScore(c.value, l.name)
    return score > 0 ? [{ score, render: (s: number) => labelSearchHit(l, s) }] : []
  })
  return searchEnvelope("labels", hits, params)
}

const lookupUrls = (catalogue: FakeCatalogue, resources: ReadonlyArray<string>, inc: Includes): Reply => {
  if (resources.length === 1) {
    const u = catalogue.urls.get(resources[0]!)
    return u === undefined ? notFound() : ok(urlLookup(catalogue, u, inc))
  }
  const found = resources.flatMap((r) => {
    const u = catalogue.urls.get(r)
    return u === undefined ? [] : [urlLookup(catalogue, u, inc)]
  })
  return ok({ "url-count": found.length, "url-offset": 0, urls: found })
}

const BROWSE_FORBIDDEN_INC = ["recording-level-rels", "work-level-rels", "release-group-level-rels"]

const browseReleases = (catalogue: FakeCatalogue, params: URLSearchParams, inc: Includes): Reply => {
  const bad = inc.all.find((i) => BROWSE_FORBIDDEN_INC.includes(i))
  if (bad !== undefined) return error(400, `${bad} is not a valid option for the inc parameter for the release resource.`)
  const groupId = params.get("release-group")
  const recordingId = params.get("recording")
  const labelId = params.get("label")
  const linked = groupId ?? recordingId ?? labelId
  if (linked === null) return error(400, "Browse requests need a linked entity (release-group, recording, label…).")
  if (!MBID.test(linked)) return error(400, "Invalid mbid.")
  const all = [...catalogue.releases.values()].filter((r) =>
    groupId !== null
      ? r.releaseGroupId === groupId
      : recordingId !== null
        ? r.media.some((m) => m.tracks.some((t) => t.recording.id === recordingId))
        : r.labelInfo.some((li) => li.label?.id === labelId)
  )
  const { limit, offset } = page(params)
  return ok({
    "release-count": all.length,
    "release-offset": offset,
    releases: all.slice(offset, offset + limit).map((r) => releaseLookup(catalogue, r, inc))
  })
}

/** Answers one ws/2 request from the catalogue. */
const route = (catalogue: FakeCatalogue, path: string, params: URLSearchParams): Reply => {
  const match = /^\/ws\/2\/([a-z-]+)(?:\/([^/]*))?\/?$/.exec(path)
  if (match === null) return notFound()
  const entity = match[1]!
  const id = match[2]
  const inc = new Includes(params.get("inc"))
  const query = params.get("query")
  if (id !== undefined && id !== "" && !MBID.test(id)) return error(400, "Invalid mbid.")
  switch (entity) {
    case "url": {
      if (id !== undefined && id !== "") {
        const u = [...catalogue.urls.values()].find((x) => x.id === id)
        return u === undefined ? notFound() : ok(urlLookup(catalogue, u, inc))
      }
      const resources = params.getAll("resource")
      return resources.length === 0 ? error(400, "Missing resource parameter.") : lookupUrls(catalogue, resources, inc)
    }
    case "release-group": {
      if (id !== undefined && id !== "") {
        const g = catalogue.releaseGroups.get(id)
        return g === undefined ? notFound() : ok(releaseGroupLookup(catalogue, g, inc))
      }
      return query === null ? error(400, "Browse of release groups is not supported by this fake.") : searchReleaseGroups(catalogue, query, params)
    }
    case "release": {
      if (id !== undefined && id !== "") {
        const r = catalogue.releases.get(id)
        return r === undefined ? notFound() : ok(releaseLookup(catalogue, r, inc))
      }
      return query === null ? browseReleases(catalogue, params, inc) : error(400, "Release search is not supported by this fake.")
    }
    case "recording": {
      if (id !== undefined && id !== "") {
        const r = catalogue.recordings.get(id)
        return r === undefined ? notFound() : ok({ id: r.id, title: r.title, length: r.length, disambiguation: "", video: false })
      }
      return query === null ? error(400, "Browse of recordings is not supported by this fake.") : searchRecordings(catalogue, query, params)
    }
    case "label": {
      if (id !== undefined && id !== "") {
        const l = [...catalogue.labels.values()].find((x) => x.id === id)
        return l === undefined ? notFound() : ok(labelLookup(l))
      }
      return query === null ? error(400, "Browse of labels is not supported by this fake.") : searchLabels(catalogue, query, params)
    }
    default:
      return notFound()
  }
}

/** A User-Agent as MusicBrainz asks for it: at least one `name/version` product token. */
const properUserAgent = (ua: string | undefined): boolean => ua !== undefined && /\S+\/\S+/.test(ua)

const wantsJson = (params: URLSearchParams, accept: string | undefined): boolean =>
  params.get("fmt") === "json" || (params.get("fmt") === null && (accept ?? "").includes("json"))

/** MusicBrainz's JSON error bodies, as the faults need them. */
const errorBodyOf = (status: number, busy: boolean): string =>
  JSON.stringify(
    busy ? BUSY_BODY : status === 503 ? RATE_LIMIT_BODY : { error: status === 429 ? "Too Many Requests" : "Internal Server Error", help: HELP }
  )

const asFakeReply = (reply: Reply): FakeReply => ({
  status: reply.status,
  headers: { "content-type": "application/json; charset=utf-8", ...reply.headers },
  body: JSON.stringify(reply.body)
})

export const startFakeMusicBrainz = async (options: FakeMusicBrainzOptions = {}): Promise<FakeMusicBrainz> => {
  const catalogue = options.catalogue ?? defaultMusicBrainzCatalogue().catalogue
  const rate = options.rate === undefined ? 1 : options.rate
  const tolerance = options.rateTolerance ?? 0.2
  const log: Array<LoggedRequest> = []
  const faults = new FaultPlan()
  let violations = 0
  let lastArrival: number | undefined
  /** The end of the latest `Retry-After` this server sent (ms, same clock as arrivals). */
  let notBefore = 0
  let isDown = false
  const sockets = new Set<Socket>()
  const pending = new Set<http.ServerResponse>()

  const askedToWait = (seconds: number | undefined): void => {
    if (seconds !== undefined && seconds > 0) notBefore = Math.max(notBefore, now() + seconds * 1000)
  }

  const send = (entry: LoggedRequest, res: http.ServerResponse, reply: Reply): void => {
    entry.status = reply.status
    const body = JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      ...reply.headers
    })
    res.end(body)
    const retryAfter = reply.headers?.["retry-after"]
    askedToWait(retryAfter === undefined ? undefined : Number(retryAfter))
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const arrival = now()
    const entry: LoggedRequest = {
      at: arrival,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      status: 0
    }
    log.push(entry)
    if (!properUserAgent(req.headers["user-agent"])) {
      return send(entry, res, error(403, "A User-Agent of the form 'App/1.0 ( contact )' is required. See https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting"))
    }
    const tooFast = rate !== null && lastArrival !== undefined && arrival - lastArrival < (1000 / rate) * (1 - tolerance)
    const tooSoon = arrival < notBefore - RETRY_AFTER_TOLERANCE_MS
    lastArrival = arrival
    if (tooFast || tooSoon) {
      violations++
      return send(entry, res, { status: 503, body: RATE_LIMIT_BODY, headers: { "retry-after": "1" } })
    }
    const real = (): Reply =>
      wantsJson(url.searchParams, req.headers.accept)
        ? route(catalogue, url.pathname, url.searchParams)
        : error(400, "This fake MusicBrainz only speaks JSON: add fmt=json.")
    const fault = faults.next({ path: url.pathname })
    if (fault === undefined) return send(entry, res, real())
    void serveFault(fault, res, { real: () => asFakeReply(real()), errorBody: errorBodyOf, pending }).then((served) => {
      entry.status = served.status
      askedToWait(served.retryAfterSeconds)
    })
  })
  server.keepAliveTimeout = 1000
  server.on("connection", (socket: Socket) => {
    if (isDown) {
      socket.destroy()
      return
    }
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  server.on("request", (req) => {
    if (isDown) req.socket.destroy()
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    catalogue,
    get requests() {
      return log
    },
    get violations() {
      return violations
    },
    requestsTo: (prefix) => log.filter((e) => e.path.startsWith(prefix)),
    busy: (n) => faults.add({ kind: "busy" }, { times: n }),
    tooManyRequests: (n, seconds) => faults.add({ kind: "retry-after", status: 429, seconds }, { times: n }),
    failWith: (n, status, retryAfter) => faults.add({ kind: "status", status, ...(retryAfter === undefined ? {} : { retryAfter }) }, { times: n }),
    delay: (n, ms) => faults.add({ kind: "delay", ms }, { times: n }),
    hang: (n) => faults.add({ kind: "hang" }, { times: n }),
    fault: (fault, faultOptions) => faults.add(fault, faultOptions),
    clearFaults: () => faults.clear(),
    down: () => {
      isDown = true
      for (const s of sockets) s.destroy()
    },
    up: () => {
      isDown = false
    },
    reset: () => {
      log.length = 0
      violations = 0
      faults.clear()
      lastArrival = undefined
      notBefore = 0
    },
    close: async () => {
      for (const res of pending) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
