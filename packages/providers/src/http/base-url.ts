/** A configured base URL (a mirror, a test server): checked to be http(s), kept without a trailing slash. */

export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, "")

export const isHttpUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url)
    return parsed.protocol === "http:" || parsed.protocol === "https:"
  } catch {
    return false
  }
}
