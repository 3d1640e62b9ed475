/**
 * Give an SVG's ids (Vega's clip paths and gradients: "clip1", "gradient_0") a prefix of their own.
 * Inline SVGs share the page's id space, so two charts that both define "clip1" would clip each
 * other's marks. The prefix comes from the SVG's content: the same chart gets the same ids (a
 * reproducible page), and where two charts are identical their definitions are too.
 */
import { createHash } from "node:crypto"

const reference = /(\bid="|url\(#|href="#)([^")]+)/g

export const scopeSvgIds = (svg: string): string => {
  const defined = new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]))
  if (defined.size === 0) return svg
  const prefix = `chart-${createHash("sha256").update(svg).digest("hex").slice(0, 12)}-`
  return svg.replace(reference, (whole, lead: string, id: string) => (defined.has(id) ? `${lead}${prefix}${id}` : whole))
}
