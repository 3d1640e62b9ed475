import { hostPacerLayer, StoreLayer } from "@liner/core"
import { soundtrackFinderLive } from "@liner/providers"
import { Layer } from "effect"

/**
 * The store at LINER_DB (or the XDG default): opened only by commands that need it. With it, the
 * hosts' pace kept in the store, which the store scrapers find where their requests run.
 */
export const storeLayer = hostPacerLayer.pipe(Layer.provideMerge(StoreLayer.fromEnv))

/** The soundtrack cascade with its sources configured from the environment. */
export const soundtrackLayer = soundtrackFinderLive.pipe(Layer.provideMerge(storeLayer))
