/**
 * What `liner identify` asserted (migration 0010): the artist of an unknown track, by the
 * track's group key, with the probability it had. Only `identified` answers are written; later
 * identifications read them back, so a track once identified is no longer unknown and its plays
 * count as the artist's.
 */
import { Effect } from "effect"
import { type Store, type StoreError, withDb } from "./store.js"

export interface TrackFact {
  /** The track's group key (`key:<track_key>` or `title:<title key>`). */
  readonly track: string
  /** The artist credit. */
  readonly artist: string
  readonly probability: number
  readonly identifiedAt: string
}

/** Records (or replaces) the artist of a track. */
export const recordTrackFact = (fact: TrackFact): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot record the identified artist", (db) =>
    db
      .insertInto("track_facts")
      .values({ track: fact.track, artist: fact.artist, probability: fact.probability, identified_at: fact.identifiedAt })
      .onConflict((oc) =>
        oc.column("track").doUpdateSet((eb) => ({
          artist: eb.ref("excluded.artist"),
          probability: eb.ref("excluded.probability"),
          identified_at: eb.ref("excluded.identified_at")
        }))
      )
      .execute()
  ).pipe(Effect.asVoid)

/** Every recorded fact, by track. */
export const readTrackFacts = (): Effect.Effect<ReadonlyMap<string, TrackFact>, StoreError, Store> =>
  withDb("cannot read the identified artists", (db) => db.selectFrom("track_facts").select(["track", "artist", "probability", "identified_at"]).execute()).pipe(
    Effect.map((rows) => new Map(rows.map((r) => [r.track, { track: r.track, artist: r.artist, probability: r.probability, identifiedAt: r.identified_at }])))
  )
