import { Console, Effect } from "effect"
import { useColor } from "./output.js"

// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;]*m/g
const plain = (args: ReadonlyArray<unknown>) => args.map((a) => (typeof a === "string" ? a.replace(ansi, "") : a))

/**
 * @effect/cli colours its help and errors whatever the output is; without a terminal (or with
 * NO_COLOR) the escapes are removed, as users of Unix tools expect.
 */
export const withPlainConsoleWhenPiped = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  useColor(process.stdout)
    ? self
    : Effect.consoleWith((console) =>
        Effect.withConsole(self, {
          ...console,
          log: (...args) => console.log(...plain(args)),
          info: (...args) => console.info(...plain(args)),
          error: (...args) => console.error(...plain(args)),
          warn: (...args) => console.warn(...plain(args))
        } satisfies Console.Console)
      )
