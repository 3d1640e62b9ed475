/**
 * What a Discogs credit role says about a song. A role string may hold several roles ("Music By,
 * Producer") and a qualifier in brackets ("Vocals [Playback Singer]"); only the role names count.
 * "Written-By" means the person wrote the song without saying which half, so it only fills a
 * composer or lyricist that no explicit credit names (see `to-soundtrack.ts`).
 */

export type CreditKind = "composer" | "lyricist" | "singer" | "writer"

const kindOfRoleName: ReadonlyMap<string, CreditKind> = new Map([
  ["music by", "composer"],
  ["composed by", "composer"],
  ["composer", "composer"],
  ["music director", "composer"],
  ["lyrics by", "lyricist"],
  ["words by", "lyricist"],
  ["lyricist", "lyricist"],
  ["vocals", "singer"],
  ["lead vocals", "singer"],
  ["voice", "singer"],
  ["featuring", "singer"],
  ["playback singer", "singer"],
  ["written-by", "writer"],
  ["written by", "writer"],
  ["songwriter", "writer"]
])

/** The role names of a role string, without their bracketed qualifiers, lower case. */
export const roleNames = (role: string): ReadonlyArray<string> =>
  role
    .replace(/\[[^\]]*\]/g, "")
    .split(",")
    .map((name) => name.trim().toLowerCase().replace(/\s+/g, " "))
    .filter((name) => name !== "")

/** The kinds of song credit a role string holds (backing vocals, producers, engineers… hold none). */
export const creditKinds = (role: string): ReadonlySet<CreditKind> =>
  new Set(roleNames(role).flatMap((name) => {
    const kind = kindOfRoleName.get(name)
    return kind === undefined ? [] : [kind]
  }))

/** The name as credited on the release ("anv"), else Discogs' name without its "(2)" disambiguation. */
export const creditedName = (credit: { readonly name: string; readonly anv: string }): string =>
  (credit.anv.trim() !== "" ? credit.anv : credit.name).replace(/\s+\(\d+\)$/, "").replace(/\*$/, "").trim()
