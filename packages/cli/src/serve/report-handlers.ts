/** GET /report: `liner report --format json`, or the html page when the client accepts text/html. */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { buildMetricsReport } from "@liner/core"
import { Clock, Effect, Option } from "effect"
import { parseSince } from "../report/since-option.js"
import { reportPage } from "../report/report-page.js"
import { BadInput, linerApi } from "./api.js"
import { documentResponse } from "./documents.js"
import { orUnavailable } from "./lookup-handlers.js"

/** The chart renderer (the linkage engine's) loads only when a page is asked for, as in the CLI. */
const linkage = Effect.promise(() => import("@liner/linkage"))

/** A browser's Accept (text/html before any JSON) asks for the page. */
const wantsHtml = (accept: string | undefined): boolean => {
  if (accept === undefined) return false
  const html = accept.indexOf("text/html")
  const json = accept.indexOf("application/json")
  return html >= 0 && (json < 0 || html < json)
}

export const reportHandlers = HttpApiBuilder.group(linerApi, "report", (handlers) =>
  handlers.handle("report", ({ urlParams, request }) =>
    Effect.gen(function* () {
      const since = urlParams.since === undefined ? null : yield* Effect.suspend(() => parseSince(urlParams.since ?? "")).pipe(Effect.mapError((e) => new BadInput({ message: e.message.replace(/^--since/, "since") })))
      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      const report = yield* buildMetricsReport({ now, since, jobs: Option.none() })
      if (!wantsHtml(request.headers["accept"])) return documentResponse(report)
      const page = yield* Effect.flatMap(linkage, (charts) => reportPage(charts, report, null))
      return HttpServerResponse.text(page, { contentType: "text/html; charset=utf-8" })
    }).pipe(orUnavailable)
  )
)
