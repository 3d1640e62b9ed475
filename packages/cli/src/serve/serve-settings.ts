import { Config, Duration } from "effect"

/**
 * The limits of `liner serve`, from the environment: a request body (bytes, 413 beyond), a batch
 * (items of POST /soundtracks and /labels, 400 beyond), the time one request may take (503 with
 * Retry-After beyond; a batch is one request), and how long in-flight requests may go on after
 * SIGTERM before the process ends. The defaults fit together: a batch of 50 films the store does
 * not know takes about 150 s at MusicBrainz's one request a second, within the 300 s.
 */
export const serveSettings = Config.all({
  maxBodyBytes: Config.integer("LINER_SERVE_MAX_BODY").pipe(Config.withDefault(1024 * 1024), Config.validate({ message: "LINER_SERVE_MAX_BODY must be 1 or more (bytes)", validation: (n) => n >= 1 })),
  maxBatch: Config.integer("LINER_SERVE_MAX_BATCH").pipe(Config.withDefault(50), Config.validate({ message: "LINER_SERVE_MAX_BATCH must be 1 or more", validation: (n) => n >= 1 })),
  requestTimeout: Config.integer("LINER_SERVE_TIMEOUT").pipe(
    Config.withDefault(300),
    Config.validate({ message: "LINER_SERVE_TIMEOUT must be 1 or more (seconds)", validation: (n) => n >= 1 }),
    Config.map(Duration.seconds)
  ),
  grace: Config.integer("LINER_SERVE_GRACE").pipe(
    Config.withDefault(10),
    Config.validate({ message: "LINER_SERVE_GRACE must be 1 or more (seconds)", validation: (n) => n >= 1 }),
    Config.map(Duration.seconds)
  )
})

export type ServeSettings = Config.Config.Success<typeof serveSettings>

/** What Retry-After says when the cause gives no better hint: a source's short outage (seconds). */
export const retryAfterSeconds = 60
