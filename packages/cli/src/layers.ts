import { StoreLayer } from "@liner/core"
import { defaultTtls, soundtrackFinderLayer } from "@liner/providers"
import { Layer, Option } from "effect"

/** The store at LINER_DB (or the XDG default): opened only by commands that need it. */
export const storeLayer = StoreLayer.fromEnv

/** The soundtrack cascade with its sources configured from the environment. */
export const soundtrackLayer = soundtrackFinderLayer<never>({
  musicbrainz: Option.none(),
  musicbrainzOff: "not wired yet",
  spotify: Option.none(),
  cacheMusicBrainz: true,
  ...defaultTtls
}).pipe(Layer.provideMerge(storeLayer))
