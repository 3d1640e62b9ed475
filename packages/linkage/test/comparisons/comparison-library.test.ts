/**
 * The library emits what splink's comparison_library / comparison_level_library write for DuckDB.
 * Each expected string is read off splink's code (the f-strings of comparison_level_library.py,
 * comparison_library.py, dialects.py; sqlglot's DuckDB rendering for EPOCH, SUBSTRING, CAST).
 */
import { describe, expect, it } from "vitest"
import {
  absoluteDateDifferenceAtThresholds,
  absoluteTimeDifferenceAtThresholds,
  andLevel,
  arrayIntersectAtSizes,
  col,
  columnsReversedLevel,
  customComparison,
  customLevel,
  damerauLevenshteinAtThresholds,
  dateOfBirthComparison,
  distanceFunctionAtThresholds,
  elseLevel,
  emailComparison,
  exactMatch,
  exactMatchLevel,
  jaccardAtThresholds,
  jaroAtThresholds,
  jaroWinklerAtThresholds,
  levenshteinAtThresholds,
  nameComparison,
  notLevel,
  nullLevel,
  orLevel,
  percentageDifferenceLevel,
  postcodeComparison
} from "../../src/comparisons/index.js"
import { LinkageInputError } from "../../src/errors.js"
import type { Comparison } from "../../src/settings/settings.js"

const conditions = (comparison: Comparison) => comparison.comparison_levels.map((level) => level.sql_condition)
const labels = (comparison: Comparison) => comparison.comparison_levels.map((level) => level.label_for_charts)

/** The error a call throws, so a test can read its message. */
const thrown = (f: () => unknown): LinkageInputError => {
  try {
    f()
  } catch (error) {
    if (error instanceof LinkageInputError) return error
    throw error
  }
  throw new Error("expected a LinkageInputError")
}

describe("single-column comparisons", () => {
  it("exactMatch: NULL, exact, ELSE, and no TF unless asked", () => {
    expect(exactMatch("city")).toEqual({
      output_column_name: "city",
      comparison_levels: [
        { sql_condition: '"city_l" IS NULL OR "city_r" IS NULL', label_for_charts: "city is NULL", is_null_level: true },
        { sql_condition: '"city_l" = "city_r"', label_for_charts: "Exact match on city" },
        { sql_condition: "ELSE", label_for_charts: "All other comparisons" }
      ],
      comparison_description: "ExactMatch"
    })
    expect(exactMatch("city", { termFrequencyAdjustments: true }).comparison_levels[1]).toEqual({
      sql_condition: '"city_l" = "city_r"',
      label_for_charts: "Exact match on city",
      tf_adjustment_column: "city",
      tf_adjustment_weight: 1
    })
  })

  it("levenshteinAtThresholds defaults to 1 and 2", () => {
    const comparison = levenshteinAtThresholds("name")
    expect(conditions(comparison)).toEqual([
      '"name_l" IS NULL OR "name_r" IS NULL',
      '"name_l" = "name_r"',
      'levenshtein("name_l", "name_r") <= 1',
      'levenshtein("name_l", "name_r") <= 2',
      "ELSE"
    ])
    expect(labels(comparison)).toEqual([
      "name is NULL",
      "Exact match on name",
      "Levenshtein distance of name <= 1",
      "Levenshtein distance of name <= 2",
      "All other comparisons"
    ])
    expect(comparison.comparison_description).toBe("LevenshteinAtThresholds")
  })

  it("damerauLevenshteinAtThresholds has splink's own description", () => {
    const comparison = damerauLevenshteinAtThresholds("name", [1, 3])
    expect(conditions(comparison).slice(2, 4)).toEqual([
      'damerau_levenshtein("name_l", "name_r") <= 1',
      'damerau_levenshtein("name_l", "name_r") <= 3'
    ])
    expect(labels(comparison)[2]).toBe("Damerau-Levenshtein distance of name <= 1")
    expect(comparison.comparison_description).toBe(
      "Exact match 'name' vs. Damerau-Levenshtein distance at thresholds 1, 3 vs. anything else"
    )
  })

  it("jaroWinklerAtThresholds, jaroAtThresholds and jaccardAtThresholds default to 0.9 and 0.7", () => {
    const jw = jaroWinklerAtThresholds("name")
    expect(conditions(jw).slice(2, 4)).toEqual([
      'jaro_winkler_similarity("name_l", "name_r") >= 0.9',
      'jaro_winkler_similarity("name_l", "name_r") >= 0.7'
    ])
    expect(labels(jw)[2]).toBe("Jaro-Winkler distance of name >= 0.9")
    expect(jw.comparison_description).toBe("JaroWinklerAtThresholds")

    const jaro = jaroAtThresholds("name", 0.8)
    expect(conditions(jaro)[2]).toBe('jaro_similarity("name_l", "name_r") >= 0.8')
    expect(labels(jaro)[2]).toBe("Jaro distance of 'name >= 0.8'")
    expect(jaro.comparison_description).toBe("JaroAtThresholds")

    const jaccard = jaccardAtThresholds("name")
    expect(conditions(jaccard)[3]).toBe('jaccard("name_l", "name_r") >= 0.7')
    expect(labels(jaccard)[3]).toBe("Jaccard distance of 'name >= 0.7'")
    expect(jaccard.comparison_description).toBe("JaccardAtThresholds")
  })

  it("arrayIntersectAtSizes has no exact level", () => {
    const comparison = arrayIntersectAtSizes("tags", [3, 1])
    expect(conditions(comparison)).toEqual([
      '"tags_l" IS NULL OR "tags_r" IS NULL',
      'array_length(list_intersect("tags_l", "tags_r")) >= 3',
      'array_length(list_intersect("tags_l", "tags_r")) >= 1',
      "ELSE"
    ])
    expect(labels(comparison)[1]).toBe("Array intersection size >= 3")
    expect(comparison.comparison_description).toBe("ArrayIntersectAtSizes")
  })

  it("distanceFunctionAtThresholds writes the comparator the direction asks for", () => {
    const comparison = distanceFunctionAtThresholds("code", "hamming", [1], { higherIsMoreSimilar: false })
    expect(conditions(comparison)[2]).toBe('hamming("code_l", "code_r") <= 1')
    expect(labels(comparison)[2]).toBe("`hamming` distance of 'code less than 1'")
  })

  it("a transformed column is labelled 'transformed' and gets no TF", () => {
    const comparison = levenshteinAtThresholds(col("dob").castToString(), 1, { termFrequencyAdjustments: true })
    expect(comparison.comparison_levels[0]).toEqual({
      sql_condition: 'CAST("dob_l" AS TEXT) IS NULL OR CAST("dob_r" AS TEXT) IS NULL',
      label_for_charts: "transformed dob is NULL",
      is_null_level: true
    })
    expect(comparison.comparison_levels[1]).toEqual({
      sql_condition: 'CAST("dob_l" AS TEXT) = CAST("dob_r" AS TEXT)',
      label_for_charts: "Exact match on transformed dob"
    })
    expect(conditions(levenshteinAtThresholds(col("name").lower().substr(1, 3), 1))[2]).toBe(
      'levenshtein(SUBSTRING(LOWER("name_l"), 1, 3), SUBSTRING(LOWER("name_r"), 1, 3)) <= 1'
    )
  })

  it("quotes column names as identifiers and sanitises the output column name", () => {
    const comparison = exactMatch("first name")
    expect(conditions(comparison)[1]).toBe('"first name_l" = "first name_r"')
    expect(comparison.output_column_name).toBe("first_name")
    expect(conditions(exactMatch('"sur""name"'))[1]).toBe('"sur""name_l" = "sur""name_r"')
    expect(conditions(exactMatch("coords['lat']"))[1]).toBe(`"coords_l"['lat'] = "coords_r"['lat']`)
  })
})

describe("out-of-the-box comparisons", () => {
  it("nameComparison puts the double-metaphone level between the high and low Jaro-Winkler levels", () => {
    const comparison = nameComparison("surname", { dmetaColName: "surname_dm" })
    expect(conditions(comparison)).toEqual([
      '"surname_l" IS NULL OR "surname_r" IS NULL',
      '"surname_l" = "surname_r"',
      'jaro_winkler_similarity("surname_l", "surname_r") >= 0.92',
      'jaro_winkler_similarity("surname_l", "surname_r") >= 0.88',
      'array_length(list_intersect("surname_dm_l", "surname_dm_r")) >= 1',
      'jaro_winkler_similarity("surname_l", "surname_r") >= 0.7',
      "ELSE"
    ])
    expect(comparison.comparison_levels[1]?.tf_adjustment_column).toBe("surname")
  })

  it("nameComparison on a transformed column has no TF", () => {
    expect(nameComparison(col("surname").lower()).comparison_levels[1]).toEqual({
      sql_condition: 'LOWER("surname_l") = LOWER("surname_r")',
      label_for_charts: "Exact match on transformed surname"
    })
  })

  it("dateOfBirthComparison on a DATE column compares its text for typos", () => {
    const comparison = dateOfBirthComparison("dob", { inputIsString: false })
    expect(conditions(comparison)).toEqual([
      '"dob_l" IS NULL OR "dob_r" IS NULL',
      '"dob_l" = "dob_r"',
      'damerau_levenshtein(CAST("dob_l" AS TEXT), CAST("dob_r" AS TEXT)) <= 1',
      'ABS(EPOCH("dob_l") - EPOCH("dob_r")) <= 2629800.0',
      'ABS(EPOCH("dob_l") - EPOCH("dob_r")) <= 31557600.0',
      'ABS(EPOCH("dob_l") - EPOCH("dob_r")) <= 315576000.0',
      "ELSE"
    ])
    expect(labels(comparison)[0]).toBe("dob is NULL")
  })

  it("absoluteDateDifferenceAtThresholds labels the parsed column and keeps whole days as ints", () => {
    const comparison = absoluteDateDifferenceAtThresholds("d", {
      inputIsString: true,
      metrics: ["day", "month"],
      thresholds: [1, 3],
      datetimeFormat: "%d/%m/%Y"
    })
    expect(conditions(comparison)).toEqual([
      `try_strptime("d_l", '%d/%m/%Y') IS NULL OR try_strptime("d_r", '%d/%m/%Y') IS NULL`,
      '"d_l" = "d_r"',
      `ABS(EPOCH(try_strptime("d_l", '%d/%m/%Y')) - EPOCH(try_strptime("d_r", '%d/%m/%Y'))) <= 86400`,
      `ABS(EPOCH(try_strptime("d_l", '%d/%m/%Y')) - EPOCH(try_strptime("d_r", '%d/%m/%Y'))) <= 7889400.0`,
      "ELSE"
    ])
    expect(labels(comparison).slice(2, 4)).toEqual([
      "Abs difference of 'transformed d <= 1 day'",
      "Abs difference of 'transformed d <= 3 month'"
    ])
    expect(comparison.comparison_description).toBe("AbsoluteDateDifferenceAtThresholds")
  })

  it("absoluteTimeDifferenceAtThresholds on timestamps, with a fractional threshold written as a float", () => {
    const comparison = absoluteTimeDifferenceAtThresholds("t", {
      inputIsString: false,
      metrics: "hour",
      thresholds: 1.5,
      termFrequencyAdjustments: true
    })
    expect(conditions(comparison)[0]).toBe('"t_l" IS NULL OR "t_r" IS NULL')
    expect(conditions(comparison)[2]).toBe('ABS(EPOCH("t_l") - EPOCH("t_r")) <= 5400.0')
    expect(labels(comparison)[2]).toBe("Abs difference of 't <= 1.5 hour'")
    expect(comparison.comparison_levels[1]?.tf_adjustment_column).toBe("t")
  })

  it("postcodeComparison can treat malformed postcodes as NULL", () => {
    const comparison = postcodeComparison("pc", { invalidPostcodesAsNull: true })
    expect(comparison.comparison_levels[0]).toEqual({
      sql_condition:
        `NULLIF(regexp_extract("pc_l", '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? [0-9][A-Za-z]{2}$', 0), '') IS NULL OR ` +
        `NULLIF(regexp_extract("pc_r", '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? [0-9][A-Za-z]{2}$', 0), '') IS NULL`,
      label_for_charts: "transformed pc is NULL",
      is_null_level: true
    })
  })
})

describe("configuring m and u", () => {
  it("gives the probabilities to the non-null levels in order", () => {
    const comparison = levenshteinAtThresholds("name", 2, {
      mProbabilities: [0.9, 0.08, 0.02],
      uProbabilities: [0.01, 0.05, 0.94]
    })
    expect(comparison.comparison_levels.map((level) => [level.m_probability, level.u_probability])).toEqual([
      [undefined, undefined],
      [0.9, 0.01],
      [0.08, 0.05],
      [0.02, 0.94]
    ])
  })

  it("refuses a list that does not fit the levels, naming the comparison", () => {
    const error = thrown(() => exactMatch("city", { mProbabilities: [0.9] }))
    expect(error.message).toBe(
      'exactMatch("city"): the comparison has 2 non-null levels but mProbabilities has 1 values; give one per non-null level'
    )
  })

  it("refuses a threshold out of range, naming the level and column", () => {
    expect(thrown(() => jaroWinklerAtThresholds("name", [0.9, 1.2])).message).toBe(
      'jaroWinklerLevel("name"): the threshold must be between 0 and 1, got 1.2'
    )
    expect(
      thrown(() => dateOfBirthComparison("dob", { inputIsString: true, datetimeThresholds: [1, 2], datetimeMetrics: ["year"] }))
        .message
    ).toBe('dateOfBirthComparison("dob"): thresholds and metrics must have the same number of entries (2 thresholds, 1 metrics)')
  })

  it("refuses a SQL expression where a column name belongs, pointing to col()", () => {
    expect(thrown(() => exactMatch("lower(name)")).message).toMatch(/^"lower\(name\)" is a SQL expression, not a column name/)
  })

  it("refuses TF on a transformed exact-match level", () => {
    expect(thrown(() => exactMatchLevel(col("name").lower(), { termFrequencyAdjustments: true })).message).toBe(
      'exactMatchLevel("name"): term frequency adjustments need a plain column, without transforms such as lower() or substr()'
    )
  })
})

describe("customComparison and level composition", () => {
  it("takes creators and JSON levels, and AND/OR/NOT wrap each part in parentheses", () => {
    const comparison = customComparison({
      outputColumnName: "name",
      comparisonDescription: "forename and surname",
      comparisonLevels: [
        andLevel(nullLevel("forename"), nullLevel("surname")),
        andLevel(exactMatchLevel("forename"), exactMatchLevel("surname")),
        columnsReversedLevel("forename", "surname", { symmetrical: true }),
        orLevel(exactMatchLevel("forename"), customLevel('"surname_l" = "surname_r"', "Surname")),
        notLevel(nullLevel("surname")).configure({ labelForCharts: "surname present", mProbability: 0.1 }),
        { sql_condition: "ELSE", label_for_charts: "Anything else", u_probability: 0.9 }
      ]
    })
    expect(comparison).toEqual({
      output_column_name: "name",
      comparison_levels: [
        {
          sql_condition: '("forename_l" IS NULL OR "forename_r" IS NULL) AND ("surname_l" IS NULL OR "surname_r" IS NULL)',
          label_for_charts: "(forename is NULL) AND (surname is NULL)",
          is_null_level: true
        },
        {
          sql_condition: '("forename_l" = "forename_r") AND ("surname_l" = "surname_r")',
          label_for_charts: "(Exact match on forename) AND (Exact match on surname)"
        },
        {
          sql_condition: '"forename_l" = "surname_r" AND "forename_r" = "surname_l"',
          label_for_charts: "Match on reversed cols: forename and surname (both directions)"
        },
        {
          sql_condition: '("forename_l" = "forename_r") OR ("surname_l" = "surname_r")',
          label_for_charts: "(Exact match on forename) OR (Surname)"
        },
        {
          sql_condition: 'NOT ("surname_l" IS NULL OR "surname_r" IS NULL)',
          label_for_charts: "surname present",
          m_probability: 0.1
        },
        { sql_condition: "ELSE", label_for_charts: "Anything else", u_probability: 0.9 }
      ],
      comparison_description: "forename and surname"
    })
  })

  it("percentageDifferenceLevel writes splink's CASE and a percent label", () => {
    const level = percentageDifferenceLevel("amount", 0.1).toComparisonLevel()
    expect(level.sql_condition).toBe(
      '(ABS("amount_l" - "amount_r") / (CASE WHEN "amount_r" > "amount_l" THEN "amount_r" ELSE "amount_l" END)) < 0.1'
    )
    expect(level.label_for_charts).toBe("Percentage difference of 'amount' within 10.00%")
  })

  it("a custom comparison without a description is splink's CustomComparison", () => {
    const comparison = customComparison({ outputColumnName: "x", comparisonLevels: [exactMatchLevel("x"), elseLevel()] })
    expect(comparison.comparison_description).toBe("CustomComparison")
  })
})

describe("email", () => {
  it("emailComparison compares usernames with regexp_extract and NULLIF", () => {
    const comparison = emailComparison("email")
    expect(conditions(comparison)[2]).toBe(
      `NULLIF(regexp_extract("email_l", '^[^@]+', 0), '') = NULLIF(regexp_extract("email_r", '^[^@]+', 0), '')`
    )
  })
})
