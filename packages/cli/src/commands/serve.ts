/**
 * `liner serve [--host 127.0.0.1] [--port 8080]`: the lookups as an HTTP API (contracts: the same
 * JSON documents as the commands). The server and its HTTP stack load only when this runs.
 */
import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { usage } from "../errors.js"

const host = Options.text("host").pipe(
  Options.withPseudoName("HOST"),
  Options.withDescription("the address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface)"),
  Options.withDefault("127.0.0.1")
)
const port = Options.integer("port").pipe(Options.withPseudoName("PORT"), Options.withDescription("the port to listen on (default 8080; 0 picks a free one, named in the listening line)"), Options.withDefault(8080))

/** Needs `Store`. */
export const serveCommand = Command.make("serve", { host, port }, (flags) =>
  Effect.gen(function* () {
    if (flags.port < 0 || flags.port > 65535) return yield* usage(`--port is a port number from 0 to 65535, not ${flags.port}`)
    if (flags.host.trim() === "") return yield* usage("--host needs an address, such as 127.0.0.1")
    const { serve } = yield* Effect.promise(() => import("../serve/server.js"))
    return yield* serve({ host: flags.host.trim(), port: flags.port })
  })
).pipe(
  Command.withDescription(
    'Answer lookups over HTTP with the commands\' JSON documents (the endpoints are listed at /openapi.json). Prints "listening on http://HOST:PORT" on standard error; SIGTERM lets requests in flight finish.'
  )
)
