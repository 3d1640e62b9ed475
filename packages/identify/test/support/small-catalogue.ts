/**
 * A small catalogue written by hand, so that every feature can be counted on paper: one unknown
 * track by its key (t-1), one by its title ("Amber Tide"), and two keyless `ID – ID` plays.
 *
 * Mara Lindqvist and Henrik Bäcklund release on Nightglass; Tomas Ek on Polar Drift. DJ Kairo
 * is no artist; Solenne Marchetti releases on Polar Drift.
 */
import type { SetCells } from "./world-store.js"

export const smallCatalogue: ReadonlyArray<SetCells> = [
  // s1, played by Mara Lindqvist herself.
  { set_id: "s1", dj: "Mara Lindqvist", position: 1, artist: "Henrik Bäcklund", title: "Nordlicht", label: "Nightglass Records" },
  { set_id: "s1", dj: "Mara Lindqvist", position: 2, artist: "ID", title: "ID", track_key: "t-1" },
  { set_id: "s1", dj: "Mara Lindqvist", position: 3, artist: "Mara Lindqvist", title: "Velvet Static", label: "Nightglass Records" },
  { set_id: "s1", dj: "Mara Lindqvist", position: 4, artist: "ID", title: "ID" },
  { set_id: "s1", dj: "Mara Lindqvist", position: 5, artist: "Solenne Marchetti", title: "Faro", label: "Polar Drift" },
  // s2, back to back: Henrik Bäcklund & DJ Kairo.
  { set_id: "s2", dj: "Henrik Bäcklund & DJ Kairo", position: 1, artist: "Mara Lindqvist", title: "Glass Hours", label: "Nightglass" },
  { set_id: "s2", dj: "Henrik Bäcklund & DJ Kairo", position: 2, artist: "Unknown Artist", title: "ID", track_key: "t-1" },
  { set_id: "s2", dj: "Henrik Bäcklund & DJ Kairo", position: 3, artist: "Tomas Ek", title: "Ferry", label: "Polar Drift" },
  { set_id: "s2", dj: "Henrik Bäcklund & DJ Kairo", position: 4, artist: "ID", title: "ID" },
  // s3 and s4: "Amber Tide" by an unknown artist, once with a version.
  { set_id: "s3", dj: "DJ Kairo", position: 1, artist: "Mara Lindqvist", title: "Night Ferry", label: "Nightglass Records" },
  { set_id: "s3", dj: "DJ Kairo", position: 2, artist: "ID", title: "Amber Tide" },
  { set_id: "s3", dj: "DJ Kairo", position: 3, artist: "Henrik Bäcklund", title: "Nordlicht", label: "Nightglass Records" },
  { set_id: "s4", dj: "Solenne Marchetti", position: 1, artist: "Tomas Ek", title: "Ferry", label: "Polar Drift" },
  { set_id: "s4", dj: "Solenne Marchetti", position: 2, artist: "Unknown", title: "Amber Tide (Extended Mix)" },
  { set_id: "s4", dj: "Solenne Marchetti", position: 3, artist: "Mara Lindqvist", title: "Velvet Static" },
  // s5: DJ Kairo plays Mara Lindqvist elsewhere.
  { set_id: "s5", dj: "DJ Kairo", position: 1, artist: "Mara Lindqvist", title: "Velvet Static", label: "Nightglass Records" },
  { set_id: "s5", dj: "DJ Kairo", position: 2, artist: "Tomas Ek", title: "Ferry", label: "Polar Drift" }
]
