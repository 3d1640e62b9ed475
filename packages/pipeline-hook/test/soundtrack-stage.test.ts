import { createHash } from "node:crypto"
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { LINER_VERSION, SoundtrackResult } from "@liner/core"
import { jobDirPool, jobLayouts, readPipelineFixture, type TempJobDir } from "@liner/testkit"
import { Effect, Either, Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import {
  countTokens,
  exitCodeForError,
  exitCodeForStatus,
  runSoundtrackStage,
  runSoundtrackStagePromise,
  type SoundtrackStageOptions,
  StatusFile,
  Vocabulary
} from "../src/index.js"
import { countingFinder, type CountingFinder, localAnswer, unavailableAnswer } from "./support/local-finder.js"

const jobs = jobDirPool()
const job = jobs.make
afterEach(jobs.cleanup)

const run = (finder: CountingFinder, options: SoundtrackStageOptions) =>
  Effect.runPromise(Effect.either(runSoundtrackStage(options).pipe(Effect.provide(finder.layer))))

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex")
const readJson = async (j: TempJobDir, path: string): Promise<unknown> => JSON.parse((await j.read(path)).toString("utf8"))

/** Every file of the job (relative path → bytes), to prove what did or did not change. */
const snapshot = async (j: TempJobDir): Promise<Map<string, string>> => {
  const files = new Map<string, string>()
  for (const entry of await readdir(j.dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name).slice(j.dir.length + 1)
    files.set(path, sha256(await j.read(path)))
  }
  return files
}

describe("soundtrack stage: the job layouts", () => {
  it("older layout: writes the three outputs per contract and replaces enrichment.json's soundtrack field", async () => {
    const j = await job(jobLayouts.older())
    const enrichmentBefore = (await j.read("02_tmdb/enrichment.json")).toString("utf8")
    const manifestBefore = await j.read("manifest.json")
    const finder = countingFinder()
    const result = Either.getOrThrow(await run(finder, { jobDir: j.dir }))

    expect(result.status).toBe("success")
    expect(result.exitCode).toBe(0)
    expect(result.film.source).toBe("02_tmdb/enrichment.json")
    expect(finder.calls).toEqual([{ title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" }])

    const soundtrack = Schema.decodeUnknownSync(SoundtrackResult)(await readJson(j, "soundtrack/soundtrack.json"))
    expect(soundtrack.status).toBe("found")
    expect(soundtrack.tracks.map((t) => t.title)).toContain("Kabhi Kabhi Aditi")
    expect(soundtrack.query).toEqual({ title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" })

    const vocabulary = Schema.decodeUnknownSync(Vocabulary)(await readJson(j, "soundtrack/vocabulary.json"))
    expect(vocabulary.tokenBudget).toBe(223)
    expect(vocabulary.tokenizer).toBe("gpt2")
    expect(vocabulary.terms.map((t) => t.text)).toEqual(expect.arrayContaining(["Kabhi Kabhi Aditi", "Rashid Ali", "A. R. Rahman"]))
    expect(vocabulary.tokens.hotwords).toBe(countTokens(vocabulary.hotwords))

    const status = Schema.decodeUnknownSync(StatusFile)(await readJson(j, "soundtrack/status.json"))
    expect(status).toMatchObject({ stage: "soundtrack", status: "success", linerVersion: LINER_VERSION, warnings: [] })
    expect(status.reason).toContain("6 songs")
    expect(Date.parse(status.finishedAt)).toBeGreaterThanOrEqual(Date.parse(status.startedAt))
    expect(status.durationMs).toBeGreaterThanOrEqual(0)
    // Every recorded hash and size is that of the file as it is now.
    for (const output of status.outputs) {
      const bytes = await j.read(output.path)
      expect({ path: output.path, sha256: sha256(bytes), bytes: bytes.length }).toEqual(output)
    }
    expect(status.outputs.map((o) => o.path)).toEqual(["soundtrack/soundtrack.json", "soundtrack/vocabulary.json", "02_tmdb/enrichment.json"])
    for (const input of status.inputs) expect(sha256(await j.read(input.path))).toBe(input.sha256)
    expect(status.inputs.map((i) => i.path)).toEqual(["02_tmdb/enrichment.json"])

    // enrichment.json: the soundtrack in the host's legacy shape, every other member unchanged.
    const enrichmentAfter = (await j.read("02_tmdb/enrichment.json")).toString("utf8")
    const parsed = JSON.parse(enrichmentAfter) as Record<string, unknown>
    expect(parsed["soundtrack"]).toContainEqual({ title: "Tu Bole Main Boloon", artist: "Naresh Iyer, Sonu Kakkar", composer: "A. R. Rahman", duration_ms: null })
    const valueStart = enrichmentBefore.indexOf('"soundtrack": ') + 14
    expect(enrichmentAfter.slice(0, valueStart)).toBe(enrichmentBefore.slice(0, valueStart))
    const tail = enrichmentBefore.slice(enrichmentBefore.indexOf('\n  ],\n  "genres"') + 4)
    expect(enrichmentAfter.endsWith(tail)).toBe(true)
    // The orchestrator's manifest is never touched.
    expect((await j.read("manifest.json")).equals(manifestBefore)).toBe(true)
  })

  it("older layout, TMDB found:false: the env file's title; the empty soundtrack field is filled", async () => {
    const j = await job(jobLayouts.olderTmdbNotFound())
    const finder = countingFinder()
    const result = Either.getOrThrow(await run(finder, { jobDir: j.dir }))
    expect(result.film.source).toBe(".20251102-0008.env")
    expect(finder.calls).toEqual([{ title: "Jaane Tu Ya Jaane Na", year: 2008 }])
    const enrichment = (await readJson(j, "02_tmdb/enrichment.json")) as Record<string, unknown>
    expect(enrichment["found"]).toBe(false)
    expect(enrichment["soundtrack"]).toHaveLength(6)
    const status = Schema.decodeUnknownSync(StatusFile)(await readJson(j, "soundtrack/status.json"))
    expect(status.inputs.map((i) => i.path)).toEqual(["02_tmdb/enrichment.json", "job.json", ".20251102-0008.env"])
  })

  it("newer layout: inserts the soundtrack key, every byte before it and the closing brace kept", async () => {
    const j = await job(jobLayouts.newer())
    const before = (await j.read("02_tmdb/enrichment.json")).toString("utf8")
    const result = Either.getOrThrow(await run(countingFinder(), { jobDir: j.dir }))
    expect(result.enrichmentUpdated).toBe(true)
    const after = (await j.read("02_tmdb/enrichment.json")).toString("utf8")
    const lastValueEnd = before.lastIndexOf('"') + 1
    expect(after.slice(0, lastValueEnd)).toBe(before.slice(0, lastValueEnd))
    expect(after.endsWith(before.slice(lastValueEnd))).toBe(true)
    expect(JSON.parse(after)).toEqual({ ...JSON.parse(before), soundtrack: expect.any(Array) })
  })

  it("the edited enrichment.json keeps its permissions", async () => {
    const j = await job(jobLayouts.older())
    await chmod(j.path("02_tmdb/enrichment.json"), 0o600)
    Either.getOrThrow(await run(countingFinder(), { jobDir: j.dir }))
    expect((await stat(j.path("02_tmdb/enrichment.json"))).mode & 0o777).toBe(0o600)
  })

  it("oldest layout: metadata/tmdb_data.json names the film; no enrichment.json is created", async () => {
    const j = await job(jobLayouts.oldest())
    const tmdbBefore = await j.read("metadata/tmdb_data.json")
    const finder = countingFinder()
    const result = Either.getOrThrow(await run(finder, { jobDir: j.dir }))
    expect(result.status).toBe("success")
    expect(finder.calls[0]).toEqual({ title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" })
    expect(await j.exists("02_tmdb")).toBe(false)
    expect((await j.read("metadata/tmdb_data.json")).equals(tmdbBefore)).toBe(true)
  })

  it("not found: status not_found, exit 0, empty vocabulary, the host's soundtrack field left alone", async () => {
    const j = await job(jobLayouts.older())
    const enrichmentBefore = await j.read("02_tmdb/enrichment.json")
    const result = Either.getOrThrow(await run(countingFinder(localAnswer), { jobDir: j.dir, title: "Some Other Film" }))
    expect(result.status).toBe("not_found")
    expect(result.exitCode).toBe(0)
    expect((await readJson(j, "soundtrack/vocabulary.json")) as Vocabulary).toMatchObject({ terms: [], hotwords: "", initialPrompt: "" })
    expect((await j.read("02_tmdb/enrichment.json")).equals(enrichmentBefore)).toBe(true)
  })

  it("disabled: status skipped, exit 0, no lookup", async () => {
    const j = await job(jobLayouts.older())
    const finder = countingFinder()
    const result = Either.getOrThrow(await run(finder, { jobDir: j.dir, enabled: false }))
    expect(result.status).toBe("skipped")
    expect(result.exitCode).toBe(0)
    expect(finder.calls).toHaveLength(0)
    expect(((await readJson(j, "soundtrack/status.json")) as StatusFile).status).toBe("skipped")
  })

  it("custom --out and token budget", async () => {
    const j = await job(jobLayouts.older())
    Either.getOrThrow(await run(countingFinder(), { jobDir: j.dir, out: "stages/03_soundtrack", tokenBudget: 40 }))
    const vocabulary = (await readJson(j, "stages/03_soundtrack/vocabulary.json")) as Vocabulary
    expect(vocabulary.tokenBudget).toBe(40)
    expect(vocabulary.tokens.hotwords).toBeLessThanOrEqual(40)
    expect(vocabulary.tokens.initialPrompt).toBeLessThanOrEqual(40)
    const bad = await run(countingFinder(), { jobDir: j.dir, tokenBudget: 0 })
    expect(Either.isLeft(bad) && bad.left._tag).toBe("InvalidStageOptions")
  })
})

describe("soundtrack stage: errors leave the job as it was", () => {
  it("no usable title: NoFilmInJob (exit 2), nothing written", async () => {
    const { "02_tmdb/enrichment.json": _e, ...files } = jobLayouts.olderTmdbNotFound()
    const j = await job({ ...files, ".20251102-0008.env": "JOB_ID=20251102-0008\nTITLE=   # filled in by prepare-job\nYEAR=\n" })
    const before = await snapshot(j)
    const finder = countingFinder()
    const result = await run(finder, { jobDir: j.dir })
    expect(Either.isLeft(result) && result.left._tag).toBe("NoFilmInJob")
    if (Either.isLeft(result)) expect(exitCodeForError(result.left)).toBe(2)
    expect(finder.calls).toHaveLength(0)
    expect(await snapshot(j)).toEqual(before)
  })

  it("malformed job.json: a clear error naming it, the file unchanged byte for byte", async () => {
    const { "02_tmdb/enrichment.json": _e, ...files } = jobLayouts.newer()
    const malformed = readPipelineFixture("newerJob").subarray(0, 120)
    const j = await job({ ...files, "job.json": malformed })
    const before = await snapshot(j)
    const result = await run(countingFinder(), { jobDir: j.dir })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left._tag).toBe("MalformedJobFile")
      expect(result.left.message).toMatch(/^job\.json is not valid JSON/)
      expect(exitCodeForError(result.left)).toBe(2)
    }
    expect((await j.read("job.json")).equals(malformed)).toBe(true)
    expect(await snapshot(j)).toEqual(before)
  })

  it("truncated enrichment.json: a clear error naming it, the file unchanged byte for byte", async () => {
    const truncated = readPipelineFixture("olderEnrichment").subarray(0, 700)
    const j = await job({ ...jobLayouts.older(), "02_tmdb/enrichment.json": truncated })
    const before = await snapshot(j)
    const result = await run(countingFinder(), { jobDir: j.dir })
    expect(Either.isLeft(result) && result.left.message).toMatch(/^02_tmdb\/enrichment\.json is not valid JSON/)
    expect((await j.read("02_tmdb/enrichment.json")).equals(truncated)).toBe(true)
    expect(await snapshot(j)).toEqual(before)
  })

  it("a write that fails: status failed recorded, StageIoFailure (exit 1)", async () => {
    // A folder (not empty) where vocabulary.json should go: renaming over it fails.
    const j = await job({ ...jobLayouts.older(), "soundtrack/vocabulary.json/keep": "x" })
    const result = await run(countingFinder(), { jobDir: j.dir })
    expect(Either.isLeft(result) && result.left._tag).toBe("StageIoFailure")
    if (Either.isLeft(result)) expect(exitCodeForError(result.left)).toBe(1)
    const status = Schema.decodeUnknownSync(StatusFile)(await readJson(j, "soundtrack/status.json"))
    expect(status).toMatchObject({ stage: "soundtrack", status: "failed", outputs: [] })
    expect(status.reason).toContain("soundtrack/vocabulary.json")
    expect(exitCodeForStatus(status.status)).toBe(1)
    // No temporary file is left behind.
    expect((await readdir(j.path("soundtrack"))).filter((n) => n.endsWith(".tmp"))).toEqual([])
  })

  it("a job directory that does not exist: JobDirUnusable (exit 2)", async () => {
    const j = await job({})
    const result = await run(countingFinder(), { jobDir: join(j.dir, "missing") })
    expect(Either.isLeft(result) && result.left._tag).toBe("JobDirUnusable")
  })
})

describe("soundtrack stage: paths outside the job are refused", () => {
  it("refuses `..` and absolute --out", async () => {
    const j = await job(jobLayouts.older())
    for (const out of ["../escape", "soundtrack/../../escape", join(j.outside, "abs")]) {
      const result = await run(countingFinder(), { jobDir: j.dir, out })
      expect(Either.isLeft(result) && result.left._tag).toBe("PathOutsideJob")
    }
    expect(await readdir(j.root)).toEqual(["job", "outside"])
    expect(await readdir(j.outside)).toEqual([])
  })

  it("refuses an output folder that is a symbolic link to outside the job; nothing is written there", async () => {
    const j = await job({ ...jobLayouts.older(), soundtrack: { symlink: "../outside" } })
    const finder = countingFinder()
    const result = await run(finder, { jobDir: j.dir })
    expect(Either.isLeft(result) && result.left._tag).toBe("PathOutsideJob")
    if (Either.isLeft(result)) expect(exitCodeForError(result.left)).toBe(2)
    expect(finder.calls).toHaveLength(0)
    expect(await readdir(j.outside)).toEqual([])
  })

  it("refuses a parent of the output folder that links outside, even when the link dangles", async () => {
    const j = await job({ ...jobLayouts.older(), stages: { symlink: "../outside/not-yet" } })
    const result = await run(countingFinder(), { jobDir: j.dir, out: "stages/soundtrack" })
    expect(Either.isLeft(result) && result.left._tag).toBe("PathOutsideJob")
    expect(await readdir(j.outside)).toEqual([])
  })

  it("refuses an input (enrichment.json) that is a symbolic link to a file outside; that file is untouched", async () => {
    const j = await job({ "job.json": readPipelineFixture("olderJob") })
    const outsideFile = join(j.outside, "enrichment.json")
    await writeFile(outsideFile, readPipelineFixture("olderEnrichment"))
    await mkdir(j.path("02_tmdb"))
    await symlink(outsideFile, j.path("02_tmdb/enrichment.json"))
    const result = await run(countingFinder(), { jobDir: j.dir })
    expect(Either.isLeft(result) && result.left._tag).toBe("PathOutsideJob")
    expect(Either.isLeft(result) && result.left.message).toContain("02_tmdb/enrichment.json")
    expect(sha256(readPipelineFixture("olderEnrichment"))).toBe(sha256(await readFile(outsideFile)))
    expect(await j.exists("soundtrack")).toBe(false)
  })

  it("accepts links that stay inside the job", async () => {
    const j = await job({ ...jobLayouts.older(), soundtrack: { symlink: "elsewhere" } })
    await mkdir(j.path("elsewhere"))
    const result = await run(countingFinder(), { jobDir: j.dir })
    expect(Either.isRight(result)).toBe(true)
    expect(await j.exists("elsewhere/soundtrack.json")).toBe(true)
  })
})

describe("soundtrack stage: idempotence and retries", () => {
  it("a second run with the same inputs does no lookup and leaves every byte as it was", async () => {
    const j = await job(jobLayouts.older())
    const finder = countingFinder()
    Either.getOrThrow(await run(finder, { jobDir: j.dir }))
    const afterFirst = await snapshot(j)
    const second = Either.getOrThrow(await run(finder, { jobDir: j.dir }))
    expect(second.reused).toBe(true)
    expect(second.status).toBe("success")
    expect(second.exitCode).toBe(0)
    expect(finder.calls).toHaveLength(1)
    expect(await snapshot(j)).toEqual(afterFirst)
  })

  it("a not_found run is reused too", async () => {
    const j = await job(jobLayouts.older())
    const finder = countingFinder()
    await run(finder, { jobDir: j.dir, title: "Some Other Film" })
    const afterFirst = await snapshot(j)
    const second = Either.getOrThrow(await run(finder, { jobDir: j.dir, title: "Some Other Film" }))
    expect(second.reused).toBe(true)
    expect(finder.calls).toHaveLength(1)
    expect(await snapshot(j)).toEqual(afterFirst)
  })

  it("looks up again when an input, the film, the budget or an output changed, or on refresh", async () => {
    const j = await job(jobLayouts.olderTmdbNotFound())
    const finder = countingFinder()
    await run(finder, { jobDir: j.dir })
    // The host's TMDB stage ran again and rewrote enrichment.json.
    await writeFile(j.path("02_tmdb/enrichment.json"), readPipelineFixture("notFoundEnrichment"))
    expect(Either.getOrThrow(await run(finder, { jobDir: j.dir })).reused).toBe(false)
    expect(Either.getOrThrow(await run(finder, { jobDir: j.dir, year: 2009 })).reused).toBe(false)
    expect(Either.getOrThrow(await run(finder, { jobDir: j.dir, year: 2009, tokenBudget: 100 })).reused).toBe(false)
    await writeFile(j.path("soundtrack/vocabulary.json"), "{}")
    expect(Either.getOrThrow(await run(finder, { jobDir: j.dir, year: 2009, tokenBudget: 100 })).reused).toBe(false)
    expect(Either.getOrThrow(await run(finder, { jobDir: j.dir, year: 2009, tokenBudget: 100, refresh: true })).reused).toBe(false)
    expect(finder.calls).toHaveLength(6)
  })

  it("unavailable: exit 75 with valid empty outputs, the host's file untouched; a later run retries and succeeds", async () => {
    const j = await job(jobLayouts.older())
    const enrichmentBefore = await j.read("02_tmdb/enrichment.json")
    const down = countingFinder(unavailableAnswer)
    const first = Either.getOrThrow(await run(down, { jobDir: j.dir }))
    expect(first.status).toBe("unavailable")
    expect(first.exitCode).toBe(75)
    const soundtrack = Schema.decodeUnknownSync(SoundtrackResult)(await readJson(j, "soundtrack/soundtrack.json"))
    expect(soundtrack).toMatchObject({ status: "unavailable", tracks: [], album: null })
    expect(Schema.decodeUnknownSync(Vocabulary)(await readJson(j, "soundtrack/vocabulary.json"))).toMatchObject({ terms: [], hotwords: "", initialPrompt: "" })
    const status = Schema.decodeUnknownSync(StatusFile)(await readJson(j, "soundtrack/status.json"))
    expect(status.status).toBe("unavailable")
    expect(status.reason).toContain("503 from musicbrainz")
    expect((await j.read("02_tmdb/enrichment.json")).equals(enrichmentBefore)).toBe(true)

    const up = countingFinder()
    const second = Either.getOrThrow(await run(up, { jobDir: j.dir }))
    expect(up.calls).toHaveLength(1)
    expect(second).toMatchObject({ status: "success", exitCode: 0, reused: false, enrichmentUpdated: true })
  })
})

describe("soundtrack stage: the Promise form and the exit codes", () => {
  it("resolves with the result, rejects with the typed error", async () => {
    const j = await job(jobLayouts.oldest())
    const result = await runSoundtrackStagePromise({ jobDir: j.dir }, countingFinder().layer)
    expect(result.status).toBe("success")
    await expect(runSoundtrackStagePromise({ jobDir: j.dir, out: "../x" }, countingFinder().layer)).rejects.toMatchObject({
      _tag: "PathOutsideJob"
    })
  })

  it("maps statuses to 0 / 75 / 1", () => {
    expect(["success", "not_found", "skipped", "unavailable", "failed"].map((s) => exitCodeForStatus(s as StatusFile["status"]))).toEqual([0, 0, 0, 75, 1])
  })
})
