/**
 * A dataset shaped like splink's fake_1000 (unique_id, first_name, surname, dob, city, email,
 * cluster) at any size: clusters of one to five records of one person, the copies carrying the
 * typos, swaps and gaps fake_1000 has. Values are drawn from fake_1000's own, seeded, so every run
 * generates the same file.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { seededRandom } from "./stats.js"

const fixture = new URL("../packages/linkage/test/data/fake_1000.csv", import.meta.url)

const distinctColumn = (rows: ReadonlyArray<ReadonlyArray<string>>, index: number): Array<string> =>
  [...new Set(rows.map((row) => row[index] ?? "").filter((value) => value !== ""))]

const csvField = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** Writes `records` people-records to `path` as CSV. */
export const writeFakePeople = (path: string, records: number, seed = 1): void => {
  const rows = readFileSync(fixture, "utf8").trim().split("\n").slice(1).map((line) => line.split(","))
  const firstNames = distinctColumn(rows, 1)
  const surnames = distinctColumn(rows, 2)
  const cities = distinctColumn(rows, 4)
  const random = seededRandom(seed)
  const pick = <T>(values: ReadonlyArray<T>): T => values[Math.floor(random() * values.length)]!
  const typo = (value: string): string => {
    if (value.length < 3) return value
    const at = 1 + Math.floor(random() * (value.length - 2))
    const letter = String.fromCharCode(97 + Math.floor(random() * 26))
    return random() < 0.5 ? value.slice(0, at) + letter + value.slice(at + 1) : value.slice(0, at) + value.slice(at + 1)
  }
  const lines = ["unique_id,first_name,surname,dob,city,email,cluster"]
  let id = 0
  for (let cluster = 0; id < records; cluster++) {
    const first = pick(firstNames)
    const surname = pick(surnames)
    const dob = `${1930 + Math.floor(random() * 90)}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`
    const city = pick(cities)
    const email = `${first.toLowerCase()}${Math.floor(random() * 100)}@${surname.toLowerCase()}.com`
    const copies = 1 + Math.floor(random() * 5)
    for (let copy = 0; copy < copies && id < records; copy++, id++) {
      const vary = (value: string, p: number): string => (copy === 0 || random() > p ? value : random() < 0.3 ? "" : typo(value))
      lines.push([String(id), vary(first, 0.2), vary(surname, 0.2), vary(dob, 0.15), vary(city, 0.25), vary(email, 0.3), String(cluster)].map(csvField).join(","))
    }
  }
  writeFileSync(path, lines.join("\n") + "\n")
}
