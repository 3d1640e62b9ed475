/** A SQL string literal: `'text'`, with quotes doubled so a pattern holding `'` stays valid SQL. */
export const quoteSqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`
