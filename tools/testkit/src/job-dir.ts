/**
 * Temporary job directories of the host pipeline (raj-iup/cp-whisperx-app), laid out from the
 * real artifacts in `fixtures/pipeline/` (see SOURCES.md there), for the pipeline-hook tests.
 * Each generation of the host wrote a different layout; `jobLayouts` builds each one.
 */
import { lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises"
import { readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The fixture files, by what they are. */
export const PIPELINE_FIXTURES = {
  localDatabase: "48e3e20__config__bollywood_soundtracks.json",
  jobEnv: "14b4639__jobs__2025__11__02__20251102-0008__.20251102-0008.env",
  jobsRegistry: "14b4639__jobs__2025__11__02__jobs.json",
  envPipelineHead: "38da8fe__config__.env.pipeline",
  manifest: "dc96086__native-mps-result__Jaane_Tu_Ya_Jaane_Na_2008__manifest.json",
  tmdbData: "dc96086__native-mps-result__Jaane_Tu_Ya_Jaane_Na_2008__metadata__tmdb_data.json",
  transcript: "dc96086__native-mps-result__Jaane_Tu_Ya_Jaane_Na_2008__transcription__transcript.json",
  headManifest: "sim_HEAD_job_manifest_after_stageio_finalize.json",
  orchestratorManifest: "sim_48e3e20_orchestrator_manifest.json",
  olderEnrichment: "derived__older__02_tmdb__enrichment.json",
  newerEnrichment: "derived__newer__02_tmdb__enrichment.json",
  notFoundEnrichment: "derived__notfound__02_tmdb__enrichment.json",
  olderJob: "derived__older__job.json",
  newerJob: "derived__newer__job.json"
} as const
export type PipelineFixture = keyof typeof PIPELINE_FIXTURES

// Works from src/ (vitest) and dist/ alike: both sit next to fixtures/.
const fixturesDir = fileURLToPath(new URL("../fixtures/pipeline/", import.meta.url))

export const pipelineFixturePath = (fixture: PipelineFixture): string => join(fixturesDir, PIPELINE_FIXTURES[fixture])

/** The fixture's exact bytes. */
export const readPipelineFixture = (fixture: PipelineFixture): Buffer => readFileSync(pipelineFixturePath(fixture))

export const readPipelineFixtureText = (fixture: PipelineFixture): string => readPipelineFixture(fixture).toString("utf8")

/** A file of a job directory: its content, or a symbolic link to `target` (taken as is). */
export type JobFile = string | Buffer | { readonly symlink: string }
/** Relative path inside the job directory → file. */
export type JobFiles = Record<string, JobFile>

export interface TempJobDir {
  /** The temporary folder holding `dir` and `outside`. */
  readonly root: string
  /** The job directory. */
  readonly dir: string
  /** A sibling folder outside the job directory, for symlink and escape tests. */
  readonly outside: string
  readonly path: (relative: string) => string
  readonly read: (relative: string) => Promise<Buffer>
  readonly exists: (relative: string) => Promise<boolean>
  readonly cleanup: () => Promise<void>
}

/** Creates `<tmp>/job` holding `files` and an empty `<tmp>/outside`. */
export const makeJobDir = async (files: JobFiles, options: { readonly prefix?: string } = {}): Promise<TempJobDir> => {
  const root = await mkdtemp(join(tmpdir(), options.prefix ?? "liner-job-"))
  const dir = join(root, "job")
  const outside = join(root, "outside")
  await mkdir(dir)
  await mkdir(outside)
  for (const [relative, file] of Object.entries(files)) {
    const target = join(dir, relative)
    await mkdir(dirname(target), { recursive: true })
    if (typeof file === "object" && !Buffer.isBuffer(file)) await symlink(file.symlink, target)
    else await writeFile(target, file)
  }
  const path = (relative: string) => join(dir, relative)
  return {
    root,
    dir,
    outside,
    path,
    read: (relative) => readFile(path(relative)),
    exists: (relative) =>
      lstat(path(relative)).then(
        () => true,
        () => false
      ),
    cleanup: () => rm(root, { recursive: true, force: true })
  }
}

/**
 * Sets `KEY=value` lines of an env file: replaces the first `KEY=` line, or appends one. Values
 * are written exactly as given (quote them and add `# comments` as the host's files do).
 */
export const setEnvValues = (envText: string, values: Readonly<Record<string, string>>): string => {
  let text = envText
  for (const [key, value] of Object.entries(values)) {
    const line = new RegExp(`^${key}=.*$`, "m")
    text = line.test(text) ? text.replace(line, `${key}=${value}`) : `${text}${text.endsWith("\n") ? "" : "\n"}${key}=${value}\n`
  }
  return text
}

const OLDER_JOB_ID = "20251102-0008"
const NEWER_JOB_ID = "job-20251210-rpatel-0007"

/** The job layouts of each host generation, as files to pass to `makeJobDir`. */
export const jobLayouts = {
  /**
   * Older host (Nov 2025): `job.json` without a title, the real per-job env file with `TITLE` /
   * `YEAR` filled in as prepare-job does (quoted, with an inline comment), the older
   * `02_tmdb/enrichment.json` (cast strings, a `soundtrack` field) and the real manifest.
   */
  older: (): JobFiles => ({
    "job.json": readPipelineFixture("olderJob"),
    [`.${OLDER_JOB_ID}.env`]: setEnvValues(readPipelineFixtureText("jobEnv"), {
      TITLE: `"Jaane Tu Ya Jaane Na"   # parsed from the file name`,
      YEAR: "2008"
    }),
    "02_tmdb/enrichment.json": readPipelineFixture("olderEnrichment"),
    "manifest.json": readPipelineFixture("orchestratorManifest")
  }),
  /** Older host without a TMDB key: `enrichment.json` says `found:false`, title "unknown". */
  olderTmdbNotFound: (): JobFiles => ({
    ...jobLayouts.older(),
    "02_tmdb/enrichment.json": readPipelineFixture("notFoundEnrichment")
  }),
  /**
   * Newer host (Dec 2025): `job.json` with `year` as a string and `tmdb_enrichment`, the newer
   * `02_tmdb/enrichment.json` (cast objects, no `soundtrack`), an env file from the HEAD config.
   */
  newer: (): JobFiles => ({
    "job.json": readPipelineFixture("newerJob"),
    [`.${NEWER_JOB_ID}.env`]: setEnvValues(readPipelineFixtureText("envPipelineHead"), {
      JOB_ID: NEWER_JOB_ID,
      TITLE: "'Jaane Tu Ya Jaane Na'",
      YEAR: "2008"
    }),
    "02_tmdb/enrichment.json": readPipelineFixture("newerEnrichment"),
    "manifest.json": readPipelineFixture("headManifest")
  }),
  /** The oldest committed real run: `metadata/tmdb_data.json`, the manifest, the transcript. */
  oldest: (): JobFiles => ({
    "metadata/tmdb_data.json": readPipelineFixture("tmdbData"),
    "manifest.json": readPipelineFixture("manifest"),
    "transcription/transcript.json": readPipelineFixture("transcript")
  })
}

export const JOB_IDS = { older: OLDER_JOB_ID, newer: NEWER_JOB_ID } as const

/** Job directories made during a test, removed together: `afterEach(jobs.cleanup)`. */
export const jobDirPool = () => {
  const made: Array<TempJobDir> = []
  return {
    make: async (files: JobFiles): Promise<TempJobDir> => {
      const dir = await makeJobDir(files)
      made.push(dir)
      return dir
    },
    cleanup: async (): Promise<void> => {
      await Promise.all(made.splice(0).map((j) => j.cleanup()))
    }
  }
}
