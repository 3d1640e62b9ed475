/**
 * `liner serve`: the HTTP API on a Node server, bound to loopback unless told otherwise. Loaded
 * only by that command (the HTTP server is no part of any other command's start-up). The serve
 * code imports @effect/platform's modules by path, never from its index: an index import would
 * put the whole HTTP API into the chunk every command loads.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { soundtrackFinderLive } from "@liner/providers"
import { Duration, Effect, Layer } from "effect"
import { createServer } from "node:http"
import { labelLayer } from "../commands/label.js"
import { usage } from "../errors.js"
import { printErr } from "../output.js"
import { setSignalGrace } from "../signals.js"
import { linerApi, Unavailable } from "./api.js"
import { healthHandlers } from "./health.js"
import { lookupHandlers } from "./lookup-handlers.js"
import { queueHandlers } from "./queue-handlers.js"
import { reportHandlers } from "./report-handlers.js"
import { tooLargeMessage } from "./request-body.js"
import { type Draining, makeDraining } from "./shutdown.js"
import { retryAfterSeconds, type ServeSettings, serveSettings } from "./serve-settings.js"

export interface ServeOptions {
  readonly host: string
  readonly port: number
}

/** An error of the API's own shape (`{ _tag, message }`) from outside a handler. */
const errorResponse = (status: number, tag: string, message: string, headers: Record<string, string> = {}) =>
  HttpServerResponse.unsafeJson({ _tag: tag, message }, { status, headers })

/** Every 503 says when to try again; once the server is going down each response closes its connection. */
const finishing = (draining: Draining) => (response: HttpServerResponse.HttpServerResponse) => {
  let out = response
  if (out.status === 503 && out.headers["retry-after"] === undefined) out = HttpServerResponse.setHeader(out, "retry-after", String(retryAfterSeconds))
  if (draining.isDraining()) out = HttpServerResponse.setHeader(out, "connection", "close")
  return out
}

/**
 * Around every request: a body announced over the limit is refused unread (413), and `finishing`
 * touches every response (the app sends its own response itself, so through a pre-response handler).
 */
const guard =
  (settings: ServeSettings, draining: Draining) =>
  (app: HttpApp.Default): HttpApp.Default =>
    Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const finish = finishing(draining)
      const announced = Number(request.headers["content-length"] ?? "0")
      if (announced > settings.maxBodyBytes) return finish(errorResponse(413, "BodyTooLarge", tooLargeMessage(settings.maxBodyBytes), { connection: "close" }))
      yield* HttpApp.appendPreResponseHandler((_, response) => Effect.succeed(finish(response)))
      return yield* app
    })

/** A request that takes too long is stopped (a queue run hands its items back) and answered 503. */
const timeouts = (settings: ServeSettings) =>
  HttpApiBuilder.middleware(linerApi, (app) =>
    Effect.timeoutFail(app, {
      duration: settings.requestTimeout,
      onTimeout: () => new Unavailable({ message: `the request took longer than ${Duration.format(settings.requestTimeout)} (LINER_SERVE_TIMEOUT): try again later, or fewer items at a time` })
    })
  )

const formatHost = (host: string) => (host.includes(":") ? `[${host}]` : host)

/** Serves until interrupted (SIGTERM, SIGINT): then in-flight requests finish within the grace. Needs `Store`. */
export const serve = (options: ServeOptions) =>
  Effect.gen(function* () {
    const settings = yield* serveSettings
    const draining = yield* makeDraining(settings.grace)
    // The runtime's interruption waits for the server to close: the process may not end before.
    setSignalGrace(Duration.toMillis(settings.grace) + 500)

    const finders = Layer.merge(soundtrackFinderLive, labelLayer({ scrape: false }))
    const handlers = Layer.mergeAll(lookupHandlers(settings).pipe(Layer.provide(finders)), queueHandlers(draining), reportHandlers, healthHandlers)
    const api = HttpApiBuilder.api(linerApi).pipe(Layer.provide(handlers))

    // Acquired after the server and so released before it: the way down starts before the close.
    const announce = Layer.scopedDiscard(
      Effect.gen(function* () {
        const server = yield* HttpServer.HttpServer
        yield* Effect.addFinalizer(() => draining.begin)
        const address = server.address._tag === "TcpAddress" ? `http://${formatHost(server.address.hostname)}:${server.address.port}` : server.address.path
        yield* printErr(`listening on ${address}`)
      })
    )

    const nodeServer = NodeHttpServer.layer(
      // Slow clients may not hold a connection forever: the headers within 10 s, the whole request within 30 s.
      () => createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }),
      { host: options.host, port: options.port }
    )

    const app = Layer.mergeAll(HttpApiBuilder.serve(guard(settings, draining)), HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" }), timeouts(settings), announce).pipe(
      Layer.provide(api),
      Layer.provide(nodeServer)
    )
    return yield* Layer.launch(app).pipe(
      Effect.catchTag("ServeError", (error) => {
        const code = (error.cause as NodeJS.ErrnoException | undefined)?.code
        return Effect.fail(usage(`cannot listen on ${formatHost(options.host)}:${options.port}: ${code === "EADDRINUSE" ? "the port is in use" : code === "EADDRNOTAVAIL" ? "no such address here" : (code ?? "refused")}`))
      })
    )
  })
