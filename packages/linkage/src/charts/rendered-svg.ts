/** An SVG document that `renderSvg` produced: Vega escapes every text and attribute it writes, so
 * `chartsPage` may inline it verbatim. Any other string has to go through `renderSvg` first. */
import { Brand } from "effect"

export type RenderedSvg = string & Brand.Brand<"RenderedSvg">

export const RenderedSvg = Brand.nominal<RenderedSvg>()
