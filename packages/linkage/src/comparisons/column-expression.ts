/**
 * A column, optionally transformed (lower, substr, regex extract, …), rendered as splink renders it
 * for DuckDB: `"name_l"` / `"name_r"` in comparison levels, `l."name"` / `r."name"` in blocking
 * rules. After splink's column_expression.py and the DuckDB dialect of dialects.py.
 */
import { LinkageInputError } from "../errors.js"
import { quoteSqlString } from "./sql-text.js"

/** One transform, applied to the SQL of the column so far. */
type Operation = (sql: string) => string

/** How a column can be given: a plain name (`"first_name"`, `"first name"`, `"coords['lat']"`), or
 * a `ColumnExpression` built with `col(...)`. */
export type ColumnInput = string | ColumnExpression

/** splink's heuristic: parentheses or `||` mean a SQL expression rather than a column name. */
const looksLikeSqlExpression = (raw: string): boolean => /\([^)]*\)/.test(raw) || raw.includes("||")

/** A name and an optional `['key']` or `[index]` that follows it (splink's column references). */
interface ColumnReference {
  readonly name: string
  readonly bracket: string
}

const parseReference = (raw: string): ColumnReference => {
  const bracketMatch = /^(.*?)(\[(?:'[^']*'|-?\d+)\])$/.exec(raw)
  const base = bracketMatch?.[1] ?? raw
  const bracket = bracketMatch?.[2] ?? ""
  // A name the caller already quoted ("first name") is the name inside the quotes.
  const quoted = /^"((?:[^"]|"")*)"$/.exec(base)
  const name = quoted?.[1] !== undefined ? quoted[1].replaceAll('""', '"') : base
  return { name, bracket }
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

export class ColumnExpression {
  private constructor(
    /** What the caller wrote: the label, the output column name and the TF column derive from it. */
    readonly raw: string,
    private readonly reference: ColumnReference,
    private readonly operations: ReadonlyArray<Operation>
  ) {}

  static of(input: ColumnInput): ColumnExpression {
    if (input instanceof ColumnExpression) return input
    if (input.trim() === "") throw new LinkageInputError({ message: "A column name is empty." })
    if (looksLikeSqlExpression(input)) {
      throw new LinkageInputError({
        message:
          `"${input}" is a SQL expression, not a column name: build it with col("…") and its transforms ` +
          `(lower, substr, regexExtract, …), or write the level with customLevel / the rule with customRule.`
      })
    }
    return new ColumnExpression(input, parseReference(input), [])
  }

  private with(operation: Operation): ColumnExpression {
    return new ColumnExpression(this.raw, this.reference, [...this.operations, operation])
  }

  /** `LOWER(x)` */
  lower(): ColumnExpression {
    return this.with((sql) => `LOWER(${sql})`)
  }

  /** `SUBSTRING(x, start, length)` (1-based start, as in SQL). */
  substr(start: number, length: number): ColumnExpression {
    return this.with((sql) => `SUBSTRING(${sql}, ${start}, ${length})`)
  }

  /** `CAST(x AS TEXT)` */
  castToString(): ColumnExpression {
    return this.with((sql) => `CAST(${sql} AS TEXT)`)
  }

  /** `NULLIF(regexp_extract(x, 'pattern', group), '')`: no match is NULL, as in splink. */
  regexExtract(pattern: string, captureGroup = 0): ColumnExpression {
    return this.with((sql) => `NULLIF(regexp_extract(${sql}, ${quoteSqlString(pattern)}, ${captureGroup}), '')`)
  }

  /** `NULLIF(x, 'value')`: treat a placeholder value as NULL. */
  nullif(nullValue: string): ColumnExpression {
    return this.with((sql) => `NULLIF(${sql}, ${quoteSqlString(nullValue)})`)
  }

  /** `try_strptime(x, '%Y-%m-%d')`: NULL where the text is not a date in that format. */
  tryParseDate(dateFormat = "%Y-%m-%d"): ColumnExpression {
    return this.with((sql) => `try_strptime(${sql}, ${quoteSqlString(dateFormat)})`)
  }

  /** `try_strptime(x, '%Y-%m-%dT%H:%M:%SZ')` */
  tryParseTimestamp(timestampFormat = "%Y-%m-%dT%H:%M:%SZ"): ColumnExpression {
    return this.with((sql) => `try_strptime(${sql}, ${quoteSqlString(timestampFormat)})`)
  }

  /** `x[1]` or `x[-1]`: the first or last element of a list. */
  accessExtremeArrayElement(firstOrLast: "first" | "last"): ColumnExpression {
    return this.with((sql) => `${sql}[${firstOrLast === "first" ? 1 : -1}]`)
  }

  /** A plain column (no transform), the only kind term-frequency adjustments can use. */
  get isPureColumn(): boolean {
    return this.operations.length === 0
  }

  private render(base: string): string {
    return this.operations.reduce((sql, operation) => operation(sql), base)
  }

  /** `"name_l"` (transformed), as in a comparison level's condition. */
  get nameL(): string {
    return this.render(quoteIdentifier(`${this.reference.name}_l`) + this.reference.bracket)
  }

  get nameR(): string {
    return this.render(quoteIdentifier(`${this.reference.name}_r`) + this.reference.bracket)
  }

  /** `l."name"` (transformed), as in a blocking rule. */
  get lName(): string {
    return this.render(`l.${quoteIdentifier(this.reference.name)}${this.reference.bracket}`)
  }

  get rName(): string {
    return this.render(`r.${quoteIdentifier(this.reference.name)}${this.reference.bracket}`)
  }

  /** The name in labels: `first_name`, or `transformed first_name`. */
  get label(): string {
    return this.isPureColumn ? this.raw : `transformed ${this.raw}`
  }

  /** The comparison's `output_column_name`: the raw name with anything but [A-Za-z0-9_] as `_`. */
  get outputColumnName(): string {
    return this.raw.replace(/[^A-Za-z0-9_]/g, "_")
  }
}

/** A column to compare or block on, with transforms: `col("email").regexExtract("^[^@]+")`. */
export const col = (name: string): ColumnExpression => ColumnExpression.of(name)
