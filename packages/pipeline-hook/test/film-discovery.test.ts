import { jobDirPool, jobLayouts, readPipelineFixture, readPipelineFixtureText, setEnvValues } from "@liner/testkit"
import { Effect, Either } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { discoverFilmInJob, type FilmOptions, parseEnvText } from "../src/index.js"

const jobs = jobDirPool()
const job = jobs.make
afterEach(jobs.cleanup)

const discover = (dir: string, options: FilmOptions = {}) => Effect.runPromise(Effect.either(discoverFilmInJob(dir, options)))

describe("film discovery", () => {
  it("older layout: the older enrichment.json (year int, cast strings) names the film and its IMDb id", async () => {
    const j = await job(jobLayouts.older())
    const found = await discover(j.dir)
    expect(Either.getOrThrow(found)).toMatchObject({
      query: { title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" },
      source: "02_tmdb/enrichment.json",
      imdbSource: "02_tmdb/enrichment.json"
    })
  })

  it("older layout whose TMDB step found nothing (found:false, title 'unknown'): the title comes from the job's env file", async () => {
    const j = await job(jobLayouts.olderTmdbNotFound())
    const film = Either.getOrThrow(await discover(j.dir))
    // The env value is quoted and carries an inline comment: `TITLE="Jaane Tu Ya Jaane Na"   # …`.
    expect(film.query).toEqual({ title: "Jaane Tu Ya Jaane Na", year: 2008 })
    expect(film.source).toBe(".20251102-0008.env")
    expect(film.imdbSource).toBeNull()
    expect(film.files.map((f) => f.path)).toEqual(["02_tmdb/enrichment.json", "job.json", ".20251102-0008.env"])
  })

  it("finds an env file by any `.*.env` name when none is named for the job", async () => {
    const { "job.json": _job, ".20251102-0008.env": env, ...rest } = jobLayouts.older()
    const j = await job({ ...rest, "02_tmdb/enrichment.json": readPipelineFixture("notFoundEnrichment"), ".renamed.env": env! })
    expect(Either.getOrThrow(await discover(j.dir)).source).toBe(".renamed.env")
  })

  it("newer layout: enrichment.json with cast objects and year as a string", async () => {
    const j = await job(jobLayouts.newer())
    const film = Either.getOrThrow(await discover(j.dir))
    expect(film.query).toEqual({ title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" })
    expect(film.source).toBe("02_tmdb/enrichment.json")
  })

  it("newer layout without TMDB output: job.json's title and string year", async () => {
    const { "02_tmdb/enrichment.json": _e, ...files } = jobLayouts.newer()
    const j = await job(files)
    const film = Either.getOrThrow(await discover(j.dir))
    expect(film.query).toEqual({ title: "Jaane Tu Ya Jaane Na", year: 2008 })
    expect(film.source).toBe("job.json")
  })

  it("job.json with only a tmdb_enrichment block", async () => {
    const newer = JSON.parse(readPipelineFixtureText("newerJob")) as Record<string, unknown>
    delete newer["title"]
    delete newer["year"]
    const j = await job({ "job.json": JSON.stringify(newer, null, 2) })
    const film = Either.getOrThrow(await discover(j.dir))
    expect(film.query).toEqual({ title: "Jaane Tu Ya Jaane Na", year: 2008 })
    expect(film.source).toBe("job.json#tmdb_enrichment")
  })

  it("oldest layout: metadata/tmdb_data.json (the real record: year \"2008\", imdb tt0473367)", async () => {
    const j = await job(jobLayouts.oldest())
    const film = Either.getOrThrow(await discover(j.dir))
    expect(film.query).toEqual({ title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" })
    expect(film.source).toBe("metadata/tmdb_data.json")
  })

  it("explicit options win over the job's files, and are validated", async () => {
    const j = await job(jobLayouts.older())
    const film = Either.getOrThrow(await discover(j.dir, { title: "3 Idiots", year: "2009" }))
    expect(film.query).toEqual({ title: "3 Idiots", year: 2009 })
    expect(film.source).toBe("options")
    const bad = await discover(j.dir, { title: "3 Idiots", year: "20o9" })
    expect(Either.isLeft(bad) && bad.left._tag).toBe("InvalidStageOptions")
    const badImdb = await discover(j.dir, { imdbId: "0473367" })
    expect(Either.isLeft(badImdb) && badImdb.left._tag).toBe("InvalidStageOptions")
  })

  it("no usable title anywhere: a NoFilmInJob error listing where it looked", async () => {
    const older = jobLayouts.older()
    const j = await job({
      "job.json": older["job.json"]!,
      ".20251102-0008.env": setEnvValues(readPipelineFixtureText("jobEnv"), { TITLE: "", YEAR: "" }),
      "02_tmdb/enrichment.json": readPipelineFixture("notFoundEnrichment")
    })
    const result = await discover(j.dir)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left._tag).toBe("NoFilmInJob")
      expect(result.left.message).toContain(".20251102-0008.env")
    }
  })

  it("malformed job.json: an error naming the file", async () => {
    const j = await job({ "job.json": '{"job_id": "x", "title": "Jaane', ".x.env": "TITLE=Jaane Tu\n" })
    const result = await discover(j.dir)
    expect(Either.isLeft(result) && result.left._tag).toBe("MalformedJobFile")
    expect(Either.isLeft(result) && result.left.message).toContain("job.json")
  })
})

describe("env file values", () => {
  it("reads the host's lines: quotes, inline comments, empty values, first definition wins", () => {
    const env = parseEnvText(
      [
        "# comment",
        "STEP_DEMUX=true                    # Stage 1: Extract audio from video",
        `TITLE="Jaane Tu... Ya Jaane Na"  # from the file name`,
        "YEAR='2008'",
        "EMPTY=",
        "HASH=a#b",
        `ESCAPED="say \\"hi\\""`,
        "export LATER=1",
        "TITLE=ignored"
      ].join("\n")
    )
    expect(env.get("STEP_DEMUX")).toBe("true")
    expect(env.get("TITLE")).toBe("Jaane Tu... Ya Jaane Na")
    expect(env.get("YEAR")).toBe("2008")
    expect(env.get("EMPTY")).toBe("")
    expect(env.get("HASH")).toBe("a#b")
    expect(env.get("ESCAPED")).toBe('say "hi"')
    expect(env.get("LATER")).toBe("1")
  })

  it("reads the real per-job env file and HEAD config (inline comments on flags)", () => {
    expect(parseEnvText(readPipelineFixtureText("jobEnv")).get("JOB_ID")).toBe("20251102-0008")
    const head = parseEnvText(readPipelineFixtureText("envPipelineHead"))
    expect(head.get("STEP_DEMUX")).toBe("true")
    expect(head.get("TITLE")).toBe("")
  })
})
