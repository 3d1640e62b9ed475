import { describe, expect, it } from "vitest"
import { ConfigProvider, Duration, Effect, Either } from "effect"
import { makeMusicBrainzSettings, musicBrainzSettingsConfig } from "../src/index.js"

const read = (env: Record<string, string>) =>
  Effect.runSync(Effect.either(Effect.withConfigProvider(musicBrainzSettingsConfig, ConfigProvider.fromMap(new Map(Object.entries(env))))))

const budgetMs = (env: Record<string, string>) => {
  const settings = read(env)
  if (Either.isLeft(settings)) throw new Error(String(settings.left))
  return Duration.toMillis(settings.right.tierBudget)
}

describe("the MusicBrainz tier's budget", () => {
  it("is a minute by default, or six request timeouts when that is longer", () => {
    expect(budgetMs({})).toBe(60_000)
    expect(budgetMs({ MUSICBRAINZ_TIMEOUT: "2" })).toBe(60_000)
    expect(budgetMs({ MUSICBRAINZ_TIMEOUT: "20" })).toBe(120_000)
    expect(Duration.toMillis(makeMusicBrainzSettings({ requestTimeout: "30 seconds" }).tierBudget)).toBe(180_000)
  })

  it("is read from LINER_MUSICBRAINZ_BUDGET in seconds", () => {
    expect(budgetMs({ LINER_MUSICBRAINZ_BUDGET: "25" })).toBe(25_000)
    expect(budgetMs({ LINER_MUSICBRAINZ_BUDGET: "2.5", MUSICBRAINZ_TIMEOUT: "20" })).toBe(2_500)
  })

  it.each(["0", "-3", "soon"])("refuses LINER_MUSICBRAINZ_BUDGET=%s with a clear message", (value) => {
    const settings = read({ LINER_MUSICBRAINZ_BUDGET: value })
    expect(Either.isLeft(settings) && String(settings.left)).toContain("LINER_MUSICBRAINZ_BUDGET")
  })
})
