import { randomBytes } from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { closeServer } from "./close-server.js"
import { type Fault, type FaultOptions, FaultPlan, serveFault } from "./faults.js"
import { searchText } from "./search-text.js"

/**
 * A local stand-in for Spotify's accounts service (`POST /api/token`, client credentials) and the
 * Web API endpoints Liner reads (`/v1/search?type=album`, `/v1/albums/{id}`,
 * `/v1/albums/{id}/tracks`), on 127.0.0.1 with a random port. It answers like Spotify: the same
 * payload shapes (with fields Liner does not read), the same error bodies, `Retry-After` on 429,
 * search items without `label` (only the full album object has it), paging with `next`. There are
 * no recorded Spotify payloads in the shared fixtures; the catalogue below is hand-written.
 * Network faults (resets, truncated JSON, HTML pages, hangs…) are the shared ones of `faults.ts`.
 */

export interface FakeSpotifyTrack {
  readonly id: string
  readonly name: string
  readonly durationMs: number
  readonly artists: ReadonlyArray<string>
  readonly discNumber?: number
}

export interface FakeSpotifyAlbum {
  readonly id: string
  readonly name: string
  readonly albumType: "album" | "single" | "compilation"
  readonly releaseDate: string
  readonly releaseDatePrecision: "year" | "month" | "day"
  /** Absent: the full album object has no `label` field (Spotify drops it for some apps). */
  readonly label?: string
  readonly artists: ReadonlyArray<string>
  readonly tracks: ReadonlyArray<FakeSpotifyTrack>
}

const track = (id: string, name: string, durationMs: number, ...artists: ReadonlyArray<string>): FakeSpotifyTrack => ({
  id,
  name,
  durationMs,
  artists
})

/**
 * Films and their look-alikes: a songs album with a score album beside it (Jaane Tu… Ya Jaane
 * Na), an original and its remake under the same album name (Don, 1978 and 2006) plus a sequel,
 * and decoys sharing words with a title (Idiots, Three Idiots single).
 */
export const fakeSpotifyCatalogue: ReadonlyArray<FakeSpotifyAlbum> = [
  {
    id: "1tRz3IdiotsOst2009aaaa",
    name: "3 Idiots (Original Motion Picture Soundtrack)",
    albumType: "album",
    releaseDate: "2009-11-27",
    releaseDatePrecision: "day",
    label: "T-Series",
    artists: ["Shantanu Moitra"],
    tracks: [
      track("4aIdiotsAalIzzWell0001", "Aal Izz Well", 275000, "Sonu Nigam", "Shaan", "Swanand Kirkire"),
      track("4aIdiotsZoobiDoobi0002", "Zoobi Doobi", 249000, "Sonu Nigam", "Shreya Ghoshal"),
      track("4aIdiotsBehtiHawa00003", "Behti Hawa Sa Tha Woh", 301000, "Shaan", "Shantanu Moitra"),
      track("4aIdiotsGiveMeSome0004", "Give Me Some Sunshine (From \"3 Idiots\")", 247000, "Suraj Jagan", "Sharman Joshi"),
      track("4aIdiotsJaaneNahin0005", "Jaane Nahin Denge Tujhe", 220000, "Sonu Nigam"),
      track("4aIdiotsAalIzzRemix006", "Aal Izz Well - Remix", 215000, "Sonu Nigam", "Shaan", "Swanand Kirkire")
    ]
  },
  {
    id: "7dIdiotsDecoy2012aaaaa",
    name: "Idiots",
    albumType: "album",
    releaseDate: "2012-03-02",
    releaseDatePrecision: "day",
    label: "Indie Noise",
    artists: ["The Idiots"],
    tracks: [track("5dIdiotsDecoyTrack0001", "Idiot Wind", 200000, "The Idiots")]
  },
  {
    id: "7dThreeIdiotsSingle000",
    name: "Three Idiots",
    albumType: "single",
    releaseDate: "2009",
    releaseDatePrecision: "year",
    artists: ["DJ Aal"],
    tracks: [track("5dThreeIdiotsTrack0001", "Three Idiots", 180000, "DJ Aal")]
  },
  {
    id: "2jJaaneTuSongs2008aaaa",
    name: "Jaane Tu... Ya Jaane Na (Original Motion Picture Soundtrack)",
    albumType: "album",
    releaseDate: "2008-05-19",
    releaseDatePrecision: "day",
    label: "T-Series",
    artists: ["A.R. Rahman"],
    tracks: [
      track("6jJaaneTuKabhiKabhi001", "Kabhi Kabhi Aditi", 219000, "Rashid Ali"),
      track("6jJaaneTuPappuCant0002", "Pappu Can't Dance", 336000, "Benny Dayal", "Naresh Iyer", "Blaaze", "Tanvi Shah"),
      track("6jJaaneTuNazreinMil003", "Nazrein Milaana Nazrein Churaana", 270000, "Benny Dayal", "Satish Chakravarthy", "Sayonara Philip"),
      track("6jJaaneTuMeraKyaHai004", "Jaane Tu Mera Kya Hai", 262000, "Runa Rizvi"),
      track("6jJaaneTuTuBoleMain005", "Tu Bole Main Boloon", 307000, "A.R. Rahman"),
      track("6jJaaneTuKahinToHog006", "Kahin To Hogi Woh", 303000, "Rashid Ali", "Vasundhara Das"),
      track("6jJaaneTuPappuRemix007", "Pappu Can't Dance - Remix", 302000, "Benny Dayal", "Blaaze")
    ]
  },
  {
    id: "2jJaaneTuScore2008aaaa",
    name: "Jaane Tu... Ya Jaane Na (Original Score)",
    albumType: "album",
    releaseDate: "2008-07-04",
    releaseDatePrecision: "day",
    artists: ["A.R. Rahman"],
    tracks: [
      track("6jJaaneTuScoreCue00001", "Aditi's Theme", 95000, "A.R. Rahman"),
      track("6jJaaneTuScoreCue00002", "Rats", 121000, "A.R. Rahman")
    ]
  },
  {
    id: "3dDonOriginal1978aaaaa",
    name: "Don (Original Motion Picture Soundtrack)",
    albumType: "album",
    releaseDate: "1978",
    releaseDatePrecision: "year",
    label: "Saregama",
    artists: ["Kalyanji-Anandji"],
    tracks: [
      track("7dDon1978KhaikePaan001", "Khaike Paan Banaraswala", 338000, "Kishore Kumar"),
      track("7dDon1978YehMeraDil002", "Yeh Mera Dil", 307000, "Asha Bhosle"),
      track("7dDon1978JiskaMujhe003", "Jiska Mujhe Tha Intezar", 322000, "Kishore Kumar", "Lata Mangeshkar"),
      track("7dDon1978MainHoonDon04", "Main Hoon Don", 285000, "Kishore Kumar")
    ]
  },
  {
    id: "3dDonRemake2006aaaaaaa",
    name: "Don (Original Motion Picture Soundtrack)",
    albumType: "album",
    releaseDate: "2006-09-20",
    releaseDatePrecision: "day",
    label: "T-Series",
    artists: ["Shankar-Ehsaan-Loy"],
    tracks: [
      track("7dDon2006AajKiRaat0001", "Aaj Ki Raat", 363000, "Alisha Chinai", "Sonu Nigam", "Mahalakshmi Iyer"),
      track("7dDon2006MainHoonDon02", "Main Hoon Don", 266000, "Shaan"),
      track("7dDon2006YehMeraDil003", "Yeh Mera Dil", 276000, "Sunidhi Chauhan"),
      track("7dDon2006KhaikePaan004", "Khaike Paan Banaraswala", 275000, "Udit Narayan")
    ]
  },
  {
    id: "3dDon2Sequel2011aaaaaa",
    name: "Don 2 (Original Motion Picture Soundtrack)",
    albumType: "album",
    releaseDate: "2011-11-14",
    releaseDatePrecision: "day",
    label: "T-Series",
    artists: ["Shankar-Ehsaan-Loy"],
    tracks: [track("7dDon2011ZaraDilKo0001", "Zara Dil Ko Thaam Lo", 242000, "Anusha Mani")]
  }
]

export interface FakeSpotifyRequest {
  /** When the request arrived (ms since the epoch, server clock). */
  readonly at: number
  readonly method: string
  /** Path and query as received. */
  readonly path: string
  readonly pathname: string
  readonly query: Readonly<Record<string, string>>
  readonly status: number
  /** Which credentials came with it. */
  readonly auth: "basic" | "bearer" | "none"
  /** The bearer token, for API requests that carried one. */
  readonly token?: string
}

/** A failure the next requests answer instead of the real thing. */
export interface FakeSpotifyFailure {
  readonly status: number
  /** Sent as `Retry-After` (seconds) when given. */
  readonly retryAfter?: number | string
  /** How many requests answer this (all, until `clearFailures`, when omitted). */
  readonly times?: number
  /** Which requests: the Web API, the token endpoint, or both. Default: the Web API. */
  readonly on?: "api" | "token" | "all"
}

export interface FakeSpotifyOptions {
  readonly clientId?: string
  readonly clientSecret?: string
  readonly albums?: ReadonlyArray<FakeSpotifyAlbum>
  /** `expires_in` of issued tokens; a token is refused after that (server clock). Default 3600. */
  readonly tokenLifetimeSeconds?: number
  /** Pages never hold more than this many tracks, whatever `limit` asks (to exercise paging). Default 50. */
  readonly maxPageSize?: number
}

export interface FakeSpotify {
  /** Base URL for both `LINER_SPOTIFY_API_URL` and `LINER_SPOTIFY_ACCOUNTS_URL`. */
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  readonly requests: ReadonlyArray<FakeSpotifyRequest>
  /** Access tokens issued so far, in order. */
  readonly tokens: ReadonlyArray<string>
  /** Every token issued so far is refused from now on ("The access token expired"). */
  readonly expireTokens: () => void
  /** Queues a failure (429 with `Retry-After`, 5xx…) for the next matching requests. */
  readonly fail: (failure: FakeSpotifyFailure) => void
  /** Queues a network fault (see `faults.ts`) for the Web API (default), the token endpoint, or both. */
  readonly fault: (fault: Fault, options?: FaultOptions & { readonly on?: "api" | "token" | "all" }) => void
  /** Drops queued failures and faults. */
  readonly clearFailures: () => void
  readonly clearRequests: () => void
  readonly close: () => Promise<void>
}

const defaultClientId = "fake-client-id-0123456789abcdef"
const defaultClientSecret = "fake-client-secret-fedcba9876543210"

interface ParsedSearch {
  readonly album: ReadonlyArray<string>
  readonly yearFrom?: number
  readonly yearTo?: number
  readonly words: ReadonlyArray<string>
}

/** `album:"a phrase"`, `album:word`, `year:2009`, `year:2008-2010`, and free words. */
const parseSearch = (q: string): ParsedSearch => {
  let rest = q
  const album: Array<string> = []
  let yearFrom: number | undefined
  let yearTo: number | undefined
  rest = rest.replace(/album:(?:"([^"]*)"|(\S+))/gi, (_, quoted: string | undefined, bare: string | undefined) => {
    album.push(searchText(quoted ?? bare ?? ""))
    return " "
  })
  rest = rest.replace(/year:(\d{4})(?:-(\d{4}))?/gi, (_, from: string, to: string | undefined) => {
    yearFrom = Number(from)
    yearTo = Number(to ?? from)
    return " "
  })
  const words = searchText(rest).split(" ").filter((w) => w !== "")
  return { album, ...(yearFrom === undefined ? {} : { yearFrom }), ...(yearTo === undefined ? {} : { yearTo }), words }
}

const matches = (album: FakeSpotifyAlbum, search: ParsedSearch): boolean => {
  const name = ` ${searchText(album.name)} `
  const haystack = ` ${searchText([album.name, ...album.artists].join(" "))} `
  const year = Number(album.releaseDate.slice(0, 4))
  return (
    search.album.every((phrase) => phrase === "" || name.includes(` ${phrase} `)) &&
    (search.yearFrom === undefined || (year >= search.yearFrom && year <= (search.yearTo ?? search.yearFrom))) &&
    search.words.every((w) => haystack.includes(` ${w} `))
  )
}

export const startFakeSpotify = async (options: FakeSpotifyOptions = {}): Promise<FakeSpotify> => {
  const clientId = options.clientId ?? defaultClientId
  const clientSecret = options.clientSecret ?? defaultClientSecret
  const albums = options.albums ?? fakeSpotifyCatalogue
  const lifetime = options.tokenLifetimeSeconds ?? 3600
  const maxPageSize = options.maxPageSize ?? 50

  const requests: Array<FakeSpotifyRequest> = []
  const faults = new FaultPlan()
  const pending = new Set<http.ServerResponse>()
  const issued: Array<string> = []
  const validUntil = new Map<string, number>()
  let failures: Array<FakeSpotifyFailure & { left: number }> = []
  let base = ""

  const artistObject = (name: string) => {
    const id = Buffer.from(name).toString("base64url").padEnd(22, "x").slice(0, 22)
    return {
      external_urls: { spotify: `https://open.spotify.com/artist/${id}` },
      href: `${base}/v1/artists/${id}`,
      id,
      name,
      type: "artist",
      uri: `spotify:artist:${id}`
    }
  }

  const simplifiedAlbum = (album: FakeSpotifyAlbum) => ({
    album_type: album.albumType,
    total_tracks: album.tracks.length,
    available_markets: ["IN", "US", "GB"],
    external_urls: { spotify: `https://open.spotify.com/album/${album.id}` },
    href: `${base}/v1/albums/${album.id}`,
    id: album.id,
    images: [{ url: `https://i.scdn.co/image/${album.id}`, height: 640, width: 640 }],
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: album.releaseDatePrecision,
    type: "album",
    uri: `spotify:album:${album.id}`,
    artists: album.artists.map(artistObject)
  })

  const simplifiedTrack = (t: FakeSpotifyTrack, index: number) => ({
    artists: t.artists.map(artistObject),
    available_markets: ["IN", "US", "GB"],
    disc_number: t.discNumber ?? 1,
    duration_ms: t.durationMs,
    explicit: false,
    external_urls: { spotify: `https://open.spotify.com/track/${t.id}` },
    href: `${base}/v1/tracks/${t.id}`,
    id: t.id,
    is_local: false,
    name: t.name,
    preview_url: null,
    track_number: index + 1,
    type: "track",
    uri: `spotify:track:${t.id}`
  })

  const trackPage = (album: FakeSpotifyAlbum, limit: number, offset: number) => {
    const size = Math.min(limit, maxPageSize)
    const items = album.tracks.slice(offset, offset + size).map((t, i) => simplifiedTrack(t, offset + i))
    const pageUrl = (o: number) => `${base}/v1/albums/${album.id}/tracks?offset=${o}&limit=${size}`
    return {
      href: pageUrl(offset),
      items,
      limit: size,
      next: offset + size < album.tracks.length ? pageUrl(offset + size) : null,
      offset,
      previous: offset > 0 ? pageUrl(Math.max(0, offset - size)) : null,
      total: album.tracks.length
    }
  }

  const pendingFailure = (kind: "api" | "token"): FakeSpotifyFailure | undefined => {
    const index = failures.findIndex((f) => (f.on ?? "api") === kind || f.on === "all")
    const failure = failures[index]
    if (failure === undefined) return undefined
    failure.left -= 1
    if (failure.left <= 0) failures = failures.filter((_, i) => i !== index)
    return failure
  }

  const failureBody = (status: number) => {
    const message = status === 429 ? "API rate limit exceeded" : status === 503 ? "Service unavailable" : status >= 500 ? "Server error." : "Bad request."
    return { error: { status, message } }
  }

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      req.on("error", reject)
    })

  const handle = async (req: http.IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: unknown; auth: FakeSpotifyRequest["auth"]; token?: string }> => {
    const url = new URL(req.url ?? "/", base)
    const authorization = req.headers.authorization ?? ""
    const auth: FakeSpotifyRequest["auth"] = authorization.startsWith("Basic ") ? "basic" : authorization.startsWith("Bearer ") ? "bearer" : "none"

    if (url.pathname === "/api/token") {
      const body = await readBody(req)
      const failure = pendingFailure("token")
      if (failure !== undefined) {
        return {
          status: failure.status,
          ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": String(failure.retryAfter) } }),
          body: { error: "server_error", error_description: "Temporarily unavailable" },
          auth
        }
      }
      if (req.method !== "POST") return { status: 405, body: { error: "invalid_request", error_description: "Use POST" }, auth }
      if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        return { status: 400, body: { error: "invalid_request", error_description: "Unsupported content type" }, auth }
      }
      if (new URLSearchParams(body).get("grant_type") !== "client_credentials") {
        return { status: 400, body: { error: "unsupported_grant_type", error_description: "grant_type parameter is missing" }, auth }
      }
      const [id, secret] = Buffer.from(authorization.slice("Basic ".length), "base64").toString("utf8").split(":")
      if (auth !== "basic" || id !== clientId) return { status: 400, body: { error: "invalid_client", error_description: "Invalid client" }, auth }
      if (secret !== clientSecret) return { status: 401, body: { error: "invalid_client", error_description: "Invalid client secret" }, auth }
      const token = `BQ${randomBytes(24).toString("base64url")}`
      issued.push(token)
      validUntil.set(token, Date.now() + lifetime * 1000)
      return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: lifetime }, auth }
    }

    if (!url.pathname.startsWith("/v1/")) return { status: 404, body: { error: { status: 404, message: "Service not found" } }, auth }
    const token = auth === "bearer" ? authorization.slice("Bearer ".length) : undefined
    const withToken = token === undefined ? {} : { token }
    const failure = pendingFailure("api")
    if (failure !== undefined) {
      return {
        status: failure.status,
        ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": String(failure.retryAfter) } }),
        body: failureBody(failure.status),
        auth,
        ...withToken
      }
    }
    if (token === undefined) return { status: 401, body: { error: { status: 401, message: "No token provided" } }, auth }
    const until = validUntil.get(token)
    if (until === undefined) return { status: 401, body: { error: { status: 401, message: "Invalid access token" } }, auth, token }
    if (Date.now() >= until) return { status: 401, body: { error: { status: 401, message: "The access token expired" } }, auth, token }

    if (url.pathname === "/v1/search") {
      const q = url.searchParams.get("q")
      const type = url.searchParams.get("type")
      const limit = Number(url.searchParams.get("limit") ?? "20")
      const offset = Number(url.searchParams.get("offset") ?? "0")
      if (q === null || q.trim() === "") return { status: 400, body: { error: { status: 400, message: "No search query" } }, auth, token }
      if (type === null) return { status: 400, body: { error: { status: 400, message: "Missing parameter type" } }, auth, token }
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) return { status: 400, body: { error: { status: 400, message: "Invalid limit" } }, auth, token }
      const search = parseSearch(q)
      const found = albums.filter((a) => matches(a, search))
      const page = found.slice(offset, offset + limit)
      const href = (o: number) => `${base}/v1/search?query=${encodeURIComponent(q)}&type=album&offset=${o}&limit=${limit}`
      return {
        status: 200,
        body: {
          albums: {
            href: href(offset),
            items: page.map(simplifiedAlbum),
            limit,
            next: offset + limit < found.length ? href(offset + limit) : null,
            offset,
            previous: offset > 0 ? href(Math.max(0, offset - limit)) : null,
            total: found.length
          }
        },
        auth,
        token
      }
    }

    const albumMatch = /^\/v1\/albums\/([^/]+)(\/tracks)?$/.exec(url.pathname)
    if (albumMatch !== null) {
      const album = albums.find((a) => a.id === decodeURIComponent(albumMatch[1] ?? ""))
      if (album === undefined) return { status: 404, body: { error: { status: 404, message: "Resource not found" } }, auth, token }
      if (albumMatch[2] !== undefined) {
        const limit = Number(url.searchParams.get("limit") ?? "20")
        const offset = Number(url.searchParams.get("offset") ?? "0")
        if (!Number.isInteger(limit) || limit < 1 || limit > 50) return { status: 400, body: { error: { status: 400, message: "Invalid limit" } }, auth, token }
        return { status: 200, body: trackPage(album, limit, offset), auth, token }
      }
      return {
        status: 200,
        body: {
          ...simplifiedAlbum(album),
          copyrights: [{ text: `${album.releaseDate.slice(0, 4)} ${album.label ?? "Unknown"}`, type: "P" }],
          external_ids: { upc: "8901234567890" },
          genres: [],
          ...(album.label === undefined ? {} : { label: album.label }),
          popularity: 42,
          tracks: trackPage(album, 50, 0)
        },
        auth,
        token
      }
    }
    return { status: 404, body: { error: { status: 404, message: "Service not found" } }, auth, ...withToken }
  }

  const logRequest = (req: http.IncomingMessage, at: number, status: number, auth: FakeSpotifyRequest["auth"], token?: string) => {
    const url = new URL(req.url ?? "/", base)
    requests.push({
      at,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      pathname: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
      auth,
      ...(token === undefined ? {} : { token })
    })
  }

  const server = http.createServer((req, res) => {
    const at = Date.now()
    const fault = faults.next({ path: new URL(req.url ?? "/", base).pathname })
    if (fault !== undefined) {
      const authorization = req.headers.authorization ?? ""
      const auth: FakeSpotifyRequest["auth"] = authorization.startsWith("Basic ") ? "basic" : authorization.startsWith("Bearer ") ? "bearer" : "none"
      void serveFault(fault, res, {
        real: async () => {
          const answer = await handle(req)
          return { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", ...answer.headers }, body: JSON.stringify(answer.body) }
        },
        errorBody: (status) => JSON.stringify(failureBody(status)),
        pending
      }).then((served) => logRequest(req, at, served.status, auth))
      return
    }
    handle(req)
      .then((answer) => {
        logRequest(req, at, answer.status, answer.auth, answer.token)
        res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers })
        res.end(JSON.stringify(answer.body))
      })
      .catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" })
        res.end(JSON.stringify({ error: { status: 500, message: String(error) } }))
      })
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    clientId,
    clientSecret,
    get requests() {
      return [...requests]
    },
    get tokens() {
      return [...issued]
    },
    expireTokens: () => {
      for (const token of validUntil.keys()) validUntil.set(token, 0)
    },
    fail: (failure) => {
      failures.push({ ...failure, left: failure.times ?? Number.POSITIVE_INFINITY })
    },
    fault: (fault, options = {}) => {
      const on = options.on ?? "api"
      faults.add(fault, {
        ...options,
        when: (request) => (on === "all" || (on === "token") === (request.path === "/api/token")) && (options.when === undefined || options.when(request))
      })
    },
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
