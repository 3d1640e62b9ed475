import http from "node:http"
import type { AddressInfo } from "node:net"
import { closeServer } from "./close-server.js"
import { type Fault, type FaultOptions, FaultPlan, serveFault } from "./faults.js"

/**
 * A local stand-in for the Wikidata Query Service on 127.0.0.1 with a random port: `GET /sparql`
 * answers Liner's film query (films by IMDb id, P345) in the SPARQL 1.1 Query Results JSON
 * format, as the service sends it: `application/sparql-results+json`, `head.vars` in SELECT
 * order, one binding per combination of the OPTIONAL values (album × release group × composer ×
 * lyricist), unbound variables left out of a binding, labels as `{"xml:lang": "en", type:
 * "literal", value}`, and an entity without an English label labelled with its bare Q-id (the
 * label service's fallback). Without `Accept: application/sparql-results+json` it answers XML,
 * like the real service. Its errors are the real ones' shapes: 403 with the robot-policy text
 * when the User-Agent is missing or generic; 400 with a `MalformedQueryException` text for a
 * query it cannot read; 500 with a `java.util.concurrent.TimeoutException` trace for a query
 * that timed out; 429 with `Retry-After` when throttled. On demand: those statuses, and the
 * shared network faults of `faults.ts` (a hang, an HTML page, a reset…).
 *
 * Every request is logged; a request sooner than a `Retry-After` it was given counts as a
 * violation, and so does a request sent while another is still being answered (the service
 * asks for one at a time).
 */

export interface FakeWikidataEntity {
  readonly item: string
  /** The English label; absent: the entity has none (the label service answers its Q-id). */
  readonly label?: string
}

export interface FakeWikidataAlbum extends FakeWikidataEntity {
  /** MusicBrainz release-group ids (P436). */
  readonly releaseGroupIds?: ReadonlyArray<string>
}

export interface FakeWikidataFilm extends FakeWikidataEntity {
  readonly imdbId: string
  /** Soundtrack releases (P406). */
  readonly albums?: ReadonlyArray<FakeWikidataAlbum>
  /** Composers (P86). */
  readonly composers?: ReadonlyArray<FakeWikidataEntity>
  /** Lyricists (P676). */
  readonly lyricists?: ReadonlyArray<FakeWikidataEntity>
}

export interface FakeWikidataRequest {
  readonly at: number
  readonly method: string
  readonly path: string
  /** The SPARQL text received (`query` parameter). */
  readonly query: string
  /** The IMDb id the query asked about, when it is Liner's film query. */
  readonly imdbId: string | undefined
  /** 0 when nothing was sent (a hang, a destroyed socket). */
  readonly status: number
  readonly userAgent: string | undefined
  readonly accept: string | undefined
}

export interface FakeWikidataFailure {
  /** 429 (with `retryAfter`), 500 (a query timeout), 503… */
  readonly status: number
  /** Sent as `Retry-After` (seconds) when given. */
  readonly retryAfter?: number
  /** How many requests answer this (default 1; `"forever"` until cleared). */
  readonly times?: number | "forever"
}

export interface FakeWikidataOptions {
  readonly films?: ReadonlyArray<FakeWikidataFilm>
}

export interface FakeWikidata {
  /** The value for `LINER_WIKIDATA_URL` (queries go to `<url>/sparql`). */
  readonly url: string
  readonly requests: ReadonlyArray<FakeWikidataRequest>
  /** Requests sooner than a `Retry-After` they were given, or sent while another was in flight. */
  readonly violations: number
  /** Adds (or replaces, by IMDb id) a film. */
  readonly addFilm: (film: FakeWikidataFilm) => void
  readonly fail: (failure: FakeWikidataFailure) => void
  /** Queues a network fault (see `faults.ts`). */
  readonly fault: (fault: Fault, options?: FaultOptions) => void
  readonly clearFailures: () => void
  readonly clearRequests: () => void
  readonly close: () => Promise<void>
}

const entityUri = (item: string) => `http://www.wikidata.org/entity/${item}`

/** The variables of Liner's film query, in SELECT order (what the real service puts in `head.vars`). */
const selectVars = (query: string): ReadonlyArray<string> => {
  const select = /SELECT\s+(?:DISTINCT\s+)?(.*?)\s+WHERE/is.exec(query)?.[1] ?? ""
  return [...select.matchAll(/\?(\w+)/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]))
}

const ROBOT_POLICY = "Please set a user-agent and respect our robot policy https://w.wiki/4wJS. See also https://phabricator.wikimedia.org/T400119.\n"

const malformed = (query: string) =>
  `SPARQL-QUERY: queryStr=${query}\njava.util.concurrent.ExecutionException: org.openrdf.query.MalformedQueryException: Encountered " <EOF> " at line 1, column ${query.length}.\n\tat java.util.concurrent.FutureTask.report(FutureTask.java:122)\n`

const queryTimeout = (query: string) =>
  `SPARQL-QUERY: queryStr=${query}\njava.util.concurrent.TimeoutException\n\tat java.util.concurrent.FutureTask.get(FutureTask.java:205)\n\tat com.bigdata.rdf.sail.webapp.BigdataServlet.submitApiTask(BigdataServlet.java:292)\n`

const genericAgent = (agent: string | undefined) => agent === undefined || agent.trim() === "" || /^(python-requests|curl|node|undici|axios|java)\b/i.test(agent.trim())

export const startFakeWikidata = async (options: FakeWikidataOptions = {}): Promise<FakeWikidata> => {
  const films = new Map<string, FakeWikidataFilm>((options.films ?? []).map((f) => [f.imdbId, f]))
  const requests: Array<FakeWikidataRequest> = []
  const faults = new FaultPlan()
  const pending = new Set<http.ServerResponse>()
  let failures: Array<FakeWikidataFailure & { left: number }> = []
  let violations = 0
  let notBefore = 0
  let inFlight = 0
  let origin = ""

  const label = (e: FakeWikidataEntity) =>
    e.label === undefined ? { type: "literal", value: e.item } : { "xml:lang": "en", type: "literal", value: e.label }

  /** One binding per combination of the film's optional values, as the SPARQL engine multiplies them. */
  const bindingsOf = (film: FakeWikidataFilm): Array<Record<string, unknown>> => {
    const base = { film: { type: "uri", value: entityUri(film.item) }, filmLabel: label(film) }
    const albumRows: Array<Record<string, unknown>> = (film.albums ?? []).flatMap((album) => {
      const row = { album: { type: "uri", value: entityUri(album.item) }, albumLabel: label(album) }
      const groups = album.releaseGroupIds ?? []
      return groups.length === 0 ? [row] : groups.map((g) => ({ ...row, releaseGroup: { type: "literal", value: g } }))
    })
    const composerRows = (film.composers ?? []).map((c) => ({ composer: { type: "uri", value: entityUri(c.item) }, composerLabel: label(c) }))
    const lyricistRows = (film.lyricists ?? []).map((l) => ({ lyricist: { type: "uri", value: entityUri(l.item) }, lyricistLabel: label(l) }))
    const orOne = (rows: Array<Record<string, unknown>>) => (rows.length === 0 ? [{}] : rows)
    return orOne(albumRows).flatMap((a) => orOne(composerRows).flatMap((c) => orOne(lyricistRows).map((l) => ({ ...base, ...a, ...c, ...l }))))
  }

  interface Reply {
    readonly status: number
    readonly headers: Record<string, string>
    readonly body: string
  }

  const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
    body
  })

  const answer = (req: http.IncomingMessage): Reply => {
    const url = new URL(req.url ?? "/", origin)
    if (url.pathname !== "/sparql" || (req.method !== "GET" && req.method !== "POST"))
      return { status: 404, headers: { "content-type": "text/html; charset=utf-8" }, body: "<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>" }
    if (genericAgent(req.headers["user-agent"])) return text(403, ROBOT_POLICY)
    const query = url.searchParams.get("query") ?? ""
    const failure = failures[0]
    if (failure !== undefined) {
      failure.left -= 1
      if (failure.left <= 0) failures = failures.slice(1)
      if (failure.status === 500) return text(500, queryTimeout(query))
      return text(failure.status, failure.status === 429 ? "Too Many Requests - Please retry in a minute\n" : "Service Unavailable\n", failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) })
    }
    const imdbId = /wdt:P345\s+"([^"]*)"/.exec(query)?.[1]
    if (query.trim() === "" || imdbId === undefined || !/\bWHERE\b/i.test(query) || !query.trimEnd().endsWith("}")) return text(400, malformed(query))
    const film = films.get(imdbId)
    const vars = selectVars(query)
    const bindings = film === undefined ? [] : bindingsOf(film).map((b) => Object.fromEntries(Object.entries(b).filter(([name]) => vars.includes(name))))
    const accept = req.headers.accept ?? ""
    if (!/application\/sparql-results\+json|application\/json/.test(accept))
      return {
        status: 200,
        headers: { "content-type": "application/sparql-results+xml;charset=utf-8" },
        body: `<?xml version='1.0' encoding='UTF-8'?>\n<sparql xmlns='http://www.w3.org/2005/sparql-results#'><head></head><results></results></sparql>\n`
      }
    return {
      status: 200,
      headers: { "content-type": "application/sparql-results+json;charset=utf-8", "x-served-by": "wdqs1023" },
      body: JSON.stringify({ head: { vars }, results: { bindings } })
    }
  }

  const logRequest = (req: http.IncomingMessage, at: number, status: number) => {
    const url = new URL(req.url ?? "/", origin)
    const query = url.searchParams.get("query") ?? ""
    requests.push({
      at,
      method: req.method ?? "GET",
      path: url.pathname,
      query,
      imdbId: /wdt:P345\s+"([^"]*)"/.exec(query)?.[1],
      status,
      userAgent: req.headers["user-agent"],
      accept: req.headers.accept
    })
  }

  const expectWait = (retryAfter: string | undefined, at: number) => {
    const seconds = Number(retryAfter)
    if (retryAfter !== undefined && Number.isFinite(seconds)) notBefore = Math.max(notBefore, at + seconds * 1000 - 25)
  }

  const server = http.createServer((req, res) => {
    const at = Date.now()
    if (at < notBefore || inFlight > 0) violations++
    inFlight++
    res.on("close", () => inFlight--)
    const fault = faults.next({ path: new URL(req.url ?? "/", origin).pathname })
    if (fault !== undefined) {
      void serveFault(fault, res, {
        real: () => answer(req),
        errorBody: (status) => (status === 429 ? "Too Many Requests - Please retry in a minute\n" : "Service Unavailable\n"),
        pending
      }).then((served) => {
        if (served.retryAfterSeconds !== undefined) expectWait(String(served.retryAfterSeconds), Date.now())
        logRequest(req, at, served.status)
      })
      return
    }
    const reply = answer(req)
    logRequest(req, at, reply.status)
    expectWait(reply.headers["retry-after"], Date.now())
    res.writeHead(reply.status, { ...reply.headers, "content-length": String(Buffer.byteLength(reply.body)) })
    res.end(reply.body)
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: origin,
    get requests() {
      return [...requests]
    },
    get violations() {
      return violations
    },
    addFilm: (film) => {
      films.set(film.imdbId, film)
    },
    fail: (failure) => {
      const times = failure.times ?? 1
      failures.push({ ...failure, left: times === "forever" ? Number.POSITIVE_INFINITY : times })
    },
    fault: (fault, faultOptions = {}) => faults.add(fault, faultOptions),
    clearFailures: () => {
      failures = []
      faults.clear()
    },
    clearRequests: () => {
      requests.length = 0
    },
    close: () => closeServer(server, pending)
  }
}
