import { describe, expect, it } from "vitest"
import { blockingRuleColumns, conditionColumns, exactMatchColumns } from "../../src/scoring/sql-columns.js"

describe("reading columns from splink's SQL", () => {
  it("finds the input columns of a level condition, without functions, types and literals", () => {
    expect(conditionColumns(`jaro_winkler_similarity("first_name_l", "first_name_r") >= 0.92`)).toEqual(["first_name"])
    expect(conditionColumns("levenshtein(dob_l::VARCHAR, dob_r::VARCHAR) <= 2")).toEqual(["dob"])
    expect(
      conditionColumns(`NULLIF(regexp_extract("email_l", '^[^@]+_l', 0), '') = NULLIF(regexp_extract("email_r", '^[^@]+', 0), '')`)
    ).toEqual(["email"])
    expect(conditionColumns("ELSE")).toEqual([])
  })

  it("finds the l./r. columns of a blocking rule", () => {
    expect(blockingRuleColumns(`(l."first_name" = r."first_name") AND (l."city" = r."city")`)).toEqual(["first_name", "city"])
    expect(blockingRuleColumns("l.first_name = r.first_name and levenshtein(r.Surname, l.surname) <= 2")).toEqual([
      "first_name",
      "surname"
    ])
    expect(blockingRuleColumns("SUBSTR(l.postcode_fake, 1, 3) = SUBSTR(r.postcode_fake, 1, 3)")).toEqual(["postcode_fake"])
    expect(blockingRuleColumns("1=1")).toEqual([])
  })

  it("recognises exact-match levels as splink's _is_exact_match does", () => {
    expect(exactMatchColumns(`"first_name_l" = "first_name_r"`)).toEqual(["first_name"])
    expect(exactMatchColumns("(first_name_l = first_name_r) AND (Surname_l = surname_r)")).toEqual(["first_name", "surname"])
    expect(exactMatchColumns(`CAST("dob_l" AS TEXT) = CAST("dob_r" AS TEXT)`)).toBeUndefined()
    expect(exactMatchColumns("first_name_l = surname_r")).toBeUndefined()
    expect(exactMatchColumns("first_name_l = first_name_r OR surname_l = surname_r")).toBeUndefined()
    expect(exactMatchColumns("first_name_l IS NULL OR first_name_r IS NULL")).toBeUndefined()
    expect(exactMatchColumns("ELSE")).toBeUndefined()
  })
})
