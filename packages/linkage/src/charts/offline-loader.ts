/**
 * A Vega loader that refuses every URL: a chart renders from inline `values` only, so rendering
 * never touches the network or the file system. Refused URLs are remembered, because Vega only
 * logs a failed data load and would otherwise draw an empty chart.
 */
import type { Loader } from "vega"

export interface OfflineLoader {
  readonly loader: Loader
  /** Every URL Vega asked for, in order (no request was made for any of them). */
  readonly refused: ReadonlyArray<string>
}

export const offlineLoader = (): OfflineLoader => {
  const refused: Array<string> = []
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri)
    return Promise.reject(new Error(`charts render offline: refused to load ${uri}`))
  }
  const loader: Loader = {
    load: (uri) => refuse(uri),
    http: (uri) => refuse(uri),
    file: (filename) => refuse(filename),
    // Images and links ask for a sanitised URL; an empty one leaves nothing to fetch or follow
    // (a rejection here would surface as an unhandled rejection inside Vega's link code).
    sanitize: (uri) => {
      refused.push(uri)
      return Promise.resolve({ href: "" })
    }
  }
  return { loader, refused }
}
