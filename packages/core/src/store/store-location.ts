/**
 * Where the store is: a SQLite file path, or a PostgreSQL URL (`postgres://` or `postgresql://`).
 * Only the display form of a URL is ever shown, in messages and reports: its password is `***`.
 */

/** Whether `location` names a PostgreSQL server rather than a SQLite file. */
export const isPostgresLocation = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location.trim())

/** The URL's password (from its user part or a `password` parameter), when it has one. */
export const locationPassword = (location: string): string | undefined => {
  if (!isPostgresLocation(location)) return undefined
  try {
    const url = new URL(location.trim())
    const password = url.password !== "" ? decodeURIComponent(url.password) : url.searchParams.get("password")
    return password === null || password === "" ? undefined : password
  } catch {
    return undefined
  }
}

/**
 * The location as it may be shown: a SQLite path as it is; a PostgreSQL URL with `***` for its
 * password (`postgres://liner:***@db.example/liner`). A URL that cannot be parsed shows only its
 * scheme, as it may hold a password in any shape.
 */
export const displayLocation = (location: string): string => {
  if (!isPostgresLocation(location)) return location
  try {
    const url = new URL(location.trim())
    if (url.password !== "") url.password = "***"
    if (url.searchParams.has("password")) url.searchParams.set("password", "***")
    return url.toString().replaceAll("%2A%2A%2A", "***")
  } catch {
    return `${location.trim().split(":")[0] ?? "postgres"}://… (an unreadable URL)`
  }
}

/** Replaces every occurrence of the location's password in a message (a driver may echo parts of the URL). */
export const withoutPassword = (location: string, message: string): string => {
  const password = locationPassword(location)
  return password === undefined ? message : message.replaceAll(password, "***")
}
