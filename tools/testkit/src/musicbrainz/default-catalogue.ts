import { FakeCatalogue, type FakeDjTrack, type FakeFilm, type FakeSongSpec } from "./catalogue.js"

/**
 * The scenarios every package's tests can rely on (all names and IMDb ids are made up):
 *
 * - `linkedHttps` "Dil Ki Raahein" (2011, tt9100001): songs album and a score album, both linked
 *   with the current https IMDb URL. The songs album has four releases: Official IN 2011-05-02
 *   (4 songs + a data track, label "Saregama India", CDF 132456), a Bootleg dated earlier with the
 *   same tracks, a 2-song Promotion, and a 3-song Official XW digital release. Its songs cover
 *   work relations (composer, lyricist, writer), a track without length (the recording has one)
 *   and a track credited only to the composer with the singer as a `vocal` relation.
 * - `linkedHttpOnly` "Pyaar Ka Safar" (2004, tt9100002): linked only with the legacy http URL.
 * - `searchOnly` "Chandni Raat" (2015, tt9100003): no IMDb link; found by title search among
 *   decoys: "Chandni Raat" of 1988 (another film), a remix album, a Various Artists compilation,
 *   and its own score album (reported as an alternative). One release only.
 * - `ambiguous` "Mausam" (2012): two soundtrack release groups of that title and year.
 * - DJ tracks for the label tier: `solarDrift` (official single + official compilation on the
 *   same label, an earlier bootleg on another; and a same-title recording by another artist),
 *   `deepWater` (recording titled "Deep Water (Extended Mix)"), `lostSignal` (two official
 *   releases on the same day on different labels: ambiguous).
 */

const song = (title: string, singers: ReadonlyArray<string>, composers: ReadonlyArray<string>, lyricists: ReadonlyArray<string>, lengthMs: number): FakeSongSpec => ({
  title,
  singers,
  composers,
  lyricists,
  lengthMs
})

export interface DefaultMusicBrainzCatalogue {
  readonly catalogue: FakeCatalogue
  readonly films: {
    readonly linkedHttps: FakeFilm
    readonly linkedHttpOnly: FakeFilm
    readonly searchOnly: FakeFilm
    readonly searchDecoyOtherYear: FakeFilm
    readonly ambiguousA: FakeFilm
    readonly ambiguousB: FakeFilm
  }
  readonly djTracks: {
    readonly solarDrift: FakeDjTrack
    readonly solarDriftOtherArtist: FakeDjTrack
    readonly deepWater: FakeDjTrack
    readonly lostSignal: FakeDjTrack
  }
}

export const defaultMusicBrainzCatalogue = (): DefaultMusicBrainzCatalogue => {
  const catalogue = new FakeCatalogue()

  const linkedHttps = catalogue.addFilm({
    title: "Dil Ki Raahein",
    year: 2011,
    imdbId: "tt9100001",
    album: {
      artists: ["Arjun Mehra"],
      songs: [
        song("Saawan Aaya", ["Kavita Rao", "Rahul Sen"], ["Arjun Mehra"], ["Meera Joshi"], 265_000),
        song("Tere Bina", ["Kavita Rao"], ["Arjun Mehra"], ["Meera Joshi"], 301_000),
        {
          title: "Dhoom Dhadaka",
          singers: ["Rahul Sen", "Vikram Iyer"],
          composers: ["Arjun Mehra"],
          lyricists: ["Meera Joshi", "Sahil Khan"],
          lengthMs: null,
          recordingLengthMs: 198_000
        },
        {
          title: "Raahein (Reprise)",
          singers: ["Nisha Kapoor"],
          creditedTo: ["Arjun Mehra"],
          vocals: ["Nisha Kapoor"],
          composers: ["Arjun Mehra"],
          writers: ["Sahil Khan"],
          lengthMs: 180_000
        }
      ],
      releases: [
        { status: "Official", date: "2011-05-02", country: "IN", label: "Saregama India", catalogNumber: "CDF 132456", dataTrack: true },
        { status: "Bootleg", date: "2011-04-01", country: "XW", dataTrack: true },
        { status: "Promotion", date: "2011-04-20", country: "IN", songCount: 2 },
        { status: "Official", date: "2011-05-02", country: "XW", format: "Digital Media", songCount: 3, label: "Saregama India" }
      ]
    },
    extraAlbums: [
      {
        title: "Dil Ki Raahein (Original Score)",
        artists: ["Arjun Mehra"],
        songs: [
          song("Main Theme", ["Arjun Mehra"], ["Arjun Mehra"], [], 120_000),
          song("Rain Chase", ["Arjun Mehra"], ["Arjun Mehra"], [], 95_000)
        ],
        releases: [{ status: "Official", date: "2011-06-01", country: "XW", format: "Digital Media" }]
      }
    ]
  })

  const linkedHttpOnly = catalogue.addFilm({
    title: "Pyaar Ka Safar",
    year: 2004,
    imdbId: "tt9100002",
    imdbLink: "http",
    album: {
      artists: ["Leela Bhat"],
      songs: [
        song("Safar Shuru", ["Anand Pillai"], ["Leela Bhat"], ["Omkar Das"], 250_000),
        song("Tum Ho", ["Ritu Menon", "Anand Pillai"], ["Leela Bhat"], ["Omkar Das"], 276_000),
        song("Alvida", ["Ritu Menon"], ["Leela Bhat"], ["Omkar Das"], 244_000)
      ],
      releases: [{ status: "Official", date: "2004-02-13", country: "IN", label: "Tips Music" }]
    }
  })

  const searchOnly = catalogue.addFilm({
    title: "Chandni Raat",
    year: 2015,
    imdbId: "tt9100003",
    imdbLink: "none",
    album: {
      artists: ["Farhan Ali"],
      songs: [
        song("Chandni Raat", ["Shreya Nair"], ["Farhan Ali"], ["Gulzar Saab"], 289_000),
        song("Ishq Ka Rang", ["Mohit Verma", "Shreya Nair"], ["Farhan Ali"], ["Gulzar Saab"], 242_000),
        song("Khwab", ["Mohit Verma"], ["Farhan Ali"], ["Gulzar Saab"], 215_000)
      ],
      releases: [{ status: "Official", date: "2015-08-14", country: "IN", label: "Zee Music Company" }]
    },
    extraAlbums: [
      {
        title: "Chandni Raat (Original Score)",
        artists: ["Farhan Ali"],
        songs: [song("Moonlight Theme", ["Farhan Ali"], ["Farhan Ali"], [], 130_000)],
        releases: [{ status: "Official", date: "2015-09-01", country: "XW", format: "Digital Media" }]
      }
    ]
  })

  // Decoys for the search: another film of the same title, a remix album, a compilation.
  const searchDecoyOtherYear = catalogue.addFilm({
    title: "Chandni Raat",
    year: 1988,
    imdbId: "tt9100013",
    album: {
      title: "Chandni Raat",
      artists: ["R. D. Verma"],
      songs: [song("Chandni Raat Mein", ["Lata Devi"], ["R. D. Verma"], ["Anand Bakshi Rao"], 312_000)],
      releases: [{ status: "Official", date: "1988-03-01", country: "IN", format: "Vinyl", label: "HMV" }]
    }
  })
  catalogue.addAlbum(
    {
      title: "Chandni Raat: The Remixes",
      secondaryTypes: ["Soundtrack", "Remix"],
      artists: ["DJ Suketu"],
      songs: [song("Chandni Raat (Club Mix)", ["Shreya Nair"], ["Farhan Ali"], ["Gulzar Saab"], 301_000)],
      releases: [{ status: "Official", date: "2016-01-10", country: "IN", format: "Digital Media" }]
    },
    2016
  )
  catalogue.addAlbum(
    {
      title: "Chandni Raat & Other Romantic Hits",
      secondaryTypes: ["Compilation", "Soundtrack"],
      artists: ["Various Artists"],
      songs: [song("Chandni Raat", ["Shreya Nair"], ["Farhan Ali"], ["Gulzar Saab"], 289_000)],
      releases: [{ status: "Official", date: "2017-02-14", country: "IN" }]
    },
    2017
  )

  const ambiguousA = catalogue.addFilm({
    title: "Mausam",
    year: 2012,
    album: {
      title: "Mausam",
      artists: ["Pritam Dev"],
      songs: [song("Rabba", ["Sufi Singh"], ["Pritam Dev"], ["Irshad Kamil Rao"], 260_000)],
      releases: [{ status: "Official", date: "2012-08-20", country: "IN" }]
    }
  })
  const ambiguousB = catalogue.addFilm({
    title: "Mausam",
    year: 2012,
    album: {
      title: "Mausam (Original Motion Picture Soundtrack)",
      artists: ["Ilaiya Kumar"],
      songs: [song("Mazhai", ["Kavya Raman"], ["Ilaiya Kumar"], ["Vairam Tamil"], 250_000)],
      releases: [{ status: "Official", date: "2012-09-05", country: "IN" }]
    }
  })

  const solarDrift = catalogue.addDjTrack({
    title: "Solar Drift",
    artists: ["Anna Lunoe", "Marco Vesti"],
    joinphrases: [" & ", ""],
    releases: [
      { title: "Solar Drift", status: "Official", date: "2019-03-01", label: "Afterlife Records", catalogNumber: "AL042" },
      {
        title: "Afterlife Presents: Realm of Consciousness",
        status: "Official",
        date: "2019-09-20",
        label: "Afterlife Records",
        catalogNumber: "ALCOMP03",
        primaryType: "Album",
        secondaryTypes: ["Compilation"],
        artists: ["Various Artists"]
      },
      { title: "Solar Drift", status: "Bootleg", date: "2018-12-01", label: "Bootleg Beats", catalogNumber: null }
    ]
  })
  const solarDriftOtherArtist = catalogue.addDjTrack({
    title: "Solar Drift",
    artists: ["The Drifters Collective"],
    releases: [{ status: "Official", date: "2015-01-01", label: "Wrong Label Records", catalogNumber: "WRONG1" }]
  })
  const deepWater = catalogue.addDjTrack({
    title: "Deep Water (Extended Mix)",
    artists: ["Nora Fine"],
    releases: [{ title: "Deep Water", status: "Official", date: "2020-05-15", label: "Anjunadeep", catalogNumber: "ANJDEE450" }]
  })
  const lostSignal = catalogue.addDjTrack({
    title: "Lost Signal",
    artists: ["Orbit Theory"],
    releases: [
      { status: "Official", date: "2018-02-02", label: "Label Alpha", catalogNumber: "ALPHA001" },
      { status: "Official", date: "2018-02-02", label: "Label Beta", catalogNumber: "BETA001" }
    ]
  })

  return {
    catalogue,
    films: { linkedHttps, linkedHttpOnly, searchOnly, searchDecoyOtherYear, ambiguousA, ambiguousB },
    djTracks: { solarDrift, solarDriftOtherArtist, deepWater, lostSignal }
  }
}

const GENERATED_TITLES = [
  "Baarish Ki Dhun", "Sitara Express", "Junoon E Ishq", "Roshni Ka Shehar", "Khamoshi Ke Geet", "Taqdeer Ka Khel",
  "Patang Baaz", "Samundar Paar", "Ghunghroo Ki Awaaz", "Basanti Hawa", "Chakravyuh Returns", "Mitti Ki Khushboo",
  "Neela Aasmaan", "Jugnu Raja", "Pehli Barsaat", "Sapnon Ka Mela", "Dhadkan Express", "Kagaz Ki Kashti",
  "Suraj Mukhi", "Tara Rum Pum Pum", "Lal Dupatta", "Bandish Band", "Mehfil E Raat", "Akhri Safar"
]

/**
 * Adds `count` made-up films, each with an https IMDb link (tt95000001…), four songs with work
 * relations, and one official release: for benchmarks and multi-film tests.
 */
export const addGeneratedFilms = (catalogue: FakeCatalogue, count: number): ReadonlyArray<FakeFilm> =>
  Array.from({ length: count }, (_, i) => {
    const base = GENERATED_TITLES[i % GENERATED_TITLES.length]!
    const round = Math.floor(i / GENERATED_TITLES.length)
    const title = round === 0 ? base : `${base} ${round + 1}`
    const year = 1990 + (i % 30)
    const composer = `Composer ${String.fromCharCode(65 + (i % 26))}${i}`
    const lyricist = `Lyricist ${String.fromCharCode(65 + ((i + 7) % 26))}${i}`
    return catalogue.addFilm({
      title,
      year,
      imdbId: `tt95${String(i + 1).padStart(6, "0")}`,
      album: {
        artists: [composer],
        songs: Array.from({ length: 4 }, (_, j) =>
          song(`${title} Song ${j + 1}`, [`Singer ${i}-${j}`], [composer], [lyricist], 200_000 + 1_000 * j)
        ),
        releases: [{ status: "Official", date: `${year}-06-01`, country: "IN", label: "Generated Records" }]
      }
    })
  })
