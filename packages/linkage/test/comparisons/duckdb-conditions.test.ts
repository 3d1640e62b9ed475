/**
 * Every condition the library writes is DuckDB SQL that means what its label says: DuckDB (real,
 * in memory) picks the first level whose condition holds for a pair, as splink's CASE does, and the
 * test checks which level that is. Blocking rules run over an `l` and an `r` record.
 */
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  absoluteDateDifferenceAtThresholds,
  absoluteDifferenceLevel,
  absoluteTimeDifferenceAtThresholds,
  andLevel,
  andRule,
  arrayIntersectAtSizes,
  blockOn,
  col,
  columnsReversedLevel,
  cosineSimilarityAtThresholds,
  customComparison,
  customRule,
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
  notRule,
  nullLevel,
  orRule,
  percentageDifferenceLevel,
  postcodeComparison
} from "../../src/comparisons/index.js"
import type { Comparison } from "../../src/settings/settings.js"

let instance: DuckDBInstance
let connection: DuckDBConnection

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:")
  connection = await instance.connect()
})

afterAll(() => {
  connection.closeSync()
  instance.closeSync()
})

/** A SQL literal for a test value: text, NULL, or SQL given as `{ sql }` (dates, lists). */
type Value = string | null | { readonly sql: string }
const literal = (value: Value): string =>
  value === null ? "NULL::VARCHAR" : typeof value === "string" ? `'${value.replaceAll("'", "''")}'` : value.sql
const sql = (text: string) => ({ sql: text })

/** The columns of one pair, `<column>_l` and `<column>_r`. */
const pair = (columns: Record<string, readonly [Value, Value]>): string =>
  Object.entries(columns)
    .flatMap(([column, [left, right]]) => [`${literal(left)} AS "${column}_l"`, `${literal(right)} AS "${column}_r"`])
    .join(", ")

/** The label of the level DuckDB assigns to the pair: splink's CASE WHEN … THEN … ELSE … END. */
const levelFor = async (comparison: Comparison, columns: string): Promise<string | undefined> => {
  const branches = comparison.comparison_levels.map((level, index) =>
    level.sql_condition === "ELSE" ? `ELSE ${index}` : `WHEN ${level.sql_condition} THEN ${index}`
  )
  const reader = await connection.runAndReadAll(`SELECT CASE ${branches.join(" ")} END FROM (SELECT ${columns}) AS pair`)
  const index = Number(reader.getRows()[0]?.[0])
  return comparison.comparison_levels[index]?.label_for_charts
}

interface Case {
  readonly comparison: Comparison
  readonly pairs: ReadonlyArray<readonly [string, string]>
}

const text = (column: string, left: string | null, right: string | null) => pair({ [column]: [left, right] })

const cases: Record<string, Case> = {
  exactMatch: {
    comparison: exactMatch("city", { termFrequencyAdjustments: true }),
    pairs: [
      [text("city", "London", "London"), "Exact match on city"],
      [text("city", null, "London"), "city is NULL"],
      [text("city", "London", "Leeds"), "All other comparisons"]
    ]
  },
  levenshteinAtThresholds: {
    comparison: levenshteinAtThresholds("name"),
    pairs: [
      [text("name", "kitten", "sitten"), "Levenshtein distance of name <= 1"],
      [text("name", "kitten", "sittin"), "Levenshtein distance of name <= 2"],
      [text("name", "kitten", "sitting"), "All other comparisons"]
    ]
  },
  damerauLevenshteinAtThresholds: {
    comparison: damerauLevenshteinAtThresholds("name", 1),
    pairs: [[text("name", "abcd", "abdc"), "Damerau-Levenshtein distance of name <= 1"]]
  },
  jaroWinklerAtThresholds: {
    comparison: jaroWinklerAtThresholds("name"),
    pairs: [
      [text("name", "MARTHA", "MARHTA"), "Jaro-Winkler distance of name >= 0.9"],
      [text("name", "DWAYNE", "DUANE"), "Jaro-Winkler distance of name >= 0.7"]
    ]
  },
  jaroAtThresholds: {
    comparison: jaroAtThresholds("name"),
    pairs: [[text("name", "MARTHA", "MARHTA"), "Jaro distance of 'name >= 0.9'"]]
  },
  jaccardAtThresholds: {
    comparison: jaccardAtThresholds("name"),
    pairs: [[text("name", "abcd", "abcde"), "Jaccard distance of 'name >= 0.7'"]]
  },
  nameComparison: {
    comparison: nameComparison("first_name"),
    pairs: [
      [text("first_name", "Jon", "John"), "Jaro-Winkler distance of first_name >= 0.92"],
      [text("first_name", "Jon", "Bob"), "All other comparisons"]
    ]
  },
  emailComparison: {
    comparison: emailComparison("email"),
    pairs: [
      [text("email", "john@a.com", "john@b.org"), "Exact match on username"],
      [text("email", "john.smith@x.com", "john.smyth@x.com"), "Jaro-Winkler distance of email >= 0.88"]
    ]
  },
  dateOfBirthComparisonOnText: {
    comparison: dateOfBirthComparison("dob", { inputIsString: true }),
    pairs: [
      [text("dob", "2000-01-01", "2000-01-10"), "DamerauLevenshtein distance <= 1"],
      [text("dob", "2000-01-01", "2000-01-25"), "Abs date difference <= 1 month"],
      [text("dob", "2000-01-01", "2000-07-15"), "Abs date difference <= 1 year"],
      [text("dob", "2000-01-01", "1995-03-01"), "Abs date difference <= 10 year"],
      [text("dob", "2000-01-01", "1980-01-01"), "All other comparisons"],
      [text("dob", "not a date", "2000-01-01"), "transformed dob is NULL"]
    ]
  },
  dateOfBirthComparisonOnDates: {
    comparison: dateOfBirthComparison("dob", { inputIsString: false }),
    pairs: [
      [pair({ dob: [sql("DATE '2000-01-01'"), sql("DATE '2000-01-10'")] }), "DamerauLevenshtein distance <= 1"],
      [pair({ dob: [sql("DATE '2000-01-01'"), sql("DATE '2000-01-20'")] }), "Abs date difference <= 1 month"]
    ]
  },
  absoluteDateDifferenceAtThresholds: {
    comparison: absoluteDateDifferenceAtThresholds("d", {
      inputIsString: true,
      metrics: ["day", "month"],
      thresholds: [1, 3],
      datetimeFormat: "%d/%m/%Y"
    }),
    pairs: [
      [text("d", "01/02/2000", "02/02/2000"), "Abs difference of 'transformed d <= 1 day'"],
      [text("d", "01/02/2000", "15/03/2000"), "Abs difference of 'transformed d <= 3 month'"],
      [text("d", "garbage", "15/03/2000"), "transformed d is NULL"]
    ]
  },
  absoluteTimeDifferenceAtThresholds: {
    comparison: absoluteTimeDifferenceAtThresholds("t", { inputIsString: false, metrics: "hour", thresholds: 1.5 }),
    pairs: [
      [
        pair({ t: [sql("TIMESTAMP '2020-01-01 10:00:00'"), sql("TIMESTAMP '2020-01-01 11:20:00'")] }),
        "Abs difference of 't <= 1.5 hour'"
      ]
    ]
  },
  arrayIntersectAtSizes: {
    comparison: arrayIntersectAtSizes("tags", [2, 1]),
    pairs: [
      [pair({ tags: [sql("['a', 'b', 'c']"), sql("['b', 'c']")] }), "Array intersection size >= 2"],
      [pair({ tags: [sql("['a']"), sql("['a', 'z']")] }), "Array intersection size >= 1"],
      [pair({ tags: [sql("['a']"), sql("['z']")] }), "All other comparisons"]
    ]
  },
  postcodeComparison: {
    comparison: postcodeComparison("pc"),
    pairs: [
      [text("pc", "SW1A 1AA", "SW1A 1BB"), "Exact match on sector"],
      [text("pc", "SW1A 1AA", "SW1A 2AA"), "Exact match on district"],
      [text("pc", "SW1A 1AA", "SW2 1AA"), "Exact match on area"],
      [text("pc", "SW1A 1AA", "SE1 1AA"), "All other comparisons"]
    ]
  },
  postcodeComparisonInvalidAsNull: {
    comparison: postcodeComparison("pc", { invalidPostcodesAsNull: true }),
    pairs: [[text("pc", "not a postcode", "SW1A 1AA"), "transformed pc is NULL"]]
  },
  cosineSimilarityAtThresholds: {
    comparison: cosineSimilarityAtThresholds("v"),
    pairs: [[pair({ v: [sql("[1, 0, 0]::FLOAT[3]"), sql("[1, 0, 0.1]::FLOAT[3]")] }), "Cosine similarity of v >= 0.9"]]
  },
  distanceFunctionAtThresholds: {
    comparison: distanceFunctionAtThresholds("code", "hamming", [1], { higherIsMoreSimilar: false }),
    pairs: [[text("code", "abc", "abd"), "`hamming` distance of 'code less than 1'"]]
  },
  transformedColumn: {
    comparison: levenshteinAtThresholds(col("name").lower().substr(1, 3), 1),
    pairs: [[text("name", "SMITHSON", "smythe"), "Levenshtein distance of transformed name <= 1"]]
  },
  customComparison: {
    comparison: customComparison({
      outputColumnName: "name",
      comparisonLevels: [
        andLevel(nullLevel("forename"), nullLevel("surname")),
        andLevel(exactMatchLevel("forename"), exactMatchLevel("surname")),
        columnsReversedLevel("forename", "surname", { symmetrical: true }),
        notLevel(nullLevel("surname")).configure({ labelForCharts: "surname present" }),
        elseLevel()
      ]
    }),
    pairs: [
      [pair({ forename: [null, null], surname: [null, null] }), "(forename is NULL) AND (surname is NULL)"],
      [pair({ forename: ["Ann", "Lee"], surname: ["Lee", "Ann"] }), "Match on reversed cols: forename and surname (both directions)"],
      [pair({ forename: ["Ann", "Bea"], surname: ["Lee", "Lee"] }), "surname present"]
    ]
  },
  numericLevels: {
    comparison: customComparison({
      outputColumnName: "amount",
      comparisonLevels: [
        nullLevel("amount"),
        absoluteDifferenceLevel("amount", 2),
        percentageDifferenceLevel("amount", 0.1),
        elseLevel()
      ]
    }),
    pairs: [
      [pair({ amount: [sql("100.0"), sql("101.5")] }), "Absolute difference of 'amount' <= 2"],
      [pair({ amount: [sql("100.0"), sql("105.0")] }), "Percentage difference of 'amount' within 10.00%"],
      [pair({ amount: [sql("100.0"), sql("150.0")] }), "All other comparisons"]
    ]
  }
}

describe("every emitted condition is DuckDB SQL that picks the level its label names", () => {
  for (const [name, { comparison, pairs }] of Object.entries(cases)) {
    it(name, async () => {
      // Each condition on its own prepares and runs over the first pair's columns.
      const [firstColumns] = pairs[0] ?? []
      for (const level of comparison.comparison_levels.filter((level) => level.sql_condition !== "ELSE")) {
        const prepared = await connection.prepare(`SELECT (${level.sql_condition}) AS hit FROM (SELECT ${firstColumns}) AS pair`)
        const reader = await prepared.runAndReadAll()
        expect(reader.getRows()).toHaveLength(1)
      }
      for (const [columns, expected] of pairs) {
        expect(await levelFor(comparison, columns)).toBe(expected)
      }
    })
  }
})

describe("blocking rules run over l and r records", () => {
  /** Whether the rule joins the two records. */
  const joins = async (rule: string, left: string, right: string): Promise<boolean> => {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM (SELECT ${left}) AS l, (SELECT ${right}) AS r WHERE ${rule}`)
    return Number(reader.getRows()[0]?.[0]) === 1
  }
  const ann = `'Ann' AS first_name, 'Smithson' AS surname, 'York' AS city`
  const annInLeeds = `'Ann' AS first_name, 'Smythe' AS surname, 'Leeds' AS city`

  it("blockOn joins on equality of every column, transforms applied to both sides", async () => {
    expect(await joins(blockOn("first_name"), ann, annInLeeds)).toBe(true)
    expect(await joins(blockOn("first_name", "city"), ann, annInLeeds)).toBe(false)
    expect(await joins(blockOn("first_name", col("surname").substr(1, 2)), ann, annInLeeds)).toBe(true)
    expect(await joins(blockOn(col("surname").lower().substr(1, 4)), ann, annInLeeds)).toBe(false)
  })

  it("customRule, andRule, orRule and notRule compose as SQL", async () => {
    const sameCity = customRule("l.city = r.city")
    expect(await joins(orRule(sameCity, blockOn("first_name")), ann, annInLeeds)).toBe(true)
    expect(await joins(andRule(notRule(sameCity), blockOn("first_name")), ann, annInLeeds)).toBe(true)
    expect(await joins(andRule(sameCity, blockOn("first_name")), ann, annInLeeds)).toBe(false)
  })
})
