/**
 * Subtitles as the host's older subtitle stage wrote them: sung lines as `<i>♪ text ♪</i>`, and
 * the first line of each song preceded by `<i>Song: "Title" - Artist</i>` in the same cue.
 */
import type { AsrSegment, LyricsMark } from "./segments.js"

const timestamp = (seconds: number): string => {
  const ms = Math.max(0, Math.round(seconds * 1000))
  const pad = (n: number, width: number) => String(n).padStart(width, "0")
  return `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)},${pad(ms % 1000, 3)}`
}

/** Segments in time order, each with its mark and whether it opens its song. */
export interface SubtitleLine {
  readonly segment: AsrSegment
  readonly mark: LyricsMark
  readonly opensSong: boolean
}

export const renderSrt = (lines: ReadonlyArray<SubtitleLine>): string => {
  const cues: Array<string> = []
  for (const { segment, mark, opensSong } of lines) {
    const text = segment.text.replace(/\s+/g, " ").trim()
    if (text === "") continue
    const body: Array<string> = []
    if (mark.is_lyrics) {
      if (opensSong && mark.song_title !== null)
        body.push(`<i>Song: "${mark.song_title}"${mark.song_artist === null ? "" : ` - ${mark.song_artist}`}</i>`)
      body.push(`<i>♪ ${text} ♪</i>`)
    } else body.push(text)
    cues.push(`${cues.length + 1}\n${timestamp(segment.start)} --> ${timestamp(Math.max(segment.end, segment.start))}\n${body.join("\n")}\n`)
  }
  return cues.join("\n")
}
