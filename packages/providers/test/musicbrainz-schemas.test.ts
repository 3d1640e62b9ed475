import { describe, expect, it } from "vitest"
import { Either, ParseResult, Schema } from "effect"
import { musicBrainzFixtureFiles, readMusicBrainzFixture } from "@liner/testkit"
import {
  MbError,
  MbLabel,
  MbLabelInfo,
  MbLabelSearch,
  MbRecording,
  MbRecordingSearch,
  MbRelease,
  MbReleaseBrowse,
  MbReleaseGroup,
  MbReleaseGroupSearch,
  MbReleaseSearch,
  MbUrl,
  MbUrlList
} from "../src/musicbrainz/schemas.js"

/** Which schema reads each recorded payload (every file of the fixture folder must be listed). */
const schemaFor: Readonly<Record<string, Schema.Schema.AnyNoContext>> = {
  "mbandroid_lookup_label_speed-records.json": MbLabel,
  "mbandroid_lookup_release-group_plus-ed-sheeran.json": MbReleaseGroup,
  "mbrs_browse_release_by-label.json": MbReleaseBrowse,
  "mbrs_lookup_recording_b9ad642e_artist-credits-releases-isrcs.json": MbRecording,
  "mbrs_lookup_release-group_c9fdb94c_artist-credits-releases.json": MbReleaseGroup,
  "mbrs_lookup_release_59211ea4_labels-recordings.json": MbRelease,
  "mbrs_lookup_release_987f3e2d_rels-work-level.json": MbRelease,
  "mbrs_lookup_url_46d8f693.json": MbUrl,
  "mbrs_search_label_devils-records.json": MbLabelSearch,
  "mbrs_search_recording_we-will-rock-you_AND_arid-queen.json": MbRecordingSearch,
  "mbrs_search_release-group_release-Tenance.json": MbReleaseGroupSearch,
  "mbrs_search_release_release-Schneider_AND_Shake.json": MbReleaseSearch,
  "mbserver-testsuite_error_404_not-found.json": MbError,
  "mbserver-testsuite_lookup_url_multi-resource_inc-artist-rels-release-rels.json": MbUrlList,
  "mbserver-testsuite_lookup_url_single_by-resource.json": MbUrl,
  "mbsolr_expected_search_label-list.json": MbLabelSearch,
  "mbsolr_expected_search_recording-list.json": MbRecordingSearch,
  "mbsolr_expected_search_release-group-list.json": MbReleaseGroupSearch,
  "mbsolr_expected_search_release-list.json": MbReleaseSearch,
  "picard_label_info.json": Schema.Struct({ releases: Schema.Array(Schema.Struct({ "label-info": Schema.Array(MbLabelInfo) })) }),
  "picard_recording_composer.json": MbRecording,
  "picard_recording_credits.json": MbRecording,
  "picard_release.json": MbRelease,
  "picard_release_group.json": MbReleaseGroup,
  "wrtag_lookup_release_b18e0f3a_remixer-rels.json": MbRelease,
  "wrtag_lookup_release_be3a32ec_bach-composer-work-rels.json": MbRelease
}

const decode = <A, I>(schema: Schema.Schema<A, I>, file: string): A => {
  const result = Schema.decodeUnknownEither(schema)(readMusicBrainzFixture(file))
  if (Either.isLeft(result)) throw new Error(`${file}: ${ParseResult.TreeFormatter.formatErrorSync(result.left)}`)
  return result.right
}

describe("MusicBrainz schemas on recorded payloads", () => {
  it("has a schema for every recorded payload", () => {
    expect([...musicBrainzFixtureFiles()].sort()).toEqual(Object.keys(schemaFor).sort())
  })

  for (const [file, schema] of Object.entries(schemaFor)) {
    it(`decodes ${file}`, () => {
      expect(() => decode(schema, file)).not.toThrow()
    })
  }

  it("reads a search answer that omits empty keys as empty values", () => {
    const answer = decode(MbRecordingSearch, "mbrs_search_recording_we-will-rock-you_AND_arid-queen.json")
    const first = answer.recordings[0]!
    expect(first["artist-credit"][0]!.joinphrase).toBe("")
    expect(first.releases[0]!.media[0]!.track[0]!.title).toBe("We Will Rock You")
    expect(first.releases[0]!.media[0]!.tracks).toEqual([])
    const group = decode(MbReleaseGroupSearch, "mbrs_search_release-group_release-Tenance.json")["release-groups"][0]!
    expect(group["secondary-types"]).toEqual([])
    expect(group.score).toBe(100)
  })

  it("reads composer relations on works of a release lookup", () => {
    const release = decode(MbRelease, "mbrs_lookup_release_987f3e2d_rels-work-level.json")
    const work = release.media[0]!.tracks[0]!.recording!.relations.find((r) => r.type === "performance")!.work!
    expect(work.relations.filter((r) => r.type === "composer").map((r) => r.artist?.name)).toEqual(["John Luther Adams"])
  })

  it("reads label-info with a null label and a null catalogue number", () => {
    const fragment = decode(
      Schema.Struct({ releases: Schema.Array(Schema.Struct({ "label-info": Schema.Array(MbLabelInfo) })) }),
      "picard_label_info.json"
    )
    expect(fragment.releases[1]!["label-info"][0]!["catalog-number"]).toBeNull()
    expect(fragment.releases[3]!["label-info"][0]!.label).toBeNull()
  })

  it("reads the multi-resource url envelope", () => {
    const list = decode(MbUrlList, "mbserver-testsuite_lookup_url_multi-resource_inc-artist-rels-release-rels.json")
    expect(list["url-count"]).toBe(2)
    expect(list.urls.map((u) => u.relations.length)).toEqual([3, 1])
  })
})
