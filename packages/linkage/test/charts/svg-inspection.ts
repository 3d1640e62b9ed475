/** Read back what a rendered SVG (or page) draws: its elements, the bars' accessible labels, its texts. */

export interface Element {
  readonly tag: string
  readonly attributes: Readonly<Record<string, string>>
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")

/** Every opening tag, its attributes decoded. */
export const elements = (markup: string): Array<Element> =>
  [...markup.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    tag: (match[1] ?? "").toLowerCase(),
    attributes: Object.fromEntries(
      [...(match[2] ?? "").matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1] ?? "", decode(a[2] ?? "")])
    )
  }))

/** The accessible label of every mark of one kind ("bar", "point", "text", "rule", …). */
export const markLabels = (svg: string, kind: string): Array<string> =>
  elements(svg)
    .filter((e) => e.attributes["aria-roledescription"] === kind)
    .map((e) => e.attributes["aria-label"] ?? "")

/** The content of every <text> element, decoded. */
export const texts = (svg: string): Array<string> =>
  [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1] ?? ""))

/** The value a bar's label gives for one tooltip field ("Label: Exact match on city; …"). */
export const labelField = (label: string, field: string): string | undefined =>
  label
    .split("; ")
    .find((part) => part.startsWith(`${field}: `))
    ?.slice(field.length + 2)

/** The elements an SVG chart may contain: drawing only, nothing that runs or loads. */
export const svgDrawingTags = new Set(["svg", "g", "path", "rect", "line", "text", "tspan", "defs", "clippath", "lineargradient", "stop", "circle"])
