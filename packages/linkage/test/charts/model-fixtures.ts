/** splink's saved models from test/data, decoded the way every caller decodes them. */
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { decodeSettings, type Settings } from "../../src/settings/settings.js"

export const loadModel = (file: string): Effect.Effect<Settings, unknown> =>
  decodeSettings(JSON.parse(readFileSync(fileURLToPath(new URL(`../data/${file}`, import.meta.url)), "utf8")))

/** A parsed number as Vega formats it (with the Unicode minus sign). */
export const vegaNumber = (text: string | undefined): number => Number((text ?? "NaN").replace("\u2212", "-"))
