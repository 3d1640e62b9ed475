/** An HTTP answer as the scrapers see it: any status, the headers (lower-case names) and the body. */
export interface FetchedPage {
  readonly url: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Headers from Node's `IncomingHttpHeaders` shape: names lower-cased, repeated values joined. */
export const flattenHeaders = (raw: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = typeof value === "string" ? value : value.join(", ")
  }
  return out
}
