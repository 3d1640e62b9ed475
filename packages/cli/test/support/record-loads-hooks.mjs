import { appendFileSync } from "node:fs"

export async function load(url, context, nextLoad) {
  const file = process.env["LINER_RECORD_LOADS"]
  if (file !== undefined) appendFileSync(file, `${url}\n`)
  return nextLoad(url, context)
}
