import { ConfigProvider, Duration, Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { defaultBaseUrls, scraperConfig } from "../src/index.js"

const fromEnv = (env: Record<string, string>) =>
  Effect.runSync(Effect.either(Effect.withConfigProvider(scraperConfig, ConfigProvider.fromMap(new Map(Object.entries(env))))))

describe("scraperConfig (environment)", () => {
  it("defaults to the live stores, no proxy, a polite delay", () => {
    const config = Either.getOrThrow(fromEnv({}))
    expect(config.baseUrls).toEqual(defaultBaseUrls)
    expect(config.proxyUrls).toEqual([])
    expect(Duration.toMillis(config.delay)).toBeGreaterThanOrEqual(1000)
  })

  it("reads base URLs, comma-separated proxies and the pacing delay", () => {
    const config = Either.getOrThrow(
      fromEnv({
        LINER_BEATPORT_URL: "http://127.0.0.1:5001/",
        LINER_JUNODOWNLOAD_URL: "http://127.0.0.1:5002",
        LINER_TRAXSOURCE_URL: "http://127.0.0.1:5003",
        LINER_PROXY_URLS: " http://127.0.0.1:8001 ,http://127.0.0.1:8002,",
        LINER_SCRAPE_DELAY: "250 millis"
      })
    )
    expect(config.baseUrls).toEqual({
      beatport: "http://127.0.0.1:5001",
      junodownload: "http://127.0.0.1:5002",
      traxsource: "http://127.0.0.1:5003"
    })
    expect(config.proxyUrls).toEqual(["http://127.0.0.1:8001", "http://127.0.0.1:8002"])
    expect(Duration.toMillis(config.delay)).toBe(250)
  })

  it("rejects a base URL that is not http(s)", () => {
    expect(Either.isLeft(fromEnv({ LINER_TRAXSOURCE_URL: "traxsource.com" }))).toBe(true)
  })
})
