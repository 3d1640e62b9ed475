import { Args, Command, Options } from "@effect/cli"
import {
  addToQueue,
  clearMiss,
  countDueQueueItems,
  dropQueueItems,
  FilmQuery,
  listQueueItems,
  type QueueHistoryEntry,
  type QueueItem,
  type QueueKind,
  type QueueRunSummary,
  queueStats,
  type QueueStats,
  type QueueStatus,
  readQueueHistory,
  retryQueueItems,
  runQueue,
  type TriedItem
} from "@liner/core"
import { missKey } from "@liner/providers"
import { Clock, Effect, Either, Option, Schema } from "effect"
import { labelQueueOptions } from "../batch/label-batch.js"
import { makeProgress } from "../batch/progress.js"
import { makeQueueAnswers } from "../batch/queue-answers.js"
import { ExitCode, exitWith, usage } from "../errors.js"
import { filmQueryOrFail } from "../film-query-input.js"
import { labelQueryOrFail } from "../label-query-input.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderTable } from "../render/table.js"
import { excerpt, hasControlCharacters } from "../terminal-safe.js"
import { jsonOption } from "./soundtrack.js"

const kinds = ["soundtrack", "label", "identify"] as const satisfies ReadonlyArray<QueueKind>
/** Every kind of queue item, for a run of them all. */
export const queueKinds: ReadonlyArray<QueueKind> = kinds
const statuses = ["pending", "in_progress", "cooling_down", "done", "permanently_failed"] as const satisfies ReadonlyArray<QueueStatus>

const kindFilter = Options.choice("kind", kinds).pipe(Options.withPseudoName("KIND"), Options.withDescription("only items of this kind: soundtrack, label or identify"), Options.optional)

const nowIso = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))

// ---------------------------------------------------------------------------------------------
// How items read for people

const field = (query: unknown, name: string): string | undefined => {
  const value = typeof query === "object" && query !== null ? (query as Record<string, unknown>)[name] : undefined
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined
}

/** The query as a person would name it: `Title (Year)`, `Artist – "Title"`, a track key. */
const queryText = (item: Pick<QueueItem, "kind" | "query" | "key">): string => {
  const q = item.query
  switch (item.kind) {
    case "soundtrack": {
      const year = field(q, "year")
      return `${field(q, "title") ?? field(q, "imdbId") ?? item.key}${year === undefined ? "" : ` (${year})`}`
    }
    case "label":
    case "identify": {
      const title = field(q, "title")
      const artist = field(q, "artist")
      if (title === undefined) return field(q, "trackKey") ?? item.key
      return artist === undefined ? `"${title}"` : `${artist} – "${title}"`
    }
  }
}

/** `2027-02-15 10:04` (UTC), "now" when due. */
const when = (iso: string | null, now: string): string => (iso === null ? "-" : iso <= now ? "now" : `${iso.slice(0, 16).replace("T", " ")}`)

const statusWords = (status: QueueStatus): string => status.replace(/_/g, " ")

const itemJson = (item: QueueItem, history: ReadonlyArray<QueueHistoryEntry>) => ({
  id: item.id,
  kind: item.kind,
  key: item.key,
  query: item.query,
  options: item.options,
  status: item.status,
  attempts: item.attempts,
  lastOutcome: item.lastOutcome,
  lastError: item.lastError,
  nextAttemptAt: item.nextAttemptAt,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  leaseUntil: item.leaseUntil,
  history
})

// ---------------------------------------------------------------------------------------------
// liner queue list

const listCommand = Command.make(
  "list",
  {
    kind: kindFilter,
    status: Options.choice("status", statuses).pipe(Options.withPseudoName("STATUS"), Options.withDescription("only items in this state: pending, in_progress, cooling_down, done or permanently_failed"), Options.optional),
    due: Options.boolean("due").pipe(Options.withDescription("only items due now")),
    json: jsonOption
  },
  (flags) =>
    Effect.gen(function* () {
      const now = yield* nowIso
      const items = yield* listQueueItems({ kind: Option.getOrUndefined(flags.kind), status: Option.getOrUndefined(flags.status), due: flags.due, now })
      if (flags.json) {
        const history = yield* readQueueHistory(items.map((i) => i.id))
        return yield* printJson(JSON.stringify(items.map((i) => itemJson(i, history.get(i.id) ?? [])), null, 2))
      }
      const filtered = Option.isSome(flags.kind) || Option.isSome(flags.status) || flags.due
      if (items.length === 0) return yield* printOut(filtered ? "No queue items match." : "The queue is empty.")
      yield* printOut(
        renderTable(
          ["ID", "Kind", "Status", "Query", "Not found", "Unavailable", "Next try (UTC)", "Last error"],
          items.map((i) => [
            String(i.id),
            i.kind,
            statusWords(i.status),
            queryText(i),
            String(i.attempts.notFound),
            String(i.attempts.unavailable),
            when(i.nextAttemptAt, now),
            i.lastError ?? ""
          ])
        )
      )
    })
).pipe(Command.withDescription("List the queued lookups: kind, state, tries, when each is tried next, the last error."))

// ---------------------------------------------------------------------------------------------
// liner queue stats

const renderStats = (stats: QueueStats): string => {
  if (stats.total === 0) return "The queue is empty."
  const byStatus = statuses.filter((s) => (stats.byStatus[s] ?? 0) > 0).map((s) => `${statusWords(s)} ${stats.byStatus[s]}`)
  const table = renderTable(
    ["Kind", ...statuses.map(statusWords)],
    Object.entries(stats.byKind).map(([kind, counts]) => [kind, ...statuses.map((s) => String(counts[s] ?? 0))])
  )
  return [
    `${stats.total} item${stats.total === 1 ? "" : "s"}: ${byStatus.join(" · ")}`,
    "",
    table,
    "",
    `Due now ${stats.due.now} · within a day ${stats.due.withinDay} · within a week ${stats.due.withinWeek}`,
    stats.oldest === null ? "No open item." : `Oldest open item: #${stats.oldest.id} (${stats.oldest.kind}), queued ${stats.oldest.createdAt.slice(0, 10)}`
  ].join("\n")
}

const statsCommand = Command.make("stats", { json: jsonOption }, ({ json }) =>
  Effect.gen(function* () {
    const stats = yield* queueStats(yield* nowIso)
    yield* json ? printJson(JSON.stringify(stats, null, 2)) : printOut(renderStats(stats))
  })
).pipe(Command.withDescription("Count the queued lookups by kind and state, what is due now, within a day and a week, and the oldest one."))

// ---------------------------------------------------------------------------------------------
// liner queue run

const triedLine = (tried: TriedItem, now: string): string => {
  const next =
    tried.status === "lost"
      ? "its lease ran out first: left to the worker that holds it now"
      : tried.status === "cooling_down"
        ? `next try ${when(tried.nextAttemptAt, now)}`
        : statusWords(tried.status)
  const detail = tried.answer.detail === null ? "" : ` (${tried.answer.detail})`
  return `${tried.answer.outcome.padEnd(11)} ${tried.item.kind.padEnd(10)} #${tried.item.id}\t${queryText(tried.item)} → ${next}${detail}`
}

/** The document of a queue run (`liner queue run --json`, `POST /queue/run`): the counts and the items tried. */
export const queueRunDocument = (summary: QueueRunSummary, tried: ReadonlyArray<TriedItem>) => ({
  ...summary,
  items: tried.map((t) => ({
    id: t.item.id,
    kind: t.item.kind,
    key: t.item.key,
    outcome: t.answer.outcome,
    status: t.status,
    nextAttemptAt: t.nextAttemptAt,
    detail: t.answer.detail,
    result: t.answer.result
  }))
})

const runCommand = Command.make(
  "run",
  {
    kind: kindFilter,
    limit: Options.integer("limit").pipe(Options.withPseudoName("N"), Options.withDescription("try at most N items (default: every due one)"), Options.optional),
    json: Options.boolean("json").pipe(Options.withDescription("print one JSON document on standard output (the items tried and their answers) and nothing else"))
  },
  (flags) =>
    Effect.scoped(
      Effect.gen(function* () {
        const limit = Option.getOrUndefined(flags.limit)
        if (limit !== undefined && limit < 1) return yield* usage(`--limit must be 1 or more, not ${limit}`)
        const runnable: ReadonlyArray<QueueKind> = Option.match(flags.kind, { onNone: () => kinds, onSome: (k) => [k] })
        const now = yield* nowIso
        const due = yield* countDueQueueItems(runnable, now)
        const progress = makeProgress(Math.min(due, limit ?? due))
        const answer = yield* makeQueueAnswers
        const tried: Array<TriedItem> = []
        const counts = { found: 0, notFound: 0, unavailable: 0 }
        const summary = yield* runQueue({
          kinds: runnable,
          limit,
          answer,
          onTried: (item) =>
            Effect.gen(function* () {
              tried.push(item)
              if (item.answer.outcome === "found") counts.found++
              else if (item.answer.outcome === "not_found") counts.notFound++
              else if (item.answer.outcome === "unavailable") counts.unavailable++
              progress.update(tried.length, `found ${counts.found} · not found ${counts.notFound} · unavailable ${counts.unavailable}`)
              if (!flags.json) yield* printOut(triedLine(item, yield* nowIso))
            })
        })
        progress.finish()
        if (flags.json) yield* printJson(JSON.stringify(queueRunDocument(summary, tried), null, 2))
        yield* printErr(
          summary.tried === 0
            ? "nothing was due"
            : [
                `tried ${summary.tried}: found ${summary.found} · not found ${summary.notFound} · unavailable ${summary.unavailable}`,
                summary.invalid > 0 ? ` · unreadable ${summary.invalid}` : "",
                summary.permanentlyFailed > 0 ? ` (${summary.permanentlyFailed} failed permanently)` : "",
                summary.lost > 0 ? ` · ${summary.lost} left to another worker` : ""
              ].join("")
        )
        if (summary.unavailable > 0)
          return yield* exitWith(ExitCode.unavailable, `${summary.unavailable} item${summary.unavailable === 1 ? "" : "s"} unavailable: a source failed; they come back within minutes to hours`)
      })
    )
).pipe(
  Command.withDescription(
    "Try the queued lookups that are due, through the same cascades as liner soundtrack, liner label and liner identify, storing answers as they do. Exit 0 done, 75 a source was unavailable for some, 2 bad input."
  )
)

// ---------------------------------------------------------------------------------------------
// liner queue add

const optionalText = (name: string, pseudo: string, description: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description), Options.optional)

const addOptions = {
  kind: Options.choice("kind", kinds).pipe(Options.withPseudoName("KIND"), Options.withDescription("what to look up: soundtrack (a film), label (a DJ track) or identify (an unknown track)")),
  titleArg: Args.text({ name: "TITLE" }).pipe(Args.withDescription("the film's or track's title (or use --title)"), Args.optional),
  title: optionalText("title", "TITLE", "the film's or track's title"),
  year: optionalText("year", "YYYY", "soundtrack: the film's release year, such as 2008"),
  imdb: optionalText("imdb", "ttNNNNNNN", "soundtrack: the film's IMDb id (tt0473367)"),
  artist: optionalText("artist", "ARTIST", "label, identify: the track's artist credit"),
  labelKnown: optionalText("label-known", "LABEL", "label: the label the track already carries (asked only with --force)"),
  force: Options.boolean("force").pipe(Options.withDescription("label: look the label up even when the track already carries one")),
  scrape: Options.boolean("scrape").pipe(Options.withDescription("label: also search the stores when it is tried (slow, last resort)")),
  trackKey: optionalText("track-key", "KEY", "identify: the source's own id of the unknown track"),
  json: Options.boolean("json").pipe(Options.withDescription("print the queued item as one JSON document"))
}

type AddFlags = Command.Command.ParseConfig<typeof addOptions>

/** The options given that the kind does not take, by their names. */
const foreignOptions = (flags: AddFlags, allowed: ReadonlyArray<string>): ReadonlyArray<string> => {
  const given: Record<string, boolean> = {
    "--year": Option.isSome(flags.year),
    "--imdb": Option.isSome(flags.imdb),
    "--artist": Option.isSome(flags.artist),
    "--label-known": Option.isSome(flags.labelKnown),
    "--force": flags.force,
    "--scrape": flags.scrape,
    "--track-key": Option.isSome(flags.trackKey)
  }
  return Object.entries(given)
    .filter(([name, set]) => set && !allowed.includes(name))
    .map(([name]) => name)
}

const present = (text: Option.Option<string>): string | undefined => {
  const trimmed = Option.getOrUndefined(text)?.replace(/\s+/g, " ").trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

/** The soundtrack cascade remembers a miss for days; an item asked for by hand is asked for real. */
const forgetMiss = (item: Pick<QueueItem, "kind" | "query">) =>
  item.kind !== "soundtrack"
    ? Effect.void
    : Either.match(Schema.decodeUnknownEither(FilmQuery)(item.query), { onLeft: () => Effect.void, onRight: (query) => clearMiss(missKey(query)) })

const addCommand = Command.make("add", addOptions, (flags) =>
  Effect.gen(function* () {
    const allowed = { soundtrack: ["--year", "--imdb"], label: ["--artist", "--label-known", "--force", "--scrape"], identify: ["--artist", "--track-key"] }[flags.kind]
    const foreign = foreignOptions(flags, allowed)
    if (foreign.length > 0) return yield* usage(`--kind ${flags.kind} takes no ${foreign.join(", ")}`)
    if (Option.isSome(flags.titleArg) && Option.isSome(flags.title)) return yield* usage("give the title once: as an argument or with --title")
    const title = Option.getOrUndefined(Option.orElse(flags.title, () => flags.titleArg))
    const item = yield* (() => {
      switch (flags.kind) {
        case "soundtrack":
          return filmQueryOrFail({ title, year: Option.getOrUndefined(flags.year), imdb: Option.getOrUndefined(flags.imdb) }).pipe(
            Effect.flatMap((query) => addToQueue({ kind: "soundtrack", query }))
          )
        case "label":
          return labelQueryOrFail({ title, artist: Option.getOrUndefined(flags.artist), labelKnown: Option.getOrUndefined(flags.labelKnown) }).pipe(
            Effect.flatMap((query) => addToQueue({ kind: "label", query }, labelQueueOptions({ force: flags.force, scrape: flags.scrape })))
          )
        case "identify": {
          const query = { trackKey: present(flags.trackKey), title: present(Option.fromNullable(title)), artist: present(flags.artist) }
          if (query.trackKey === undefined && query.title === undefined) return Effect.fail(usage("give the unknown track's --track-key, or its title"))
          if (Object.values(query).some((v) => v !== undefined && hasControlCharacters(v))) return Effect.fail(usage("the track holds control characters"))
          return addToQueue({ kind: "identify", query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) })
        }
      }
    })()
    yield* forgetMiss(item)
    if (flags.json) return yield* printJson(JSON.stringify(itemJson(item, []), null, 2))
    yield* printErr(`queued ${item.kind} #${item.id}: ${queryText(item)}, ${item.status === "in_progress" ? "being tried by a worker now" : "due now"}`)
  })
).pipe(Command.withDescription("Queue a lookup by hand, due now: the query as for liner soundtrack or liner label (an item already queued becomes due now)."))

// ---------------------------------------------------------------------------------------------
// liner queue retry | drop

const idsArg = Args.text({ name: "ID" }).pipe(Args.withDescription("a queue item's id, as liner queue list shows it"), Args.repeated)

const parseIds = (ids: ReadonlyArray<string>) =>
  Effect.forEach(ids, (id) => (/^\d{1,15}$/.test(id.trim()) ? Effect.succeed(Number(id.trim())) : Effect.fail(usage(`an item id is a whole number such as 12, not "${excerpt(id)}"`))))

const idList = (ids: ReadonlyArray<number>) => ids.map((id) => `#${id}`).join(", ")

const retryCommand = Command.make(
  "retry",
  { ids: idsArg, permanentlyFailed: Options.boolean("permanently-failed").pipe(Options.withDescription("every permanently failed item")) },
  (flags) =>
    Effect.gen(function* () {
      if ((flags.ids.length > 0) === flags.permanentlyFailed) return yield* usage("give the items' ids, or --permanently-failed (not both)")
      const ids = yield* parseIds(flags.ids)
      const now = yield* nowIso
      const retried = yield* retryQueueItems(flags.permanentlyFailed ? { permanentlyFailed: true } : { ids }, now)
      yield* Effect.forEach(retried, forgetMiss, { discard: true })
      yield* printErr(retried.length === 0 ? "nothing to retry" : `due now again: ${idList(retried.map((i) => i.id))}`)
      const missed = ids.filter((id) => !retried.some((i) => i.id === id))
      if (missed.length === 0) return
      const held = (yield* listQueueItems({ now, status: "in_progress" })).map((i) => i.id)
      const busy = missed.filter((id) => held.includes(id))
      const absent = missed.filter((id) => !held.includes(id))
      if (busy.length > 0) yield* printErr(`liner: ${idList(busy)}: being tried by a worker now`)
      return yield* exitWith(1, absent.length > 0 ? `no queue item ${idList(absent)}` : undefined)
    })
).pipe(Command.withDescription("Make queued lookups due now again (their tries and history are kept). Exit 1 when a named item is not there or is being tried."))

const dropCommand = Command.make("drop", { ids: idsArg }, (flags) =>
  Effect.gen(function* () {
    if (flags.ids.length === 0) return yield* usage("give the ids of the items to drop")
    const ids = yield* parseIds(flags.ids)
    const dropped = yield* dropQueueItems(ids)
    if (dropped.length > 0) yield* printErr(`dropped ${idList(dropped)}`)
    const absent = ids.filter((id) => !dropped.includes(id))
    if (absent.length > 0) return yield* exitWith(1, `no queue item ${idList(absent)}`)
  })
).pipe(Command.withDescription("Remove queued lookups and their history. Exit 1 when a named item is not there."))

/** `liner queue …`: the cool-down queue of lookups that did not answer. Needs `Store`. */
export const queueCommand = Command.make("queue").pipe(
  Command.withDescription("The cool-down queue: lookups that did not answer, tried again later (list, stats, run, add, retry, drop)."),
  Command.withSubcommands([listCommand, statsCommand, runCommand, addCommand, retryCommand, dropCommand])
)
