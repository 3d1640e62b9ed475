import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely"
import { dialectOf } from "./dialect.js"
import { floatType, generatedId, withoutRowid } from "./portable-schema.js"

/**
 * Versioned migrations, run in name order when the store opens. Never edit a migration that
 * has shipped: add the next one.
 */
const migrations: Record<string, Migration> = {
  "0001_films_soundtracks": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("films")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("year", "integer")
        .addColumn("imdb_id", "text")
        .addColumn("norm_key", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute()
      await db.schema.createIndex("films_imdb").on("films").column("imdb_id").execute()
      await db.schema.createIndex("films_key_year").on("films").columns(["norm_key", "year"]).execute()
      // Fuzzy film search (fuzzy-films.ts): SQLite's FTS5 trigram index, PostgreSQL's pg_trgm.
      if (dialectOf(db) === "postgres") {
        await sql`create extension if not exists pg_trgm`.execute(db)
        await sql`create index films_norm_key_trgm on films using gin (norm_key gin_trgm_ops)`.execute(db)
      } else {
        await sql`create virtual table films_fts using fts5(norm_key, tokenize = 'trigram')`.execute(db)
      }

      await db.schema
        .createTable("soundtracks")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("film_id", "integer", (c) => c.notNull().references("films.id").onDelete("cascade"))
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("album_title", "text", (c) => c.notNull())
        .addColumn("release_date", "text")
        .addColumn("label", "text")
        .addColumn("mb_release_group_id", "text")
        .addColumn("mb_release_id", "text")
        .addColumn("spotify_album_id", "text")
        .addColumn("matched_by", "text")
        .addColumn("confidence", floatType(db))
        .addColumn("alternatives", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text")
        .addUniqueConstraint("soundtracks_film_origin", ["film_id", "origin"])
        .execute()

      await db.schema
        .createTable("tracks")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("soundtrack_id", "integer", (c) => c.notNull().references("soundtracks.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer")
        .addColumn("mb_recording_id", "text")
        .addColumn("spotify_track_id", "text")
        .execute()
      await db.schema.createIndex("tracks_soundtrack").on("tracks").column("soundtrack_id").execute()

      await db.schema
        .createTable("credits")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("track_id", "integer", (c) => c.notNull().references("tracks.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("ordinal", "integer", (c) => c.notNull())
        .execute()
      await db.schema.createIndex("credits_track").on("credits").column("track_id").execute()

      await db.schema
        .createTable("misses")
        .addColumn("query_key", "text", (c) => c.primaryKey())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute()
    }
  },
  "0002_lookup_log": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("lookups")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("source", "text")
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("attempts")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("lookup_id", "integer", (c) => c.notNull().references("lookups.id").onDelete("cascade"))
        .addColumn("tier", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("requests", "integer")
        .addColumn("detail", "text")
        .execute()
      await db.schema.createIndex("attempts_lookup").on("attempts").column("lookup_id").execute()
    }
  },
  "0003_batch_journal": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("batch_journal")
        .addColumn("batch", "text", (c) => c.notNull())
        .addColumn("item", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("answered_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("batch_journal_pk", ["batch", "item"])
        .execute()
    }
  },
  "0004_label_knowledge": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("label_observations")
        .addColumn("artist_key", "text", (c) => c.notNull())
        .addColumn("track_key", "text", (c) => c.notNull())
        .addColumn("artist", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("label_key", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("observed_at", "text", (c) => c.notNull())
        // The primary key's leading column also serves the per-artist reads of tier 2.
        .addPrimaryKeyConstraint("label_observations_pk", ["artist_key", "track_key"])
        .execute()
    }
  },
  "0005_fuzzy_and_exact_lookups": {
    async up(db: Kysely<unknown>) {
      // The curated tier's first step compares the exact title (the `Title (Year)` key).
      await db.schema.createIndex("films_title_year").on("films").columns(["title", "year"]).execute()
      // How many films hold each trigram, so fuzzy search can ask for the rarest ones (SQLite's FTS5).
      if (dialectOf(db) === "sqlite") await sql`create virtual table films_fts_vocab using fts5vocab(films_fts, 'row')`.execute(db)
    }
  },
  "0006_film_trigram_counts": {
    async up(db: Kysely<unknown>) {
      // How many films hold each trigram of their key, for fuzzy search to pick the rarest ones
      // in one indexed read (FTS5's vocabulary counts a trigram by reading all its films). Kept
      // up to date with films_fts by the code that writes both (fuzzy-films.ts).
      await db.schema
        .createTable("film_trigrams")
        .addColumn("trigram", "text", (c) => c.primaryKey())
        .addColumn("films", "integer", (c) => c.notNull())
        .modifyEnd(withoutRowid(db))
        .execute()
      // The films already stored: each distinct trigram of each key, by character as substr counts.
      // (A PostgreSQL store is new at this step: it has no films yet.)
      if (dialectOf(db) === "sqlite") await sql`
        with recursive at(id, key, i) as (
          select id, norm_key, 1 from films where length(norm_key) >= 3
          union all
          select id, key, i + 1 from at where i + 3 <= length(key)
        )
        insert into film_trigrams (trigram, films)
        select trigram, count(*) from (select distinct id, substr(key, i, 3) as trigram from at) group by trigram
      `.execute(db)
    }
  },
  "0007_cool_down_queue": {
    async up(db: Kysely<unknown>) {
      // Lookups that did not answer, tried again later (queue/, queue-items.ts): one row per
      // (kind, query key); claims take due rows under a lease in one statement.
      await db.schema
        .createTable("queue_items")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("options", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("not_found_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("unavailable_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_outcome", "text")
        .addColumn("last_error", "text")
        .addColumn("next_attempt_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addUniqueConstraint("queue_items_kind_key", ["kind", "key"])
        .execute()
      // What a claim reads: due waiting items, and held items whose lease ran out.
      await db.schema.createIndex("queue_items_due").on("queue_items").columns(["status", "next_attempt_at"]).execute()
      await db.schema.createIndex("queue_items_lease").on("queue_items").columns(["status", "lease_until"]).execute()
      await db.schema
        .createTable("queue_history")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("item_id", "integer", (c) => c.notNull().references("queue_items.id").onDelete("cascade"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .execute()
      await db.schema.createIndex("queue_history_item").on("queue_history").column("item_id").execute()
    }
  },
  "0008_dj_sets": {
    async up(db: Kysely<unknown>) {
      // DJ sets (sets/, dj-sets.ts): a set is replaced whole when it is imported with changes;
      // its DJs, played tracks and their artists go with it (on delete cascade).
      await db.schema
        .createTable("dj_sets")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("source_id", "text", (c) => c.notNull().unique())
        .addColumn("date", "text")
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("tracks", "integer", (c) => c.notNull())
        .addColumn("imported_at", "text", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("djs")
        .addColumn("id", "integer", generatedId(db))
        .addColumn("key", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("dj_set_djs")
        .addColumn("set_id", "integer", (c) => c.notNull().references("dj_sets.id").onDelete("cascade"))
        .addColumn("dj_id", "integer", (c) => c.notNull().references("djs.id"))
        .addColumn("ordinal", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("dj_set_djs_pk", ["set_id", "dj_id"])
        .modifyEnd(withoutRowid(db))
        .execute()
      // The sets of a DJ.
      await db.schema.createIndex("dj_set_djs_dj").on("dj_set_djs").columns(["dj_id", "set_id"]).execute()
      // Kept in the order of play: the primary key makes a set's neighbours one range read.
      await db.schema
        .createTable("played_tracks")
        .addColumn("set_id", "integer", (c) => c.notNull().references("dj_sets.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("artist", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("label", "text")
        .addColumn("track_key", "text")
        .addColumn("artist_unknown", "integer", (c) => c.notNull())
        .addColumn("title_unknown", "integer", (c) => c.notNull())
        .addColumn("title_key", "text")
        .addColumn("label_key", "text")
        .addPrimaryKeyConstraint("played_tracks_pk", ["set_id", "position"])
        .modifyEnd(withoutRowid(db))
        .execute()
      // The occurrences of one track (by the source's key, by its title) and a label's plays.
      await db.schema.createIndex("played_tracks_track_key").on("played_tracks").column("track_key").where(sql.ref("track_key"), "is not", null).execute()
      await db.schema.createIndex("played_tracks_title_key").on("played_tracks").column("title_key").where(sql.ref("title_key"), "is not", null).execute()
      await db.schema.createIndex("played_tracks_label_key").on("played_tracks").column("label_key").where(sql.ref("label_key"), "is not", null).execute()
      // One row per credited artist of a played track: "A & B" is a play of A and a play of B.
      await db.schema
        .createTable("played_track_artists")
        .addColumn("set_id", "integer", (c) => c.notNull().references("dj_sets.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("artist_key", "text", (c) => c.notNull())
        .addColumn("artist", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("played_track_artists_pk", ["set_id", "position", "artist_key"])
        .modifyEnd(withoutRowid(db))
        .execute()
      await db.schema.createIndex("played_track_artists_artist").on("played_track_artists").columns(["artist_key", "set_id"]).execute()
    }
  },
  "0009_songstats_cache": {
    async up(db: Kysely<unknown>) {
      // Songstats answers (every call is billable): one row per request, its path and parameters
      // (never the API key, which travels as a header), read back while fresh (songstats-cache.ts).
      await db.schema
        .createTable("songstats_cache")
        .addColumn("request_key", "text", (c) => c.primaryKey())
        .addColumn("path", "text", (c) => c.notNull())
        .addColumn("params", "text", (c) => c.notNull())
        .addColumn("answer", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .modifyEnd(withoutRowid(db))
        .execute()
    }
  },
  "0010_identify_model": {
    async up(db: Kysely<unknown>) {
      // Artist identification (packages/identify): the model trained on the store's candidate
      // pairs (splink's settings JSON; one row, replaced by each training), and the answers it
      // asserted: an identified track's artist, by the track's group key (identify-model.ts, track-facts.ts).
      await db.schema
        .createTable("identify_model")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("trained_at", "text", (c) => c.notNull())
        .addColumn("pairs", "integer", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("track_facts")
        .addColumn("track", "text", (c) => c.primaryKey())
        .addColumn("artist", "text", (c) => c.notNull())
        .addColumn("probability", floatType(db), (c) => c.notNull())
        .addColumn("identified_at", "text", (c) => c.notNull())
        .modifyEnd(withoutRowid(db))
        .execute()
    }
  },
  "0012_wikidata_cache": {
    async up(db: Kysely<unknown>) {
      // Wikidata's answer per film (IMDb id → item, soundtrack album, release-group ids, composer,
      // lyricist), a miss (`null`) included: read back while fresh (wikidata-cache.ts).
      await db.schema
        .createTable("wikidata_cache")
        .addColumn("imdb_id", "text", (c) => c.primaryKey())
        .addColumn("answer", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .execute()
    }
  },
  "0013_discogs_cache": {
    async up(db: Kysely<unknown>) {
      // Discogs answers (60 requests a minute): one row per request, its path and parameters
      // (never the token, which travels as a header), read back while fresh (discogs-cache.ts).
      await db.schema
        .createTable("discogs_cache")
        .addColumn("request_key", "text", (c) => c.primaryKey())
        .addColumn("path", "text", (c) => c.notNull())
        .addColumn("params", "text", (c) => c.notNull())
        .addColumn("answer", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .execute()
    }
  },
  "0014_contributions": {
    async up(db: Kysely<unknown>) {
      // `liner contribute`: each MusicBrainz seeding page written for a film, by its content
      // digest, and when the release group was later found in MusicBrainz (contributions.ts).
      await db.schema
        .createTable("contributions")
        .addColumn("film_id", "integer", (c) => c.notNull().references("films.id").onDelete("cascade"))
        .addColumn("digest", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("album_title", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("landed_at", "text")
        .addColumn("mb_release_group_id", "text")
        .addPrimaryKeyConstraint("contributions_pk", ["film_id", "digest"])
        .execute()
    }
  },
  "0011_host_pace": {
    async up(db: Kysely<unknown>) {
      // The pace of each outside host, shared by every worker of the store (host-pace.ts): when
      // the next request may start, and until when a worker holds the turn (a lease, so a crashed
      // worker holds the others back no longer than one request's timeout). Times are ms since
      // the epoch: bigint, which PostgreSQL's 32-bit integer could not hold.
      await db.schema
        .createTable("host_pace")
        .addColumn("host", "text", (c) => c.primaryKey())
        .addColumn("next_at", "bigint", (c) => c.notNull())
        .addColumn("busy_until", "bigint", (c) => c.notNull())
        .addColumn("holder", "text")
        .execute()
    }
  }
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations
}
