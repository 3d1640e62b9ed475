import { CheerioCrawler, Configuration, Log, LogLevel, ProxyConfiguration } from "@crawlee/cheerio"
import { Data, Duration, Effect } from "effect"
import { type FetchedPage, flattenHeaders } from "./fetched-page.js"

/** The request never got an HTTP answer: network error, timeout, or robots.txt said no. */
export class FetchFailed extends Data.TaggedError("FetchFailed")<{
  readonly url: string
  readonly kind: "network" | "timeout" | "robots"
  readonly reason: string
}> {}

export interface CrawleeFetcherOptions {
  /** Sent as `Referer` (the notes: Juno and Traxsource want one). */
  readonly referer: string
  /** Forward proxies, rotated request by request; none means a direct connection. */
  readonly proxyUrls: ReadonlyArray<string>
  /** For one request, connection to last byte. */
  readonly timeout: Duration.DurationInput
}

export interface PageFetcher {
  /** One GET; any HTTP status is an answer (the caller classifies it). */
  readonly fetch: (url: string) => Effect.Effect<FetchedPage, FetchFailed>
}

/** Proxy URLs may carry credentials (`http://user:secret@host`); errors must not. */
export const redactCredentials = (text: string): string => text.replace(/\/\/[^/@\s]+@/g, "//***@")

interface Slot {
  page?: FetchedPage
  error?: string
  skipped?: string
}

/**
 * Fetches pages one by one with a Crawlee `CheerioCrawler`, which brings browser-like headers
 * (a generated User-Agent and friends), proxy rotation, timeouts and robots.txt. The crawler is
 * made once and run again for each page, so robots.txt is read once per site. It keeps no
 * files: storage is in memory (no ./storage appears), and each run tears down its timers.
 * Crawlee's own retries and session blocking are off: statuses come back to the caller, who
 * paces, backs off and retries per site (Crawlee's per-domain delay does nothing on IP hosts).
 */
export const makeCrawleeFetcher = (options: CrawleeFetcherOptions): PageFetcher => {
  const timeoutSecs = Math.max(1, Math.ceil(Duration.toSeconds(Duration.decode(options.timeout))))
  let slot: Slot = {}
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: 1,
      maxRequestRetries: 0,
      useSessionPool: false,
      respectRobotsTxtFile: true,
      navigationTimeoutSecs: timeoutSecs,
      requestHandlerTimeoutSecs: 10,
      // Every status reaches the handler: 5xx too, instead of Crawlee's retry-with-error.
      ignoreHttpErrorStatusCodes: Array.from({ length: 100 }, (_, i) => 500 + i),
      ...(options.proxyUrls.length > 0
        ? { proxyConfiguration: new ProxyConfiguration({ proxyUrls: [...options.proxyUrls] }) }
        : {}),
      // Outcomes are reported through our errors; Crawlee's chatter would reach the user's terminal.
      log: new Log({ level: LogLevel.OFF }),
      onSkippedRequest: ({ reason }) => {
        slot.skipped = reason
      },
      requestHandler: ({ request, response, body }) => {
        slot.page = {
          url: request.loadedUrl ?? request.url,
          status: response.statusCode ?? 0,
          headers: flattenHeaders(response.headers),
          body: typeof body === "string" ? body : body.toString("utf8")
        }
      },
      failedRequestHandler: (_context, error) => {
        slot.error = error.message
      }
    },
    new Configuration({ persistStorage: false, purgeOnStart: true })
  )
  let previous: Promise<unknown> = Promise.resolve()
  let counter = 0

  const runOnce = async (url: string, signal: AbortSignal): Promise<Slot> => {
    await previous.catch(() => undefined)
    slot = {}
    const onAbort = () => void crawler.autoscaledPool?.abort()
    signal.addEventListener("abort", onAbort, { once: true })
    counter += 1
    const run = crawler.run([{ url, uniqueKey: `${counter}:${url}`, headers: { referer: options.referer } }])
    previous = run
    try {
      await run
    } finally {
      signal.removeEventListener("abort", onAbort)
    }
    return slot
  }

  return {
    fetch: (url) =>
      Effect.tryPromise({
        try: (signal) => runOnce(url, signal),
        catch: (e) => new FetchFailed({ url, kind: "network", reason: redactCredentials(e instanceof Error ? e.message : String(e)) })
      }).pipe(
        Effect.flatMap((result) => {
          if (result.page !== undefined) return Effect.succeed(result.page)
          if (result.skipped !== undefined) {
            const reason = result.skipped === "robotsTxt" ? "robots.txt disallows this URL" : `skipped (${result.skipped})`
            return Effect.fail(new FetchFailed({ url, kind: "robots", reason }))
          }
          const reason = redactCredentials(result.error ?? "no answer")
          return Effect.fail(new FetchFailed({ url, kind: /timed? ?out/i.test(reason) ? "timeout" : "network", reason }))
        }),
        // A safety net over Crawlee's own navigation timeout.
        Effect.timeoutFail({
          duration: Duration.sum(Duration.decode(options.timeout), Duration.seconds(5)),
          onTimeout: () => new FetchFailed({ url, kind: "timeout", reason: `no answer within ${Duration.format(Duration.decode(options.timeout))}` })
        })
      )
  }
}
