/** The stores this package scrapes; each is one label tier. */
export type StoreSite = "beatport" | "junodownload" | "traxsource"

export const storeSites: ReadonlyArray<StoreSite> = ["beatport", "junodownload", "traxsource"]

/** The live sites; each can be pointed elsewhere (a mirror, a test server) by configuration. */
export const defaultBaseUrls: Readonly<Record<StoreSite, string>> = {
  beatport: "https://www.beatport.com",
  junodownload: "https://www.junodownload.com",
  traxsource: "https://www.traxsource.com"
}
