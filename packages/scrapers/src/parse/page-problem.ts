import { Data } from "effect"
import type { StoreSite } from "../site.js"

/**
 * The page is not what a parser expects: the data it reads is missing or has another shape.
 * On a search page this means the layout changed, never "no results".
 */
export class PageChanged extends Data.TaggedError("PageChanged")<{
  readonly site: StoreSite
  readonly page: string
  readonly reason: string
}> {
  override get message(): string {
    return `${this.site} ${this.page} page changed: ${this.reason}`
  }
}

/** A bot check or challenge stood in the way: the page holds no data, which is not "not found". */
export class PageBlocked extends Data.TaggedError("PageBlocked")<{
  readonly site: StoreSite
  readonly reason: string
}> {
  override get message(): string {
    return `${this.site} blocked the request: ${this.reason}`
  }
}

export type PageProblem = PageChanged | PageBlocked
