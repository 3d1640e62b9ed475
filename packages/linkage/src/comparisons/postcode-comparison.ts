/**
 * splink's out-of-the-box UK postcode comparison (PostcodeComparison in comparison_library.py,
 * without the optional distance-in-km levels): NULL, exact full postcode, sector, district, area, ELSE.
 */
import type { Comparison } from "../settings/settings.js"
import { elseLevel, exactMatchLevel, nullLevel } from "./basic-levels.js"
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { type ComparisonOptions, createComparison } from "./comparison-creator.js"

const sectorPattern = "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? [0-9]"
const districtPattern = "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?"
const areaPattern = "^[A-Za-z]{1,2}"
const validPostcodePattern = "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? [0-9][A-Za-z]{2}$"

export interface PostcodeComparisonOptions extends ComparisonOptions {
  /** A value that is not a well-formed postcode counts as NULL. */
  readonly invalidPostcodesAsNull?: boolean
}

export const postcodeComparison = (column: ColumnInput, options: PostcodeComparisonOptions = {}): Comparison => {
  const postcode = ColumnExpression.of(column)
  return createComparison(
    `postcodeComparison(${JSON.stringify(postcode.raw)})`,
    {
      outputColumnName: postcode.outputColumnName,
      description: "PostcodeComparison",
      levels: [
        nullLevel(postcode, options.invalidPostcodesAsNull === true ? { validStringPattern: validPostcodePattern } : {}),
        exactMatchLevel(postcode).configure({ labelForCharts: "Exact match on full postcode" }),
        exactMatchLevel(postcode.regexExtract(sectorPattern)).configure({ labelForCharts: "Exact match on sector" }),
        exactMatchLevel(postcode.regexExtract(districtPattern)).configure({ labelForCharts: "Exact match on district" }),
        exactMatchLevel(postcode.regexExtract(areaPattern)).configure({ labelForCharts: "Exact match on area" }),
        elseLevel()
      ]
    },
    options
  )
}
