/**
 * The HTTP API of `liner serve`, typed: each endpoint's input and the OpenAPI document at
 * /openapi.json come from here. The answers are the CLI's own JSON documents (the same functions
 * make them), so their schemas here only describe them; handlers send them as the CLI prints them.
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { LINER_VERSION } from "@liner/core"
import { Schema } from "effect"

/** Bad input: the message is the CLI's for the same input. */
export class BadInput extends Schema.TaggedError<BadInput>()("BadInput", { message: Schema.String }, HttpApiSchema.annotations({ status: 400 })) {}

/** A request body over the limit (LINER_SERVE_MAX_BODY). */
export class BodyTooLarge extends Schema.TaggedError<BodyTooLarge>()("BodyTooLarge", { message: Schema.String }, HttpApiSchema.annotations({ status: 413 })) {}

/** The store, a timeout or a shutdown kept the request from an answer: try again (Retry-After says when). */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", { message: Schema.String }, HttpApiSchema.annotations({ status: 503 })) {}

const text = (description: string) => Schema.optional(Schema.String.annotations({ description }))

const document = (description: string) => Schema.Unknown.annotations({ description })

const soundtrackDocument = document(
  "The soundtrack document of `liner soundtrack --json` (contracts/cli.md). 200 found, 404 not found (the same document), 503 unavailable (the same document, with Retry-After)."
)
const labelDocument = document(
  "The label document of `liner label --json`. 200 found or already known, 404 not found, 503 unavailable or blocked (with Retry-After)."
)

const FilmInput = Schema.Struct({
  title: Schema.optional(Schema.String),
  year: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  imdb: Schema.optional(Schema.String)
}).annotations({ description: "A film, with the columns of a `liner soundtrack --batch` JSON line (title/film, year, imdb/imdb_id)." })

const TrackInput = Schema.Struct({
  title: Schema.optional(Schema.String),
  artist: Schema.optional(Schema.String),
  label: Schema.optional(Schema.String)
}).annotations({ description: "A track, with the columns of a `liner label --batch` JSON line (title/track, artist, label/label_known)." })

const lookups = HttpApiGroup.make("lookups")
  .add(
    HttpApiEndpoint.get("soundtrack", "/soundtrack")
      .setUrlParams(Schema.Struct({ title: text("the film's title"), year: text("the film's release year, such as 2008"), imdb: text("the film's IMDb id, tt0473367") }))
      .addSuccess(soundtrackDocument)
      .annotate(OpenApi.Description, "Find a film's soundtrack, as `liner soundtrack --json`.")
  )
  .add(
    HttpApiEndpoint.post("soundtracks", "/soundtracks")
      .setPayload(Schema.Array(FilmInput))
      .addSuccess(document("An array: for each film in order, the document of `liner soundtrack --json` (whatever its status). Misses and failures enter the cool-down queue, as with --batch."))
      .annotate(OpenApi.Description, "Find the soundtracks of a batch of films (at most LINER_SERVE_MAX_BATCH, default 50), one after the other.")
  )
  .add(
    HttpApiEndpoint.get("label", "/label")
      .setUrlParams(Schema.Struct({ title: text("the track's title as listed"), artist: text("the track's artist credit"), label_known: text("the label the track already carries: echoed, not looked up") }))
      .addSuccess(labelDocument)
      .annotate(OpenApi.Description, "Find a DJ track's label, as `liner label --json` (without the store scrapers).")
  )
  .add(
    HttpApiEndpoint.post("labels", "/labels")
      .setPayload(Schema.Array(TrackInput))
      .addSuccess(document("An array: for each track in order, the document of `liner label --json`. Misses and failures enter the cool-down queue, as with --batch."))
      .annotate(OpenApi.Description, "Find the labels of a batch of tracks (at most LINER_SERVE_MAX_BATCH, default 50), in order.")
  )
  .add(
    HttpApiEndpoint.get("identify", "/identify")
      .setUrlParams(Schema.Struct({ track_key: text("the source's own id of the unknown track") }))
      .addSuccess(document("The answer of `liner identify --track-key KEY --json`. 200 identified, 404 not identified, 503 Songstats unavailable (with Retry-After)."))
      .annotate(OpenApi.Description, "Who made an unknown track of the DJ sets in the store.")
  )

const queue = HttpApiGroup.make("queue")
  .add(HttpApiEndpoint.get("stats", "/queue/stats").addSuccess(document("The document of `liner queue stats --json`.")))
  .add(
    HttpApiEndpoint.post("run", "/queue/run")
      .setUrlParams(Schema.Struct({ limit: text("try at most this many items (default: every due one)"), kind: text("only items of this kind: soundtrack, label or identify") }))
      .addSuccess(document("The document of `liner queue run --json`: the counts and the items tried."))
      .annotate(OpenApi.Description, "Try the queued lookups that are due, as `liner queue run`.")
  )

const report = HttpApiGroup.make("report")
  .add(
    HttpApiEndpoint.get("report", "/report")
      .setUrlParams(Schema.Struct({ since: text("only lookups and stored answers from this date on (2026-01-31, or 2026-01-31T18:00:00Z)") }))
      .addSuccess(document("The document of `liner report --format json`; with `Accept: text/html`, the page of `liner report --format html`."))
  )

const health = HttpApiGroup.make("health")
  .add(
    HttpApiEndpoint.get("health", "/health").addSuccess(
      document("`{ status: \"ok\", store: { reachable }, sources: [{ source, outcome, at, detail }] }`: the store answered, and each source's last attempt the store logged.")
    )
  )

export const linerApi = HttpApi.make("liner")
  .add(lookups)
  .add(queue)
  .add(report)
  .add(health)
  .addError(BadInput)
  .addError(BodyTooLarge)
  .addError(Unavailable)
  .annotate(OpenApi.Title, "Liner")
  .annotate(OpenApi.Version, LINER_VERSION)
  .annotate(OpenApi.Description, "Music credits for media pipelines: film soundtracks, DJ track labels, unknown-track identification. The same JSON documents as the liner command.")
