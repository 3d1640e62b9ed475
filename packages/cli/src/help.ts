import { CliConfig, HelpDoc, Usage } from "@effect/cli"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import type * as Span from "@effect/cli/HelpDoc/Span"
import type { CommandNode } from "./command-tree.js"

/** One example per command, keyed by the command's path after `liner`. */
const examples: Readonly<Record<string, string>> = {
  "": 'liner soundtrack "Jaane Tu... Ya Jaane Na" --year 2008',
  soundtrack: 'liner soundtrack "Jaane Tu... Ya Jaane Na" --year 2008 --json',
  db: "liner db import examples/bollywood_soundtracks.json",
  "db import": "liner db import examples/bollywood_soundtracks.json --pin",
  "db export": "liner db export soundtracks.json",
  "db add": 'liner db add --title "Lagaan" --year 2001 --track "Mitwa|Udit Narayan, Alka Yagnik|A. R. Rahman|Javed Akhtar"',
  "db list": "liner db list --json",
  "db search": 'liner db search "jaane tu"',
  "db check": "liner db check",
  "db migrate": "liner db migrate --json",
  "db copy": "liner db copy --from ~/.local/share/liner/liner.db --to postgres://liner@db.example/liner",
  label: 'liner label "Frozen Ground (Extended Mix)" --artist "Mara Lindqvist"',
  stage: 'liner stage soundtrack --job-dir "$JOB_DIR"',
  "stage soundtrack": 'liner stage soundtrack --job-dir "$JOB_DIR"',
  "stage songs": 'liner stage songs --job-dir "$JOB_DIR" --srt',
  scrape: "liner scrape check",
  "scrape check": "liner scrape check --json",
  queue: "liner queue run",
  "queue list": "liner queue list --status cooling_down",
  "queue stats": "liner queue stats --json",
  "queue run": "liner queue run --kind soundtrack --limit 100",
  "queue add": 'liner queue add --kind soundtrack "Jaane Tu... Ya Jaane Na" --year 2008',
  "queue retry": "liner queue retry --permanently-failed",
  "queue drop": "liner queue drop 12 13",
  linkage: "liner linkage predict --model model.json --data people.csv --threshold-match-probability 0.9",
  "linkage train": "liner linkage train --settings settings.json --data people.csv --plan plan.json --out model.json",
  "linkage predict": "liner linkage predict --model model.json --data people.csv --threshold-match-probability 0.9 --out pairs.csv",
  "linkage evaluate": "liner linkage evaluate --model model.json --data people.csv --labels labels.csv --html accuracy.html",
  "linkage cluster": "liner linkage cluster --model model.json --data people.csv --threshold-match-probability 0.95 --out clusters.csv",
  "linkage explain": "liner linkage explain --model model.json --data people.csv --pair 28,30 --html model.html",
  identify: "liner identify --track-key tl-48213 --json",
  "identify train": "liner identify train --out identify-model.json",
  sets: "liner sets import tracklists.csv",
  "sets import": "liner sets import tracklists.jsonl --format jsonl --json",
  report: "liner report --format html --out report.html --since 2026-01-01",
  serve: "liner serve --port 8080",
  contribute: 'liner contribute "Jaane Tu... Ya Jaane Na" --year 2008 --language hin --open'
}

/** Sentences @effect/cli adds to every argument of a kind: they say nothing a description doesn't. */
const placeholders = new Set([
  "A user-defined piece of text.",
  "A true or false value.",
  "An integer.",
  "A floating point number.",
  "A file.",
  "A directory.",
  "A file or directory.",
  "An existing file.",
  "An existing directory.",
  "An existing file or directory.",
  "This setting is optional."
])

const spanText = (span: Span.Span): string => {
  switch (span._tag) {
    case "Sequence":
      return spanText(span.left) + spanText(span.right)
    case "Text":
    case "URI":
      return span.value
    case "Highlight":
    case "Weak":
    case "Strong":
      return spanText(span.value)
  }
}

const withoutPlaceholders = (doc: HelpDoc.HelpDoc): HelpDoc.HelpDoc => {
  switch (doc._tag) {
    case "Paragraph":
      return placeholders.has(spanText(doc.value).trim()) ? HelpDoc.empty : doc
    case "Sequence":
      return HelpDoc.sequence(withoutPlaceholders(doc.left), withoutPlaceholders(doc.right))
    case "DescriptionList":
      return HelpDoc.mapDescriptionList(doc, (span, block) => [span, withoutPlaceholders(block)])
    default:
      return doc
  }
}

/** The usage line of the command at the end of `path`: `liner db add --title TITLE …`. */
export const usageLine = (path: ReadonlyArray<CommandNode>, config: CliConfig.CliConfig = CliConfig.defaultConfig): string => {
  const leaf = path[path.length - 1]
  if (leaf === undefined) return "liner"
  const parents = path.slice(0, -1).map((c) => c.name)
  if (leaf.children.length > 0) return [...parents, leaf.name, "COMMAND", "[OPTIONS]"].join(" ")
  const own = Usage.enumerate(Descriptor.getUsage(leaf.own), config)[0]
  return [...parents, own === undefined ? leaf.name : spanText(own)].join(" ")
}

/** The help of the command at the end of `path`: usage, description, arguments, options, an example. */
// @effect/cli's own options (--completions, --log-level, --wizard) are not Liner's to advertise.
const helpConfig = CliConfig.make({ showBuiltIns: false })

export const renderHelp = (path: ReadonlyArray<CommandNode>, version: string, config: CliConfig.CliConfig = helpConfig): string => {
  const leaf = path[path.length - 1]
  if (leaf === undefined) return ""
  const key = path.slice(1).map((c) => c.name).join(" ")
  const example = examples[key]
  const doc = HelpDoc.blocks([
    HelpDoc.h1(`${path.map((c) => c.name).join(" ")} (liner ${version})`),
    HelpDoc.h1("USAGE"),
    HelpDoc.p(`$ ${usageLine(path, config)}`),
    withoutPlaceholders(Descriptor.getHelp(leaf.descriptor, config)),
    example === undefined ? HelpDoc.empty : HelpDoc.blocks([HelpDoc.h1("EXAMPLE"), HelpDoc.p(`$ ${example}`)])
  ])
  return HelpDoc.toAnsiText(doc)
}
