/**
 * Splits a trailing bracket off a display title: "Kalte Nächte (Jonas Ørsted remix)" →
 * title "Kalte Nächte", mix "Jonas Ørsted remix". Juno writes versions this way (lower case,
 * "Original Mix" left out); a title without a trailing bracket has no mix.
 */
export const splitTrailingMix = (display: string): { readonly title: string; readonly mix: string | null } => {
  const m = display.match(/^(.*\S)\s*\(([^()]+)\)\s*$/)
  return m === null ? { title: display.trim(), mix: null } : { title: (m[1] ?? "").trim(), mix: (m[2] ?? "").trim() }
}
