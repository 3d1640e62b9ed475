/**
 * The page `liner contribute` writes: one self-contained HTML file whose form POSTs the release
 * editor's seeding fields to `<server>/release/add`. It runs no script and loads nothing (a
 * Content-Security-Policy says so), shows every value as text, and sends nothing until the person
 * presses the button; they review and save the release in MusicBrainz's own editor.
 */
import type { ChecklistItem, SeedField, StoredSoundtrack } from "@liner/core"
import { formatDuration } from "../render/table.js"
import { escapeHtml } from "./escape-html.js"

export interface SeedPageInput {
  readonly stored: StoredSoundtrack
  readonly fields: ReadonlyArray<SeedField>
  readonly checklist: ReadonlyArray<ChecklistItem>
  /** The MusicBrainz server's base URL (LINER_MUSICBRAINZ_URL), without a trailing slash. */
  readonly musicBrainzUrl: string
}

/** What the release fields mean to a person (the track fields are shown as the tracklist). */
const fieldLabels: ReadonlyArray<readonly [prefix: string, label: string]> = [
  ["name", "Title"],
  ["release_group", "Release group (existing)"],
  ["type", "Release group type"],
  ["status", "Status"],
  ["language", "Language"],
  ["script", "Script"],
  ["events.0.date.year", "Release year"],
  ["events.0.date.month", "Release month"],
  ["events.0.date.day", "Release day"],
  ["events.0.country", "Release country"],
  ["labels.0.name", "Label"],
  ["artist_credit.names.", "Release artist"],
  ["mediums.0.format", "Format"]
]

/** An artist credit as the editor will show it: each credited name and its join phrase. */
const creditText = (fields: ReadonlyArray<SeedField>, prefix: string): string => {
  const value = new Map(fields)
  let text = ""
  for (let i = 0; value.has(`${prefix}${i}.name`); i++) text += `${value.get(`${prefix}${i}.name`) ?? ""}${value.get(`${prefix}${i}.join_phrase`) ?? ""}`
  return text
}

const releaseRows = (fields: ReadonlyArray<SeedField>): string =>
  fieldLabels
    .flatMap(([prefix, label]) => {
      const text = prefix.endsWith(".") ? creditText(fields, prefix) : fields.filter(([name]) => name === prefix).map(([, v]) => v).join(" + ")
      return text === "" ? [] : [`<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(text)}</td></tr>`]
    })
    .join("\n")

const trackRows = (stored: StoredSoundtrack): string =>
  stored.soundtrack.tracks
    .map((t) =>
      [
        "<tr>",
        `<td class="number">${escapeHtml(String(t.position))}</td>`,
        `<td>${escapeHtml(t.title)}</td>`,
        `<td class="number">${escapeHtml(formatDuration(t.durationMs))}</td>`,
        `<td>${escapeHtml(t.artists.join(", "))}</td>`,
        `<td>${escapeHtml(t.composers.join(", "))}</td>`,
        `<td>${escapeHtml(t.lyricists.join(", "))}</td>`,
        "</tr>"
      ].join("")
    )
    .join("\n")

const checklistItems = (checklist: ReadonlyArray<ChecklistItem>): string =>
  checklist
    .map(
      (item) =>
        `<li><label><input type="checkbox"> ${escapeHtml(item.task)}</label>` +
        (item.values.length === 0 ? "" : `<ul>${item.values.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`) +
        "</li>"
    )
    .join("\n")

const hiddenInputs = (fields: ReadonlyArray<SeedField>): string =>
  fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("\n")

const allFields = (fields: ReadonlyArray<SeedField>): string =>
  fields.map(([name, value]) => `<tr><th scope="row"><code>${escapeHtml(name)}</code></th><td>${escapeHtml(value)}</td></tr>`).join("\n")

const style = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.75rem 0.25rem 0; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.75rem; }
button { font-size: 1rem; padding: 0.5rem 1rem; }
ul.checklist > li { margin-bottom: 0.5rem; }
`

/** The page, byte for byte the same for the same soundtrack and settings (its digest is its identity). */
export const seedPage = (input: SeedPageInput): string => {
  const { stored, fields, checklist, musicBrainzUrl } = input
  const { film, soundtrack } = stored
  const action = `${musicBrainzUrl}/release/add`
  const origin = new URL(action).origin
  const filmName = `${film.title}${film.year === null ? "" : ` (${film.year})`}`
  const editNote = fields.find(([name]) => name === "edit_note")?.[1] ?? ""
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${escapeHtml(origin)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Add "${soundtrack.album.title}" to MusicBrainz`)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeHtml(`Add "${soundtrack.album.title}" to MusicBrainz`)}</h1>
<p>The soundtrack of <strong>${escapeHtml(filmName)}</strong>, as Liner holds it (${escapeHtml(stored.origin)}). MusicBrainz does not have it yet.</p>
<p>Nothing is sent until you press the button. It opens MusicBrainz's release editor at <code>${escapeHtml(action)}</code> with the values below filled in (you need to be logged in there); review them, complete what is missing and save the release yourself. Then work through the checklist.</p>
<form method="post" action="${escapeHtml(action)}" accept-charset="UTF-8">
${hiddenInputs(fields)}
<button type="submit">Open in MusicBrainz's release editor</button>
</form>
<h2>Release</h2>
<table class="release">
${releaseRows(fields)}
</table>
<h2>Tracklist</h2>
<table class="tracks">
<thead><tr><th>#</th><th>Title</th><th>Length</th><th>Artists</th><th>Composers</th><th>Lyricists</th></tr></thead>
<tbody>
${trackRows(stored)}
</tbody>
</table>
<h2>After saving, by hand</h2>
<p>The release editor cannot be filled in with these:</p>
<ul class="checklist">
${checklistItems(checklist)}
</ul>
<h2>Edit note</h2>
<pre class="edit-note">${escapeHtml(editNote)}</pre>
<details>
<summary>Every field sent</summary>
<table class="fields">
${allFields(fields)}
</table>
</details>
</body>
</html>
`
}
