import type { CommandNode } from "./command-tree.js"

/** What the command line asks for, as far as Liner checks it before @effect/cli parses it. */
export type CommandLine =
  | { readonly _tag: "Run" }
  | { readonly _tag: "Help"; readonly path: ReadonlyArray<CommandNode> }
  | { readonly _tag: "UnknownOption"; readonly option: string; readonly path: ReadonlyArray<CommandNode> }

/** @effect/cli's own options, understood by every command (name → takes a value). */
const builtIns: ReadonlyMap<string, boolean> = new Map([
  ["--help", false],
  ["-h", false],
  ["--version", false],
  ["--wizard", false],
  ["--completions", true],
  ["--log-level", true]
])

const looksLikeOption = (arg: string) => arg.length > 1 && arg.startsWith("-") && !/^-\d/.test(arg)

/**
 * Walks the arguments along the command tree. @effect/cli takes an unknown `--option` as the
 * value of an optional positional argument (`liner soundtrack --bogus-flag` would look up a film
 * called "--bogus-flag"), so every `-x` / `--xyz` must be an option of the command it follows;
 * after `--` everything is an argument. `--help` anywhere asks for the command's help.
 */
export const readCommandLine = (root: CommandNode, args: ReadonlyArray<string>): CommandLine => {
  const path: Array<CommandNode> = [root]
  let help = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ""
    if (arg === "--") break
    const current = path[path.length - 1] ?? root
    const child = current.children.find((c) => c.name === arg)
    if (child !== undefined) {
      path.push(child)
      continue
    }
    if (!looksLikeOption(arg)) continue
    const name = arg.startsWith("--") ? (arg.split("=")[0] ?? arg) : arg
    const takesValue = current.options.get(name) ?? builtIns.get(name)
    if (takesValue === undefined) return { _tag: "UnknownOption", option: name, path }
    if (name === "--help" || name === "-h") help = true
    if (takesValue && !arg.includes("=")) i++
  }
  return help ? { _tag: "Help", path } : { _tag: "Run" }
}
