import type http from "node:http"

/**
 * How real networks misbehave, written once for every fake server (MusicBrainz, Spotify, and the
 * sources still to come). A fake queues faults with a `FaultPlan` and, for each request that
 * draws one, answers with `serveFault` instead of (or by spoiling) its real answer.
 */
export type Fault =
  /** 503 with `Retry-After: 0` and the source's "busy" body: load shedding. */
  | { readonly kind: "busy" }
  /** This status (429 or 503) with `Retry-After: <seconds>` and the source's error body. */
  | { readonly kind: "retry-after"; readonly status: number; readonly seconds: number }
  /** This status with the source's error body and, when given, a `Retry-After` as written. */
  | { readonly kind: "status"; readonly status: number; readonly retryAfter?: string }
  /** The real answer's status and headers, half its body, then a TCP reset. */
  | { readonly kind: "reset-mid-body" }
  /** The connection is destroyed as the request arrives: no answer at all. */
  | { readonly kind: "destroy" }
  /** 200 whose complete body (by its Content-Length) is the first part of the real JSON: a truncating proxy. */
  | { readonly kind: "truncated-json" }
  /** 200 with an HTML page: a captive portal. */
  | { readonly kind: "html" }
  /** 502 with a proxy's HTML error page. */
  | { readonly kind: "proxy-502" }
  /** Accepted and never answered (until the server closes). */
  | { readonly kind: "hang" }
  /** The real answer, after `ms`. */
  | { readonly kind: "delay"; readonly ms: number }

/** The modes of the fault drill, by name (the drill runs each through the real CLI). */
export const faultModes = {
  busy: { kind: "busy" },
  "503 with Retry-After": { kind: "retry-after", status: 503, seconds: 1 },
  "429 with Retry-After": { kind: "retry-after", status: 429, seconds: 1 },
  "reset mid-body": { kind: "reset-mid-body" },
  "destroyed socket": { kind: "destroy" },
  "truncated JSON": { kind: "truncated-json" },
  "HTML 200": { kind: "html" },
  "502 proxy page": { kind: "proxy-502" },
  hang: { kind: "hang" }
} as const satisfies Record<string, Fault>

export interface FaultOptions {
  /** How many matching requests draw the fault. Default 1; `"forever"` until cleared. */
  readonly times?: number | "forever"
  /** Only requests whose path starts with this draw it (e.g. "/ws/2/release/"). */
  readonly path?: string
  /** A source's own filter (Spotify: the API or the token endpoint). */
  readonly when?: (request: { readonly path: string }) => boolean
}

interface Queued {
  readonly fault: Fault
  left: number
  readonly matches: (request: { readonly path: string }) => boolean
}

/** Faults waiting for requests, first queued first served. */
export class FaultPlan {
  private queued: Array<Queued> = []

  add(fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1
    const { path, when } = options
    this.queued.push({
      fault,
      left: times === "forever" ? Number.POSITIVE_INFINITY : times,
      matches: (request) => (path === undefined || request.path.startsWith(path)) && (when === undefined || when(request))
    })
  }

  /** The fault this request draws, if any (counted). */
  next(request: { readonly path: string }): Fault | undefined {
    const entry = this.queued.find((q) => q.left > 0 && q.matches(request))
    if (entry === undefined) return undefined
    entry.left--
    this.queued = this.queued.filter((q) => q.left > 0)
    return entry.fault
  }

  clear(): void {
    this.queued = []
  }
}

/** An answer as a fake would send it. */
export interface FakeReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface FaultContext {
  /** The answer the server would have given (spoilt by `reset-mid-body` and `truncated-json`, sent by `delay`). */
  readonly real: () => FakeReply | Promise<FakeReply>
  /** The source's own JSON error body for a status; `busy` for load shedding. */
  readonly errorBody: (status: number, busy: boolean) => string
  /** Answers that are left pending (hang, delay), so the server can end them on close. */
  readonly pending: Set<http.ServerResponse>
}

/** What was sent: the status (0 when nothing was), and the wait asked for, in seconds. */
export interface FaultServed {
  readonly status: number
  readonly retryAfterSeconds?: number
}

const CAPTIVE_PORTAL = `<!DOCTYPE html>
<html><head><title>Sign in to CafeNet Wi-Fi</title></head>
<body><h1>Welcome to CafeNet</h1><p>Please accept the terms of use to continue to the Internet.</p>
<form method="post" action="/login"><button>Accept and connect</button></form></body></html>
`

const PROXY_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`

const sendReply = (res: http.ServerResponse, reply: FakeReply): void => {
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(Buffer.byteLength(reply.body)) })
  res.end(reply.body)
}

const json = (status: number, body: string, headers: Readonly<Record<string, string>> = {}): FakeReply => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body
})

/** Answers `res` the way `fault` says. */
export const serveFault = async (fault: Fault, res: http.ServerResponse, context: FaultContext): Promise<FaultServed> => {
  switch (fault.kind) {
    case "busy":
      sendReply(res, json(503, context.errorBody(503, true), { "retry-after": "0" }))
      return { status: 503, retryAfterSeconds: 0 }
    case "retry-after":
      sendReply(res, json(fault.status, context.errorBody(fault.status, false), { "retry-after": String(fault.seconds) }))
      return { status: fault.status, retryAfterSeconds: fault.seconds }
    case "status": {
      sendReply(res, json(fault.status, context.errorBody(fault.status, false), fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter }))
      const seconds = Number(fault.retryAfter)
      return fault.retryAfter !== undefined && Number.isFinite(seconds) ? { status: fault.status, retryAfterSeconds: seconds } : { status: fault.status }
    }
    case "html":
      sendReply(res, { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: CAPTIVE_PORTAL })
      return { status: 200 }
    case "proxy-502":
      sendReply(res, { status: 502, headers: { "content-type": "text/html", server: "nginx" }, body: PROXY_502 })
      return { status: 502 }
    case "truncated-json": {
      const real = await context.real()
      // Cut inside the document, and announce the cut length: the HTTP body is complete, the JSON is not.
      sendReply(res, { ...real, status: 200, body: real.body.slice(0, Math.max(1, Math.floor(real.body.length * 0.6))) })
      return { status: 200 }
    }
    case "reset-mid-body": {
      const real = await context.real()
      const body = Buffer.from(real.body)
      res.writeHead(real.status, { ...real.headers, "content-length": String(body.length) })
      // Headers and half the body reach the client first; then the connection is reset.
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        setTimeout(() => res.socket?.resetAndDestroy(), 50)
      })
      return { status: real.status }
    }
    case "destroy":
      res.socket?.destroy()
      return { status: 0 }
    case "hang":
      context.pending.add(res)
      res.on("close", () => context.pending.delete(res))
      return { status: 0 }
    case "delay": {
      context.pending.add(res)
      await new Promise((resolve) => setTimeout(resolve, fault.ms))
      context.pending.delete(res)
      if (res.destroyed) return { status: 0 }
      const real = await context.real()
      sendReply(res, real)
      return { status: real.status }
    }
  }
}
