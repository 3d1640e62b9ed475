/**
 * Opens a file in the user's browser with the system's opener (`open` on macOS, `xdg-open`
 * elsewhere). No opener, or one that fails, is a message, not a failure: the page is written.
 */
import { Effect } from "effect"

// Imported when a page is opened: loading child_process (and net, dgram under it) at every
// command's start would cost each of them about 7 ms.
const childProcess = Effect.promise(() => import("node:child_process"))

const opener = (): string => (process.platform === "darwin" ? "open" : "xdg-open")

/** Succeeds with null once the opener started, or with the reason it could not. */
export const openInBrowser = (path: string): Effect.Effect<string | null> =>
  Effect.flatMap(childProcess, ({ spawn }) =>
    Effect.async<string | null>((resume) => {
      const command = opener()
      try {
        const child = spawn(command, [path], { detached: true, stdio: "ignore" })
        child.once("error", (error: NodeJS.ErrnoException) =>
          resume(Effect.succeed(error.code === "ENOENT" ? `${command} was not found` : `${command} failed: ${error.code ?? error.message}`))
        )
        child.once("spawn", () => {
          child.unref()
          resume(Effect.succeed(null))
        })
      } catch (error) {
        resume(Effect.succeed(`${command} failed: ${String(error)}`))
      }
    })
  )
