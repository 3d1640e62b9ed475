import type { MbRelease } from "./schemas.js"
import { isPlaceholderName } from "./special-artists.js"

/**
 * Which label a recording came out on, from the releases that carry it (a browse with
 * `inc=labels`). Rule:
 * 1. Bootlegs never count. Official releases count; when there are none, releases with another
 *    or no status do.
 * 2. The label of the earliest-dated counted release is the answer (the original release; later
 *    compilations and licences come after it). Undated releases count only when none is dated.
 * 3. When the earliest date holds several different labels, the answer is ambiguous.
 * 4. The catalogue number is the earliest one given on a counted release of that label (null
 *    when none is; "[none]" placeholders are null).
 * `agreement` is the share of counted label entries that name the chosen label.
 */

export interface LabelChoice {
  readonly label: string
  readonly labelId: string
  readonly catalogNumber: string | null
  readonly agreement: number
  /** The release the label was read from. */
  readonly releaseId: string
}

export type LabelDecision =
  | { readonly _tag: "Chosen"; readonly choice: LabelChoice }
  | { readonly _tag: "Ambiguous"; readonly labels: ReadonlyArray<string> }
  | { readonly _tag: "None" }

interface Entry {
  readonly releaseId: string
  readonly date: string
  readonly labelId: string
  readonly label: string
  readonly catalogNumber: string | null
}

const entriesOf = (releases: ReadonlyArray<MbRelease>): ReadonlyArray<Entry> =>
  releases.flatMap((r) =>
    r["label-info"].flatMap((li) => {
      if (li.label === null || isPlaceholderName(li.label.name)) return []
      const number = li["catalog-number"]?.trim() ?? ""
      return [{ releaseId: r.id, date: r.date, labelId: li.label.id, label: li.label.name, catalogNumber: number === "" || isPlaceholderName(number) ? null : number }]
    })
  )

export const chooseLabel = (releases: ReadonlyArray<MbRelease>): LabelDecision => {
  const notBootleg = releases.filter((r) => r.status?.toLowerCase() !== "bootleg")
  const official = notBootleg.filter((r) => r.status?.toLowerCase() === "official")
  const counted = entriesOf(official.length > 0 ? official : notBootleg)
  if (counted.length === 0) return { _tag: "None" }
  const dated = counted.filter((e) => e.date !== "")
  const pool = dated.length > 0 ? dated : counted
  const earliestDate = pool.map((e) => e.date).sort()[0] ?? ""
  // "2019" and "2019-03-01" are the same moment as far as we can tell.
  const earliest = pool.filter((e) => earliestDate.startsWith(e.date) || e.date.startsWith(earliestDate))
  const labelIds = [...new Set(earliest.map((e) => e.labelId))]
  if (labelIds.length > 1) return { _tag: "Ambiguous", labels: [...new Set(earliest.map((e) => e.label))] }
  const labelId = labelIds[0]
  const onLabel = pool.filter((e) => e.labelId === labelId).sort((a, b) => a.date.localeCompare(b.date))
  const first = onLabel[0]
  if (labelId === undefined || first === undefined) return { _tag: "None" }
  return {
    _tag: "Chosen",
    choice: {
      label: first.label,
      labelId,
      catalogNumber: onLabel.find((e) => e.catalogNumber !== null)?.catalogNumber ?? null,
      agreement: counted.filter((e) => e.labelId === labelId).length / counted.length,
      releaseId: first.releaseId
    }
  }
}
