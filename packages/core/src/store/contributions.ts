/**
 * What `liner contribute` gave back to MusicBrainz (migration 0014): one row per seeding page
 * written for a film, keyed by the page's digest, pending until a lookup saves a MusicBrainz
 * answer for that film — then it has landed.
 */
import { Effect } from "effect"
import { filmKey } from "./film-key.js"
import { type Store, type StoreError, withDb } from "./store.js"

export interface ContributionToRecord {
  readonly filmId: number
  /** sha256 (hex) of the page as written. */
  readonly digest: string
  readonly origin: string
  readonly albumTitle: string
  readonly createdAt: string
}

export interface Contribution {
  readonly film: { readonly id: number; readonly title: string; readonly year: number | null; readonly imdbId: string | null }
  readonly digest: string
  readonly origin: string
  readonly albumTitle: string
  readonly createdAt: string
  readonly state: "pending" | "landed"
  /** When the MusicBrainz answer that shows it landed was fetched. */
  readonly landedAt: string | null
  readonly releaseGroupId: string | null
}

/** Records a contribution; the same page for the same film again keeps its first date. */
export const recordContribution = (entry: ContributionToRecord): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot record the contribution", (db) =>
    db
      .insertInto("contributions")
      .values({
        film_id: entry.filmId,
        digest: entry.digest,
        origin: entry.origin,
        album_title: entry.albumTitle,
        created_at: entry.createdAt,
        landed_at: null,
        mb_release_group_id: null
      })
      .onConflict((oc) => oc.columns(["film_id", "digest"]).doNothing())
      .execute()
  ).pipe(Effect.asVoid)

/**
 * Marks as landed every pending contribution whose film now has a MusicBrainz answer in the
 * store: saved under the same film, or under a film with its IMDb id, or with its title key and
 * year (a lookup may spell the title otherwise than the curated entry). Returns how many landed.
 */
export const markLandedContributions = (): Effect.Effect<number, StoreError, Store> =>
  withDb("cannot update the contributions", (db) =>
    db.transaction().execute(async (trx) => {
      const pending = await trx
        .selectFrom("contributions")
        .innerJoin("films", "films.id", "contributions.film_id")
        .select(["contributions.film_id as film_id", "contributions.digest as digest", "films.imdb_id as imdb_id", "films.title as title", "films.year as year"])
        .where("contributions.landed_at", "is", null)
        .execute()
      let landed = 0
      for (const row of pending) {
        const key = filmKey(row.title)
        const imdbId = row.imdb_id
        const year = row.year
        const answer = await trx
          .selectFrom("soundtracks")
          .innerJoin("films", "films.id", "soundtracks.film_id")
          .select(["soundtracks.fetched_at as fetched_at", "soundtracks.mb_release_group_id as mb_release_group_id"])
          .where("soundtracks.origin", "=", "musicbrainz")
          .where((eb) =>
            eb.or([
              eb("films.id", "=", row.film_id),
              ...(imdbId === null ? [] : [eb("films.imdb_id", "=", imdbId)]),
              ...(year === null ? [] : [eb.and([eb("films.norm_key", "=", key), eb("films.year", "=", year)])])
            ])
          )
          .orderBy("soundtracks.fetched_at")
          .executeTakeFirst()
        if (answer === undefined) continue
        await trx
          .updateTable("contributions")
          .set({ landed_at: answer.fetched_at, mb_release_group_id: answer.mb_release_group_id })
          .where("film_id", "=", row.film_id)
          .where("digest", "=", row.digest)
          .execute()
        landed += 1
      }
      return landed
    })
  )

/** Every contribution, newest first. */
export const listContributions = (): Effect.Effect<ReadonlyArray<Contribution>, StoreError, Store> =>
  withDb("cannot read the contributions", (db) =>
    db
      .selectFrom("contributions")
      .innerJoin("films", "films.id", "contributions.film_id")
      .select([
        "films.id as film_id",
        "films.title as title",
        "films.year as year",
        "films.imdb_id as imdb_id",
        "contributions.digest as digest",
        "contributions.origin as origin",
        "contributions.album_title as album_title",
        "contributions.created_at as created_at",
        "contributions.landed_at as landed_at",
        "contributions.mb_release_group_id as mb_release_group_id"
      ])
      .orderBy("contributions.created_at", "desc")
      .orderBy("films.title")
      .execute()
  ).pipe(
    Effect.map((rows) =>
      rows.map((r) => ({
        film: { id: r.film_id, title: r.title, year: r.year, imdbId: r.imdb_id },
        digest: r.digest,
        origin: r.origin,
        albumTitle: r.album_title,
        createdAt: r.created_at,
        state: r.landed_at === null ? ("pending" as const) : ("landed" as const),
        landedAt: r.landed_at,
        releaseGroupId: r.mb_release_group_id
      }))
    )
  )
