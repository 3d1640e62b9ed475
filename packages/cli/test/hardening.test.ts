import { linerBin, makeTempDir, runLiner } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { spawn } from "node:child_process"
import { existsSync, writeFileSync } from "node:fs"
import { createServer, type Server, type Socket } from "node:net"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"

// Bad input and odd environments, through the real binary: never a hang, a leak or a misleading answer.
const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))
const setup = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  // MusicBrainz on a closed port: nothing here may reach a source.
  return { dir: dir.path, env: { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: "http://127.0.0.1:9" } }
}

const everyCommand = [
  "soundtrack", "db import", "db export", "db add", "db list", "db search", "label", "stage soundtrack", "stage songs", "scrape check",
  "queue list", "queue stats", "queue run", "queue add", "queue retry", "queue drop",
  "linkage train", "linkage predict", "linkage evaluate", "linkage cluster", "linkage explain",
  "report", "sets import", "identify", "identify train", "db migrate", "db copy", "serve", "contribute"
]

describe("unknown options", () => {
  it.each(everyCommand)("liner %s --bogus-flag exits 2 with the command's usage, and asks no source", async (name) => {
    const { env } = setup()
    const command = name.split(" ")
    const run = await runLiner([...command, "--bogus-flag"], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("liner: unknown option --bogus-flag")
    expect(run.stderr).toContain(`usage: liner ${command.join(" ")}`)
    expect(run.stdout).toBe("")
    expect(existsSync(env.LINER_DB)).toBe(false)
  })

  it("is caught wherever it stands, and --name=value forms are understood", async () => {
    const { env } = setup()
    const late = await runLiner(["soundtrack", "Sholay", "--year", "1975", "--colour"], env)
    expect(late.code).toBe(2)
    expect(late.stderr).toContain("unknown option --colour")
    const known = await runLiner(["soundtrack", "--title=Sholay", "--year=1975", "--offline"], env)
    expect(known.code).toBe(1)
    expect(known.stdout).toContain("Sholay (1975): no soundtrack found.")
  })

  it("a value that starts with a dash is the option's value, not an option", async () => {
    const { env } = setup()
    const run = await runLiner(["soundtrack", "--title", "-Minus-", "--offline"], env)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("-Minus-: no soundtrack found.")
  })
})

describe("--help", () => {
  it.each(["", ...everyCommand, "db", "stage", "queue", "linkage", "sets"])("liner %s --help says what each argument is and gives an example", async (name) => {
    const { env } = setup()
    const command = name === "" ? [] : name.split(" ")
    const run = await runLiner([...command, "--help"], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`$ liner ${command.join(" ")}`.trim())
    expect(run.stdout).toMatch(/EXAMPLE\s+\$ liner /)
    expect(run.stdout).not.toMatch(/A user-defined piece of text|This setting is optional|A true or false value|--\w[\w-]* text\b/)
  })

  it("names a year as an integer YYYY", async () => {
    const run = await runLiner(["soundtrack", "--help"], setup().env)
    expect(run.stdout).toContain("--year YYYY")
    expect(run.stdout).toMatch(/an integer such as 2008/)
  })
})

describe("messages about bad values", () => {
  it("a 100 000-character title gives one short message, without echoing it", async () => {
    const run = await runLiner(["soundtrack", "A".repeat(100_000)], setup().env)
    expect(run.code).toBe(2)
    expect(run.stderr.trim()).toBe("liner: title: the title is longer than 300 characters")
  })

  it.each([
    ["an IMDb id", ["soundtrack", "--imdb", "tt12"], "liner: IMDb id: an IMDb id looks like tt0473367 (tt followed by 7 to 9 digits)"],
    ["a year out of range", ["soundtrack", "Sholay", "--year", "99999"], /^liner: year: a film year lies between 1888 and \d{4}$/],
    ["a long year that is not a number", ["soundtrack", "Sholay", "--year", "y".repeat(5000)], /^liner: year: expected a year like 2008, got "y{39}…"$/]
  ])("%s gives one message in the user's terms", async (_, args, message) => {
    const run = await runLiner(args, setup().env)
    expect(run.code).toBe(2)
    expect(run.stderr).not.toContain("Expected")
    expect(run.stderr.trim()).toMatch(message)
  })
})

describe("control characters", () => {
  const evil = "Evil\u001b[31mRed\u009b2J"

  it("are escaped in what is printed for people, and kept exactly in JSON", async () => {
    const { env } = setup()
    const text = await runLiner(["soundtrack", evil, "--offline"], env)
    expect(text.code).toBe(1)
    // eslint-disable-next-line no-control-regex
    expect(text.stdout).not.toMatch(/[\u001b\u009b]/)
    expect(text.stdout).toContain("Evil\\x1B[31mRed\\x9B2J: no soundtrack found.")
    const json = await runLiner(["soundtrack", evil, "--offline", "--json"], env)
    expect(json.code).toBe(1)
    expect((JSON.parse(json.stdout) as { query: { title: string } }).query.title).toBe(evil)
  })

  it("never reach the terminal through an error message", async () => {
    const run = await runLiner(["soundtrack", `${evil}${"x".repeat(400)}`], setup().env)
    expect(run.code).toBe(2)
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/[\u001b\u009b]/)
  })
})

describe("batch files that are not text", () => {
  it.each([
    ["a binary file", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0a, 0x53, 0x68, 0x6f, 0x6c, 0x61, 0x79]), /is not a text file \(it holds NUL bytes\)/],
    ["bytes that are not UTF-8", Buffer.from("title\nSholay\n\xff\xfe Deewaar\n", "latin1"), /is not UTF-8 text/]
  ])("%s is refused at once with exit 2", async (_, bytes, message) => {
    const { dir, env } = setup()
    const file = join(dir, "films.csv")
    writeFileSync(file, bytes)
    for (const command of [["soundtrack"], ["label"]]) {
      const run = await runLiner([...command, "--batch", file], env)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stdout).toBe("")
    }
  })

  it("a line with control characters is reported by its number, not its bytes", async () => {
    const { dir, env } = setup()
    const file = join(dir, "films.csv")
    writeFileSync(file, "title,year\nSholay,1975\nEvil\u001b[31mRed,2001\nDeewaar,1975\n")
    const run = await runLiner(["soundtrack", "--batch", file, "--offline"], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${file}:3: the line holds control characters`)
    expect(run.stderr).not.toContain("\u001b")
    expect(run.stdout.split("\n").filter((l) => l !== "")).toHaveLength(2)
  })
})

describe("signals", () => {
  /** A server that accepts connections and never answers: the lookup waits until it is told to stop. */
  const startHangingServer = async (): Promise<{ server: Server; url: string; connected: Promise<void>; sockets: Array<Socket> }> => {
    const sockets: Array<Socket> = []
    let onConnection: () => void = () => undefined
    const connected = new Promise<void>((resolve) => (onConnection = resolve))
    const server = createServer((socket) => {
      sockets.push(socket)
      onConnection()
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const address = server.address()
    if (address === null || typeof address === "string") throw new Error("no port")
    return { server, url: `http://127.0.0.1:${address.port}`, connected, sockets }
  }

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130]
  ] as const)("%s ends a lookup that waits on a hung server with exit %i, and the store stays intact", async (signal, status) => {
    const { env } = setup()
    const seeded = await runLiner(["db", "add", "--title", "Sholay", "--year", "1975", "--track", "Yeh Dosti|Kishore Kumar, Manna Dey|R. D. Burman|Anand Bakshi"], env)
    expect(seeded.code).toBe(0)
    const hung = await startHangingServer()
    try {
      const child = spawn(process.execPath, [linerBin, "soundtrack", "Deewaar", "--year", "1975"], {
        env: { ...env, PATH: process.env["PATH"] ?? "", LINER_MUSICBRAINZ_URL: hung.url, MUSICBRAINZ_TIMEOUT: "600" },
        stdio: "ignore"
      })
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
      await hung.connected
      child.kill(signal)
      // A command that ignored the signal would be killed here, and the test would fail on its status.
      const killer = setTimeout(() => child.kill("SIGKILL"), 20_000)
      const code = await exited
      clearTimeout(killer)
      expect(code).toBe(status)
    } finally {
      hung.sockets.forEach((s) => s.destroy())
      await new Promise((resolve) => hung.server.close(resolve))
    }
    const db = new SqliteDatabase(env.LINER_DB)
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok")
      expect(db.prepare("select title from films").all()).toEqual([{ title: "Sholay" }])
    } finally {
      db.close()
    }
  })
})
