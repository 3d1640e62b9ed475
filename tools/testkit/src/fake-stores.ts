import { readFileSync } from "node:fs"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"

/**
 * Local stand-ins for Beatport, Juno Download and Traxsource, built from the hand-authored pages
 * and the route table in `fixtures/scrapers/manifest.json`. One server per site (each needs its
 * own origin, for robots.txt), on 127.0.0.1 with a random port. Scenarios switch a site into the
 * failure modes the notes describe: managed challenge, Beatport's own bot check, 429/502/403, or
 * pages whose fields were renamed.
 */

export type StoreSite = "beatport" | "junodownload" | "traxsource"
export const storeSites: ReadonlyArray<StoreSite> = ["beatport", "junodownload", "traxsource"]

const fixturesDir = fileURLToPath(new URL("../fixtures/scrapers/", import.meta.url))

/** The text of a fixture file, by its path inside `fixtures/scrapers/`. */
export const readStoreFixture = (file: string): string => readFileSync(`${fixturesDir}${file}`, "utf8")

export interface StoreRoute {
  readonly site: string
  readonly file: string
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly match: {
    readonly url?: string
    readonly pathname?: string
    readonly pathname_regex?: string
    readonly query?: Readonly<Record<string, string>>
    readonly note?: string
  }
  readonly expected?: Readonly<Record<string, unknown>>
  readonly expected_results?: ReadonlyArray<Readonly<Record<string, unknown>>>
}

export interface StoreErrorScenario {
  readonly site: string
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly note: string
}

export interface StoreManifest {
  readonly routes: ReadonlyArray<StoreRoute>
  readonly error_scenarios: ReadonlyArray<StoreErrorScenario>
}

/** The copied manifest: live URLs, matchers, statuses, headers and the values parsers must extract. */
export const storeManifest = (): StoreManifest => JSON.parse(readStoreFixture("manifest.json")) as StoreManifest

export type StoreScenario =
  | { readonly kind: "normal" }
  /** Every page answers the managed-challenge interstitial: 403 + `cf-mitigated: challenge`. */
  | { readonly kind: "challenge" }
  /** Every page answers Beatport's own bot check, with status 200. */
  | { readonly kind: "human-test" }
  /**
   * The next `times` page requests (all of them when omitted) answer this status, with the
   * headers of the manifest's error scenario for the site (e.g. `retry-after: 2` for Juno's 429).
   */
  | { readonly kind: "status"; readonly status: number; readonly times?: number; readonly headers?: Readonly<Record<string, string>> }
  /**
   * Page requests whose path matches `paths` (all when omitted) answer this fixture (200),
   * optionally rewritten: any query meets that page. Other paths are routed as usual.
   */
  | { readonly kind: "serve"; readonly file: string; readonly paths?: RegExp; readonly rewrite?: (html: string) => string }
  /** Pages are served through `rewrite` (e.g. fields renamed, to look like a changed layout). */
  | { readonly kind: "rewrite"; readonly rewrite: (html: string, file: string) => string }

/** Renames the fields each site's parser reads, so a scrape check should report "changed". */
export const changedLayout: Readonly<Record<StoreSite, (html: string) => string>> = {
  beatport: (html) => html.replaceAll('"track_name"', '"trackTitle"').replaceAll('"label_name"', '"labelTitle"'),
  junodownload: (html) =>
    html.replaceAll("juno-title", "jd-release-title").replaceAll("juno-label", "jd-release-label").replaceAll("juno-artist", "jd-artist"),
  traxsource: (html) => html.replaceAll('trk-cell title', "trk-cell ttl").replaceAll('trk-cell label', "trk-cell lbl")
}

export interface RecordedRequest {
  readonly site: StoreSite
  readonly method: string
  /** Path and query as received. */
  readonly path: string
  readonly pathname: string
  readonly userAgent: string | undefined
  readonly referer: string | undefined
  /** The request came through the testkit forward proxy. */
  readonly viaProxy: boolean
  readonly status: number
}

export interface FakeStores {
  readonly baseUrl: (site: StoreSite) => string
  readonly setScenario: (site: StoreSite, scenario: StoreScenario) => void
  /** robots.txt for the site (default: everything allowed). */
  readonly setRobots: (site: StoreSite, text: string) => void
  /** Every request received (robots.txt included), oldest first. */
  readonly requests: (site?: StoreSite) => ReadonlyArray<RecordedRequest>
  /** Requests other than robots.txt. */
  readonly pageRequests: (site: StoreSite) => ReadonlyArray<RecordedRequest>
  /** Back to normal scenarios and allow-all robots, and forget recorded requests. */
  readonly reset: () => void
  readonly close: () => Promise<void>
}

const allowAll = "User-agent: *\nAllow: /\n"

const normalizeParam = (value: string): string => value.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim()
const trimSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, "") : path)

const routeMatches = (route: StoreRoute, url: URL): boolean => {
  const { pathname, pathname_regex: regex, query } = route.match
  const requested = decodeURIComponent(url.pathname)
  if (pathname !== undefined && trimSlash(pathname).toLowerCase() !== trimSlash(requested).toLowerCase()) return false
  if (regex !== undefined && !new RegExp(regex, "i").test(requested)) return false
  if (pathname === undefined && regex === undefined) return false
  for (const [key, wanted] of Object.entries(query ?? {})) {
    const entry = [...url.searchParams.entries()].find(([k]) => k.toLowerCase() === key.toLowerCase())
    if (entry === undefined || normalizeParam(entry[1]) !== normalizeParam(wanted)) return false
  }
  return true
}

const specificity = (route: StoreRoute): number => Object.keys(route.match.query ?? {}).length

const plainPage = (title: string): string => `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`

const statusTitles: Readonly<Record<number, string>> = {
  403: "403 Forbidden",
  404: "404 Not Found",
  429: "429 Too Many Requests",
  502: "502 Bad Gateway",
  503: "503 Service Unavailable"
}

interface SiteState {
  scenario: StoreScenario
  robots: string
  /** Page requests already answered with the scenario status. */
  statusServed: number
}

export const startFakeStores = async (): Promise<FakeStores> => {
  const manifest = storeManifest()
  const routes = [...manifest.routes].sort((a, b) => specificity(b) - specificity(a))
  const challenge = manifest.routes.find((r) => r.file === "_shared/challenge-interstitial.html")
  const log: Array<RecordedRequest> = []
  const states = new Map<StoreSite, SiteState>()
  const servers = new Map<StoreSite, { server: http.Server; url: string }>()
  const freshState = (): SiteState => ({ scenario: { kind: "normal" }, robots: allowAll, statusServed: 0 })

  const answer = (site: StoreSite, req: http.IncomingMessage): { status: number; headers: Record<string, string>; body: string } => {
    const state = states.get(site) ?? freshState()
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const html = { "content-type": "text/html; charset=UTF-8" }
    if (url.pathname === "/robots.txt") {
      return { status: 200, headers: { "content-type": "text/plain; charset=UTF-8" }, body: state.robots }
    }
    const scenario = state.scenario
    if (scenario.kind === "challenge") {
      return {
        status: challenge?.status ?? 403,
        headers: { ...html, ...challenge?.headers },
        body: readStoreFixture("_shared/challenge-interstitial.html")
      }
    }
    if (scenario.kind === "human-test") {
      return { status: 200, headers: html, body: readStoreFixture("beatport/human-test.html") }
    }
    if (scenario.kind === "status" && (scenario.times === undefined || state.statusServed < scenario.times)) {
      state.statusServed += 1
      const listed = manifest.error_scenarios.find((e) => e.site === site && e.status === scenario.status)
      return {
        status: scenario.status,
        headers: { ...html, ...listed?.headers, ...scenario.headers },
        body: plainPage(statusTitles[scenario.status] ?? `${scenario.status}`)
      }
    }
    if (scenario.kind === "serve" && (scenario.paths === undefined || scenario.paths.test(url.pathname))) {
      const page = readStoreFixture(scenario.file)
      return { status: 200, headers: html, body: scenario.rewrite === undefined ? page : scenario.rewrite(page) }
    }
    const route = routes.find((r) => r.site === site && routeMatches(r, url))
    if (route === undefined) return { status: 404, headers: html, body: plainPage("404 Not Found") }
    const page = readStoreFixture(route.file)
    return {
      status: route.status,
      headers: { ...html, ...route.headers },
      body: scenario.kind === "rewrite" ? scenario.rewrite(page, route.file) : page
    }
  }

  for (const site of storeSites) {
    states.set(site, freshState())
    const server = http.createServer((req, res) => {
      const reply = answer(site, req)
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      log.push({
        site,
        method: req.method ?? "GET",
        path: req.url ?? "/",
        pathname: url.pathname,
        userAgent: req.headers["user-agent"],
        referer: req.headers.referer,
        viaProxy: req.headers["x-forwarded-by"] === "testkit-proxy",
        status: reply.status
      })
      res.writeHead(reply.status, reply.headers)
      res.end(reply.body)
    })
    // Keep-alive sockets would hold `close()` open until they time out.
    server.keepAliveTimeout = 1
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    servers.set(site, { server, url: `http://127.0.0.1:${port}` })
  }

  const stateOf = (site: StoreSite): SiteState => {
    const state = states.get(site)
    if (state === undefined) throw new Error(`unknown store ${site}`)
    return state
  }

  return {
    baseUrl: (site) => servers.get(site)?.url ?? "",
    setScenario: (site, scenario) => {
      const state = stateOf(site)
      state.scenario = scenario
      state.statusServed = 0
    },
    setRobots: (site, text) => {
      stateOf(site).robots = text
    },
    requests: (site) => log.filter((r) => site === undefined || r.site === site),
    pageRequests: (site) => log.filter((r) => r.site === site && r.pathname !== "/robots.txt"),
    reset: () => {
      for (const site of storeSites) states.set(site, freshState())
      log.length = 0
    },
    close: async () => {
      await Promise.all(
        [...servers.values()].map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections()
              server.close(() => resolve())
            })
        )
      )
    }
  }
}
