/**
 * What the engine needs to know about a condition or a blocking rule before running it: the
 * columns it names and a blocking rule's equi-join keys. DuckDB's own parser reads the SQL
 * (`json_serialize_sql`), so we see exactly what DuckDB will run; splink asks sqlglot the same
 * questions (parse_sql.py, blocking.py `_equi_join_conditions`).
 */
import type { DuckDbSession } from "./duckdb-session.js"

/** A node of DuckDB's serialized parse tree (only the fields we read are typed). */
interface AstNode {
  readonly class?: string
  readonly type?: string
  readonly column_names?: ReadonlyArray<string>
  readonly children?: ReadonlyArray<AstNode>
  readonly left?: AstNode
  readonly right?: AstNode
  readonly [key: string]: unknown
}

export interface ParsedExpression {
  /** The whole parse result, kept to write sub-expressions back as SQL. */
  readonly document: Record<string, unknown>
  readonly expression: AstNode
}

/** Integers beyond 2^53 (DuckDB writes UINT64_MAX for "no location") would not survive JSON.parse. */
const BIG_NUMBER_MARK = "__linkage_bignum__:"
const protectBigNumbers = (json: string): string =>
  json.replace(/(?<!\\)("[A-Za-z_]+":)(-?\d{16,})/g, (_match, key: string, digits: string) => `${key}"${BIG_NUMBER_MARK}${digits}"`)
const restoreBigNumbers = (json: string): string => json.replace(/"__linkage_bignum__:(-?\d+)"/g, "$1")

/** Parses `sql` as one SQL expression; the error is DuckDB's own message. */
export const parseExpression = async (
  session: DuckDbSession,
  sql: string
): Promise<{ readonly parsed: ParsedExpression } | { readonly error: string }> => {
  const [row] = await session.rows("SELECT json_serialize_sql($1::VARCHAR) AS tree", [`SELECT ${sql}`])
  const document = JSON.parse(protectBigNumbers(String(row?.["tree"]))) as Record<string, unknown>
  if (document["error"] === true) return { error: String(document["error_message"] ?? "cannot parse") }
  const statements = document["statements"] as ReadonlyArray<{ node?: { type?: string; select_list?: ReadonlyArray<AstNode> } }>
  const node = statements.length === 1 ? statements[0]?.node : undefined
  const selectList = node?.type === "SELECT_NODE" ? node.select_list : undefined
  if (selectList?.length !== 1 || selectList[0] === undefined) return { error: "expected one SQL expression" }
  return { parsed: { document, expression: selectList[0] } }
}

const childNodes = (node: AstNode): ReadonlyArray<AstNode> => {
  const found: Array<AstNode> = []
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === "object") found.push(item as AstNode)
    } else if (value !== null && typeof value === "object") found.push(value as AstNode)
  }
  return found
}

/** Every column reference's name parts, leaving out lambda bodies (their names are parameters). */
export const columnReferences = (node: AstNode): ReadonlyArray<ReadonlyArray<string>> => {
  const found: Array<ReadonlyArray<string>> = []
  const visit = (current: AstNode): void => {
    if (current.class === "LAMBDA") return
    if (current.class === "COLUMN_REF" && current.column_names !== undefined) found.push(current.column_names)
    for (const child of childNodes(current)) visit(child)
  }
  visit(node)
  return found
}

/** Input columns a comparison-level condition uses: `first_name_l` / `"first_name_r"` → `first_name`. */
export const conditionColumns = (expression: AstNode): ReadonlyArray<string> =>
  dedupe(
    columnReferences(expression)
      .map((names) => names[0] ?? "")
      .filter((name) => name.length > 2 && /_[lr]$/i.test(name))
      .map((name) => name.slice(0, -2))
  )

/** Input columns a blocking rule uses: `l.first_name` / `r."surname"` → `first_name`, `surname`. */
export const blockingRuleColumns = (expression: AstNode): ReadonlyArray<string> =>
  dedupe(
    columnReferences(expression)
      .filter((names) => names.length >= 2 && /^[lr]$/i.test(names[0] ?? ""))
      .map((names) => names[1] ?? "")
  )

const dedupe = (names: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(names)]

/** The tables (`l`, `r`) an expression's columns are qualified with. */
const tablesOf = (node: AstNode): ReadonlySet<string> =>
  new Set(
    columnReferences(node)
      .filter((names) => names.length >= 2)
      .map((names) => names[0]!.toLowerCase())
  )

const isConjunction = (node: AstNode, type: "CONJUNCTION_AND" | "CONJUNCTION_OR"): boolean =>
  node.class === "CONJUNCTION" && node.type === type

/** `a AND (b AND c)` → [a, b, c] (sqlglot's `flatten`). */
const flatten = (node: AstNode, type: "CONJUNCTION_AND" | "CONJUNCTION_OR"): ReadonlyArray<AstNode> =>
  isConjunction(node, type) ? (node.children ?? []).flatMap((child) => flatten(child, type)) : [node]

/** sqlglot's `normalized`: no AND below an OR (CNF), or no OR below an AND (DNF). */
const isNormalized = (node: AstNode, form: "cnf" | "dnf"): boolean => {
  const [outer, inner] = form === "cnf" ? (["CONJUNCTION_OR", "CONJUNCTION_AND"] as const) : (["CONJUNCTION_AND", "CONJUNCTION_OR"] as const)
  const visit = (current: AstNode, belowOuter: boolean): boolean => {
    if (belowOuter && isConjunction(current, inner)) return false
    const nowBelow = belowOuter || isConjunction(current, outer)
    return childNodes(current).every((child) => visit(child, nowBelow))
  }
  return visit(node, false)
}

const withoutLocations = (node: AstNode): string =>
  JSON.stringify(node, (key, value: unknown) => (key === "query_location" ? undefined : value))

/** The equalities sqlglot's `join_condition` takes as join keys (CNF: top-level AND; DNF: those in every OR branch). */
const equalityCandidates = (expression: AstNode): ReadonlyArray<AstNode> => {
  if (isNormalized(expression, "cnf")) {
    return flatten(expression, "CONJUNCTION_AND").filter((part) => part.type === "COMPARE_EQUAL")
  }
  if (isNormalized(expression, "dnf")) {
    let common: ReadonlyArray<AstNode> | undefined
    for (const branch of flatten(expression, "CONJUNCTION_OR")) {
      const equalities = flatten(branch, "CONJUNCTION_AND").filter((part) => part.type === "COMPARE_EQUAL")
      common =
        common === undefined
          ? equalities
          : equalities.filter((equality) => common!.some((kept) => withoutLocations(kept) === withoutLocations(equality)))
    }
    return common ?? []
  }
  return []
}

export interface EquiJoinKey {
  /** The key on the left record, table prefix removed (`substr("first_name", 1, 1)`). */
  readonly l: string
  readonly r: string
  /** The condition as written in the rule's terms (`l.surname = r.surname`). */
  readonly condition: string
}

/** A copy of `node` whose `l.` / `r.` column prefixes are gone, so it reads one table. */
const withoutTablePrefix = (node: AstNode): AstNode =>
  JSON.parse(
    JSON.stringify(node, (_key, value: unknown) => {
      if (value !== null && typeof value === "object" && (value as AstNode).class === "COLUMN_REF") {
        const names = (value as AstNode).column_names ?? []
        return names.length >= 2 && /^[lr]$/i.test(names[0] ?? "") ? { ...value, column_names: names.slice(1) } : value
      }
      return value
    })
  ) as AstNode

/** Writes expressions back as SQL with DuckDB's `json_deserialize_sql`, one statement per expression. */
const toSql = async (session: DuckDbSession, parsed: ParsedExpression, expressions: ReadonlyArray<AstNode>): Promise<ReadonlyArray<string>> => {
  const texts: Array<string> = []
  for (const expression of expressions) {
    const statements = parsed.document["statements"] as ReadonlyArray<{ node: Record<string, unknown> }>
    const document = {
      ...parsed.document,
      statements: [{ ...statements[0], node: { ...statements[0]!.node, select_list: [expression] } }]
    }
    const [row] = await session.rows("SELECT json_deserialize_sql($1::JSON) AS sql", [restoreBigNumbers(JSON.stringify(document))])
    texts.push(String(row?.["sql"]).replace(/^SELECT\s+/i, ""))
  }
  return texts
}

/** DuckDB writes a comparison back as `(a = b)`; for display, `a = b`. */
const withoutEnclosingParentheses = (sql: string): string => {
  if (!sql.startsWith("(") || !sql.endsWith(")")) return sql
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < sql.length - 1; i++) {
    const ch = sql[i]!
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
      continue
    }
    if (ch === "'" || ch === '"') quote = ch
    else if (ch === "(") depth++
    else if (ch === ")") depth--
    if (depth === 0) return sql
  }
  return sql.slice(1, -1)
}

/**
 * The equi-join keys of a blocking rule, after splink's `BlockingRule._equi_join_conditions`
 * (sqlglot's `join_condition` with `r` as the joined table): each equality whose one side uses
 * `r` and the other does not.
 */
export const equiJoinKeys = async (session: DuckDbSession, parsed: ParsedExpression): Promise<ReadonlyArray<EquiJoinKey>> => {
  const keys: Array<EquiJoinKey> = []
  for (const equality of equalityCandidates(parsed.expression)) {
    const { left, right } = equality
    if (left === undefined || right === undefined) continue
    const leftUsesR = tablesOf(left).has("r")
    const rightUsesR = tablesOf(right).has("r")
    if (leftUsesR === rightUsesR) continue
    const [lSide, rSide] = rightUsesR ? [left, right] : [right, left]
    const [l, r, condition] = await toSql(session, parsed, [withoutTablePrefix(lSide), withoutTablePrefix(rSide), equality])
    keys.push({ l: l!, r: r!, condition: withoutEnclosingParentheses(condition!) })
  }
  return keys
}
