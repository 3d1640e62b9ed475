import { releaseSeed, saveSoundtrack, type SoundtrackToSave, StoreLayer } from "@liner/core"
import { makeTempDir, runLiner } from "@liner/testkit"
import { Effect } from "effect"
import { existsSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { chromium } from "playwright-core"
import { afterEach, describe, expect, it } from "vitest"

// The seeding page in a real browser (Debian's Chromium, headless, driven by playwright-core, as the
// report's test): pressing its button POSTs every field under the release editor's documented name
// to `<LINER_MUSICBRAINZ_URL>/release/add` — here a stand-in on 127.0.0.1 that records the form —
// and hostile titles and names arrive as the text they are, while no script of theirs runs.
const CHROMIUM = "/usr/bin/chromium"

interface PageNodes extends Iterable<PageElement> {
  readonly length: number
}
interface PageElement {
  readonly textContent: string | null
}
declare const document: { querySelectorAll(selectors: string): PageNodes; readonly title: string }
declare const window: { readonly __pwned?: unknown }

const requireChromium = () => {
  if (existsSync(CHROMIUM)) return
  throw new Error(
    `Chromium is not installed at ${CHROMIUM}: the seeding page's browser test needs it. Install it with ` +
      "`apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does this in CI)."
  )
}

const HOSTILE_ALBUM = `Rang De "Basanti" <script>window.__pwned = "album"; alert(1)</script> & Co`
const HOSTILE_TRACK = `"><img src=x onerror="window.__pwned='img';alert(2)">`
const HOSTILE_SINGER = `O'Brien & <b>Sons</b>`
const HOSTILE_COMPOSER = `A. R. Rahman </textarea><script>alert(3)</script>`
const LITERAL_ENTITY = "T-Series &amp; Co &#39;"

const soundtrack: SoundtrackToSave = {
  film: { title: HOSTILE_ALBUM, year: 2006, imdbId: "tt0405508" },
  origin: "spotify",
  soundtrack: {
    album: { title: HOSTILE_ALBUM, releaseDate: "2006-01-06", label: LITERAL_ENTITY, musicbrainz: null, spotify: { albumId: "5xYz" } },
    tracks: [
      { position: 1, title: "Rang De Basanti", artists: ["Daler Mehndi", "Chitra"], composers: [HOSTILE_COMPOSER], lyricists: ["Prasoon Joshi"], durationMs: 314_000 },
      { position: 2, title: HOSTILE_TRACK, artists: [HOSTILE_SINGER, "Naresh Iyer", "Mohammed Aslam"], composers: [HOSTILE_COMPOSER], lyricists: ["Prasoon Joshi"], durationMs: 267_500 },
      { position: 3, title: "Luka Chuppi", artists: ["Lata Mangeshkar"], composers: [HOSTILE_COMPOSER], lyricists: [], durationMs: 397_000 }
    ],
    alternatives: []
  },
  matchedBy: "title",
  confidence: 0.9,
  fetchedAt: "2026-02-01T00:00:00.000Z",
  expiresAt: "2026-05-01T00:00:00.000Z"
}

/** A stand-in for MusicBrainz's `/release/add`: records each POSTed form as its name/value pairs, in order. */
const standIn = async (): Promise<{ server: Server; url: string; posts: Array<Array<[string, string]>>; other: Array<string> }> => {
  const posts: Array<Array<[string, string]>> = []
  const other: Array<string> = []
  const server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const type = req.headers["content-type"] ?? ""
      if (req.method === "POST" && req.url === "/release/add" && type.startsWith("application/x-www-form-urlencoded"))
        posts.push([...new URLSearchParams(Buffer.concat(chunks).toString("utf8")).entries()])
      // The browser asks the server it landed on for its icon by itself, whenever it gets to it: not the page's doing.
      else if (req.url !== "/favicon.ico") other.push(`${req.method} ${req.url}`)
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Release editor</title><p>seeded</p>")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts, other }
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe("the seeding page in headless Chromium", () => {
  it("posts every track, length and credit under the documented names, hostile values intact and inert", async () => {
    requireChromium()
    const dir = makeTempDir()
    cleanups.push(dir.remove)
    const mb = await standIn()
    cleanups.push(() => new Promise((resolve) => mb.server.close(resolve)))
    const env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: `${mb.url}/` }
    await Effect.runPromise(saveSoundtrack(soundtrack).pipe(Effect.provide(StoreLayer.at(env.LINER_DB))))

    const out = join(dir.path, "page.html")
    const run = await runLiner(["contribute", "tt0405508", "--out", out, "--language", "hin", "--country", "in"], env)
    expect(run.stderr).toContain("written to")
    expect(run.code).toBe(0)

    const profile = makeTempDir("liner-chromium-")
    cleanups.push(profile.remove)
    const context = await chromium.launchPersistentContext(profile.path, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
    })
    cleanups.push(() => context.close())
    const page = await context.newPage()
    const requested: Array<string> = []
    const dialogs: Array<string> = []
    const pageErrors: Array<string> = []
    page.on("request", (request) => requested.push(`${request.method()} ${request.url()}`))
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    page.on("pageerror", (error) => pageErrors.push(error.message))

    const pageUrl = pathToFileURL(out).href
    await page.goto(pageUrl, { waitUntil: "load" })
    const shown = await page.evaluate(() => ({
      title: document.title,
      active: document.querySelectorAll("script, img, iframe, object, embed, link, textarea, b").length,
      cells: [...document.querySelectorAll("td")].map((td) => td.textContent ?? ""),
      checklist: [...document.querySelectorAll("ul.checklist li li")].map((li) => li.textContent ?? ""),
      note: [...document.querySelectorAll("pre.edit-note")].map((pre) => pre.textContent ?? "").join(""),
      pwned: window.__pwned ?? null
    }))
    // The values are text on the page, never markup; nothing was asked of the network yet.
    expect(shown.title).toBe(`Add "${HOSTILE_ALBUM}" to MusicBrainz`)
    expect(shown.active).toBe(0)
    expect(shown.pwned).toBeNull()
    expect(shown.cells).toEqual(expect.arrayContaining([HOSTILE_ALBUM, HOSTILE_TRACK, `${HOSTILE_SINGER}, Naresh Iyer, Mohammed Aslam`, HOSTILE_COMPOSER, LITERAL_ENTITY, "4:28"]))
    expect(shown.checklist).toEqual(expect.arrayContaining([`2. ${HOSTILE_TRACK}: ${HOSTILE_COMPOSER}`, "https://www.imdb.com/title/tt0405508/"]))
    expect(shown.note).toContain(HOSTILE_ALBUM)
    expect(requested).toEqual([`GET ${pageUrl}`])
    expect(mb.posts).toEqual([])

    await Promise.all([page.waitForURL(`${mb.url}/release/add`), page.getByRole("button", { name: "Open in MusicBrainz's release editor" }).click()])

    expect(mb.other).toEqual([])
    expect(mb.posts).toHaveLength(1)
    const [posted = []] = mb.posts
    const field = (name: string) => posted.filter(([n]) => n === name).map(([, v]) => v)
    const one = (name: string) => {
      const values = field(name)
      expect({ name, values }).toEqual({ name, values: [expect.any(String)] })
      return values[0] ?? ""
    }
    expect(one("name")).toBe(HOSTILE_ALBUM)
    expect(field("type")).toEqual(["Album", "Soundtrack"])
    expect(field("release_group")).toEqual([])
    expect([one("status"), one("language"), one("script")]).toEqual(["official", "hin", "Latn"])
    expect([one("events.0.date.year"), one("events.0.date.month"), one("events.0.date.day"), one("events.0.country")]).toEqual(["2006", "1", "6", "IN"])
    expect(one("labels.0.name")).toBe(LITERAL_ENTITY)
    expect([one("artist_credit.names.0.name"), one("artist_credit.names.0.artist.name")]).toEqual([HOSTILE_COMPOSER, HOSTILE_COMPOSER])
    expect(one("mediums.0.format")).toBe("Digital Media")
    for (const [n, track] of soundtrack.soundtrack.tracks.entries()) {
      expect(one(`mediums.0.track.${n}.name`)).toBe(track.title)
      expect(one(`mediums.0.track.${n}.number`)).toBe(String(track.position))
      expect(one(`mediums.0.track.${n}.length`)).toBe(String(track.durationMs))
      for (const [m, artist] of track.artists.entries()) {
        expect(one(`mediums.0.track.${n}.artist_credit.names.${m}.name`)).toBe(artist)
        expect(one(`mediums.0.track.${n}.artist_credit.names.${m}.artist.name`)).toBe(artist)
        expect(field(`mediums.0.track.${n}.artist_credit.names.${m}.join_phrase`)).toEqual(m === track.artists.length - 1 ? [] : [m === track.artists.length - 2 ? " & " : ", "])
      }
    }
    const note = one("edit_note")
    expect(note.split("\r\n")).toEqual([`Soundtrack of the film "${HOSTILE_ALBUM}" (2006).`, "IMDb: https://www.imdb.com/title/tt0405508/", expect.stringContaining("the Spotify album https://open.spotify.com/album/5xYz")])
    // Every field, in order, exactly as the seed builds it (a form sends line breaks as CRLF).
    const stored = { id: 0, film: { id: 0, ...soundtrack.film }, origin: soundtrack.origin, soundtrack: soundtrack.soundtrack, matchedBy: null, confidence: null, fetchedAt: "", expiresAt: null }
    const expected = releaseSeed(stored, { language: "hin", country: "IN" }).map(([n, v]) => [n, v.replace(/\n/g, "\r\n")])
    expect(posted).toEqual(expected)

    expect(await page.evaluate(() => window.__pwned ?? null)).toBeNull()
    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
