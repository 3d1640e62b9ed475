// C0 controls (but tab and newline), DEL and C1 controls: an escape sequence in a crafted title or
// a scraped label could recolour, move the cursor or rewrite what the user's terminal shows.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

const hex = (ch: string) => `\\x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`

/** Text made safe to print for people: control characters are shown as `\xHH`, never sent raw. */
export const terminalSafe = (text: string): string => text.replace(controls, hex)

/** Whether text holds a control character a terminal would act on (see `terminalSafe`). */
export const hasControlCharacters = (text: string): boolean => {
  controls.lastIndex = 0
  return controls.test(text)
}

/** A value typed by a user or read from a file, cut short enough to quote in a message. */
export const excerpt = (text: string, max = 40): string => {
  const safe = terminalSafe(text)
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe
}
