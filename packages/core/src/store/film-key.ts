import { romanizedKey } from "../match/romanize.js"
import { stripSoundtrackNoise } from "../match/soundtrack-noise.js"

/**
 * The key exact matching compares and the fuzzy index holds: the title normalised, without
 * soundtrack noise, with romanisation variants folded ("Jaane Tu... Ya Jaane Na" = "Jane Tu Ya Jane Na").
 */
export const filmKey = (title: string): string => romanizedKey(stripSoundtrackNoise(title))
