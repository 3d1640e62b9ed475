import { StoreLayer } from "@liner/core"
import { soundtrackFinderLive } from "@liner/providers"
import { Layer } from "effect"

/** The store at LINER_DB (or the XDG default): opened only by commands that need it. */
export const storeLayer = StoreLayer.fromEnv

/** The soundtrack cascade with its sources configured from the environment. */
export const soundtrackLayer = soundtrackFinderLive.pipe(Layer.provideMerge(storeLayer))
