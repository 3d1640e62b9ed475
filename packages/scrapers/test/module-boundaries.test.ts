import { ESLint } from "eslint"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

// The arrows of the architecture, as the linter enforces them: nothing but the faces imports the
// scrapers, and core imports none of our packages. Checked on source text, no file is written.
const root = fileURLToPath(new URL("../../../", import.meta.url))
const eslint = new ESLint({ cwd: root })

const boundaryErrors = async (file: string, source: string): Promise<ReadonlyArray<string>> => {
  const [result] = await eslint.lintText(source, { filePath: `${root}${file}` })
  return (result?.messages ?? []).filter((m) => m.ruleId === "@nx/enforce-module-boundaries").map((m) => m.message)
}

describe("module boundaries", () => {
  it.each([
    ["packages/core/src/boundary-probe.ts", 'import { makeStoreScrapers } from "@liner/scrapers"\nexport const x = makeStoreScrapers\n'],
    ["packages/providers/src/boundary-probe.ts", 'import { makeStoreScrapers } from "@liner/scrapers"\nexport const x = makeStoreScrapers\n'],
    ["packages/core/src/boundary-probe.ts", 'import { soundtrackFinderLive } from "@liner/providers"\nexport const x = soundtrackFinderLive\n']
  ])("%s may not import that package", async (file, source) => {
    const errors = await boundaryErrors(file, source)
    // Core importing a package that depends on core is reported as the cycle it is.
    expect(errors.join("\n")).toMatch(/can only depend on libs tagged with|Circular dependency between "@liner\/core"/)
  })

  it("the faces may import the scrapers", async () => {
    expect(await boundaryErrors("packages/cli/src/boundary-probe.ts", 'import { makeStoreScrapers } from "@liner/scrapers"\nexport const x = makeStoreScrapers\n')).toEqual([])
  })
})
