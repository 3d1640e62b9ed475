// Liner as a stage of a WhisperX-style transcription job (contracts/pipeline-job.md).

// Stage 1: soundtrack
export {
  DEFAULT_SOUNDTRACK_OUT,
  runSoundtrackStage,
  runSoundtrackStagePromise,
  type SoundtrackStageOptions,
  type SoundtrackStageResult
} from "./soundtrack/stage.js"
export { toLegacySoundtrack, type LegacySoundtrackEntry } from "./soundtrack/legacy-soundtrack.js"
export { spliceTopLevelKey } from "./soundtrack/json-splice.js"

// Stage 2: songs
export {
  DEFAULT_SEGMENTS_PATHS,
  DEFAULT_SONGS_OUT,
  runSongsStage,
  runSongsStagePromise,
  type SongsStageOptions,
  type SongsStageResult
} from "./songs/stage.js"
export { detectSongs, type DetectionMethod, type LyricRegion, type SongDetection } from "./songs/detect-songs.js"
export { type AsrSegment, decodeSegmentsDocument } from "./songs/segments.js"

// Film discovery
export {
  discoverFilm,
  discoverFilmInJob,
  type DiscoveredFilm,
  type DiscoveryError,
  type FilmOptions
} from "./job/film-discovery.js"
export { parseEnvText } from "./job/env-file.js"

// Vocabulary
export { buildVocabulary, emptyVocabulary, Vocabulary } from "./vocabulary/vocabulary.js"
export { collectTerms, type TermKind, type VocabularyTerm } from "./vocabulary/terms.js"
export { countTokens, DEFAULT_TOKEN_BUDGET, SAFETY_MARGIN, TOKENIZER_NAME, usableTokens } from "./vocabulary/token-count.js"

// Status, exit codes, errors
export { StageStatus, StatusFile } from "./status/status-file.js"
export { EXIT_TEMPORARY_FAILURE, exitCodeForError, exitCodeForStatus, type StageExitCode } from "./exit-code.js"
export {
  InvalidStageOptions,
  JobDirUnusable,
  MalformedJobFile,
  NoFilmInJob,
  PathOutsideJob,
  type StageError,
  StageIoFailure
} from "./errors.js"

// The metrics report's reading of job folders (liner report --jobs)
export { readJobRecords } from "./report/read-job-records.js"
