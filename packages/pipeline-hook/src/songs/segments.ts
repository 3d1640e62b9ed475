/**
 * ASR segments in every shape the host wrote: a bare array of segments, or an object
 * `{segments:[…], language, …}`; each segment `{start, end, text, words?, speaker?, …}`, words
 * with `score` or `probability`. Unknown fields are kept untouched and written back.
 */
import { Either, Option, Schema } from "effect"

const SegmentCore = Schema.Struct({
  start: Schema.Number.pipe(Schema.finite()),
  end: Schema.Number.pipe(Schema.finite()),
  text: Schema.String
})

const RawSegment = Schema.Record({ key: Schema.String, value: Schema.Unknown })
type RawSegment = typeof RawSegment.Type

/** A segment as the detector sees it; `raw` is the segment object as read. */
export interface AsrSegment {
  /** Position in the input list. */
  readonly index: number
  readonly start: number
  readonly end: number
  readonly text: string
}

export interface SegmentsDocument {
  /** The object around the list, or null when the file is a bare array. */
  readonly container: Readonly<Record<string, unknown>> | null
  /** The segment objects as read (non-objects kept as they are). */
  readonly raw: ReadonlyArray<unknown>
  /** The segments with usable times and text. */
  readonly segments: ReadonlyArray<AsrSegment>
  /** How many entries had no usable start, end or text (kept, never marked). */
  readonly unusable: number
}

const Container = Schema.Struct({ segments: Schema.Array(Schema.Unknown) })

/** Reads a parsed segments file, or says why it is not one. */
export const decodeSegmentsDocument = (json: unknown): Either.Either<SegmentsDocument, string> => {
  type List = Pick<SegmentsDocument, "container" | "raw">
  const list: Option.Option<List> = Array.isArray(json)
    ? Option.some({ container: null, raw: json as ReadonlyArray<unknown> })
    : Option.map(Schema.decodeUnknownOption(Container)(json), (c) => ({
        container: json as Readonly<Record<string, unknown>>,
        raw: c.segments
      }))
  if (Option.isNone(list)) return Either.left("it is neither a list of segments nor an object with a \"segments\" list")
  const segments: Array<AsrSegment> = []
  list.value.raw.forEach((entry, index) => {
    const core = Schema.decodeUnknownOption(SegmentCore)(entry)
    if (Option.isSome(core) && core.value.end >= core.value.start) segments.push({ index, ...core.value })
  })
  return Either.right({ ...list.value, segments, unusable: list.value.raw.length - segments.length })
}

/** What the stage adds to each segment (the host's lyrics-detection fields). */
export interface LyricsMark {
  readonly is_lyrics: boolean
  readonly song_title: string | null
  readonly song_artist: string | null
  readonly lyrics_confidence: number | null
  readonly detection_method: string | null
}

export const NOT_LYRICS: LyricsMark = { is_lyrics: false, song_title: null, song_artist: null, lyrics_confidence: null, detection_method: null }

/** The document in its own shape with every segment object carrying its mark. */
export const annotateDocument = (document: SegmentsDocument, markOf: (index: number) => LyricsMark): unknown => {
  const segments = document.raw.map((entry, index) =>
    Option.match(Schema.decodeUnknownOption(RawSegment)(entry), {
      onNone: () => entry,
      onSome: (segment: RawSegment) => ({ ...segment, ...markOf(index) })
    })
  )
  return document.container === null ? segments : { ...document.container, segments }
}
