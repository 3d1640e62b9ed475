/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temporary folder, `pg_ctl start` on a
 * free port of 127.0.0.1 (trust authentication, its unix socket in the folder, no fsync), one
 * database per test store, everything stopped and removed by `stop`. It needs Debian's
 * `postgresql` package (binaries on PATH or in /usr/lib/postgresql/<version>/bin). PostgreSQL
 * refuses to run as root: as root, the server runs as the `postgres` user (or `nobody`).
 */
import { execFileSync } from "node:child_process"
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir, userInfo } from "node:os"
import { dirname, join } from "node:path"

/** What a test process needs to make databases on a running server (serialisable, for other processes). */
export interface PostgresServerInfo {
  readonly host: string
  readonly port: number
  readonly user: string
  /** The folder holding PostgreSQL's programs (createdb). */
  readonly bin: string
}

export interface PostgresServer extends PostgresServerInfo {
  /** Stops the server and removes its folder. */
  readonly stop: () => void
}

const SUPERUSER = "liner"

/**
 * The folder of PostgreSQL's programs: where `initdb` on PATH really is (a link in /usr/local/bin
 * leads to the folder that also holds createdb), else the newest /usr/lib/postgresql/<version>/bin.
 */
export const postgresBinDir = (): string | undefined => {
  for (const dir of (process.env["PATH"] ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, "initdb"))) return dirname(realpathSync(join(dir, "initdb")))
  }
  const root = "/usr/lib/postgresql"
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] === undefined ? undefined : join(root, versions[0], "bin")
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))))
    })
  })

/** The OS user the server runs as: this one, or (as root, which PostgreSQL refuses) `postgres`, else `nobody`. */
const serverUser = (): { readonly name: string; readonly uid: number; readonly gid: number } | undefined => {
  if (userInfo().uid !== 0) return undefined
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim())
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim())
      return { name, uid, gid }
    } catch {
      // not on this machine: the next one
    }
  }
  throw new Error("running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as")
}

/** Starts a fresh server. Throws, with the server's log, when it cannot. */
export const startPostgresServer = async (): Promise<PostgresServer> => {
  const bin = postgresBinDir()
  if (bin === undefined) throw new Error("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): apt-get install postgresql")
  const port = await freePort()
  const folder = mkdtempSync(join(tmpdir(), "liner-pg-"))
  const data = join(folder, "data")
  const log = join(folder, "server.log")
  const user = serverUser()
  if (user !== undefined) {
    chmodSync(folder, 0o755)
    chownSync(folder, user.uid, user.gid)
  }
  const run = (program: string, args: ReadonlyArray<string>) =>
    user === undefined
      ? execFileSync(join(bin, program), args, { stdio: "pipe" })
      : execFileSync("runuser", ["-u", user.name, "--", join(bin, program), ...args], { stdio: "pipe", cwd: folder })
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
    } catch {
      // not running (it failed to start, or is stopped already)
    }
    rmSync(folder, { recursive: true, force: true })
  }
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-locale", "--no-sync"])
    const options = `-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c max_connections=200`
    run("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "30", "start"])
  } catch (error) {
    const output = existsSync(log) ? readFileSync(log, "utf8") : ""
    stop()
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? ""
    throw new Error(`cannot start a test PostgreSQL server: ${(error as Error).message}\n${stderr}\n${output}`)
  }
  return { host: "127.0.0.1", port, user: SUPERUSER, bin, stop }
}

let databases = 0

/** Creates a new, empty database on the server and returns its URL (`postgres://liner@127.0.0.1:PORT/NAME`). */
export const createPostgresDatabase = (server: PostgresServerInfo, prefix = "liner_test"): string => {
  const name = `${prefix}_${process.pid}_${++databases}`
  execFileSync(join(server.bin, "createdb"), ["-h", server.host, "-p", String(server.port), "-U", server.user, name], { stdio: "pipe" })
  return postgresUrl(server, name)
}

/** The URL of a database on the server, optionally with a password (trust authentication ignores it). */
export const postgresUrl = (server: PostgresServerInfo, database: string, password?: string): string =>
  `postgres://${server.user}${password === undefined ? "" : `:${encodeURIComponent(password)}`}@${server.host}:${server.port}/${database}`
