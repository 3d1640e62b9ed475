import { loadHtml } from "../parse/html.js"
import type { FetchedPage } from "./fetched-page.js"

/**
 * Why a response is a bot check rather than the page asked for, or null. Markers from the
 * notes: Cloudflare's `cf-mitigated: challenge` header, "Just a moment" (checked in the
 * `<title>` only: a track may be called that), `/cdn-cgi/challenge-platform/`, `cf-chl`, and
 * Beatport's own check (`/human-test/` together with `findProof`).
 */
export const challengeReason = (page: FetchedPage): string | null => {
  if ((page.headers["cf-mitigated"] ?? "").toLowerCase().includes("challenge")) {
    return `Cloudflare managed challenge (HTTP ${page.status}, cf-mitigated: challenge)`
  }
  const body = page.body
  if (body.includes("/cdn-cgi/challenge-platform/") || /\bcf-chl|_cf_chl/.test(body)) {
    return `Cloudflare challenge page (HTTP ${page.status})`
  }
  if (body.includes("/human-test/") && body.includes("findProof")) return `Beatport human test (HTTP ${page.status})`
  if (/just a moment/i.test(body) && /just a moment/i.test(loadHtml(body)("title").first().text())) {
    return `"Just a moment" interstitial (HTTP ${page.status})`
  }
  return null
}
