// Temporary: replaced by the matcher's key once packages/core/src/match lands.
export const filmKey = (title: string): string =>
  title.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
