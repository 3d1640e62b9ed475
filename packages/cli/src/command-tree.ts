import { type Command, Usage } from "@effect/cli"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import { Option } from "effect"

/**
 * The shape of @effect/cli's command descriptors, as far as walking them needs: a command, a
 * command mapped by a handler, or a parent with children. @effect/cli has no public way to walk
 * nested subcommands (`getSubcommands` flattens one level); the CLI's tests cover every command,
 * so a change of this shape in @effect/cli shows there at once.
 */
type Node =
  | { readonly _tag: "Standard" | "GetUserInput"; readonly name: string }
  | { readonly _tag: "Map"; readonly command: Node }
  | { readonly _tag: "Subcommands"; readonly parent: Node; readonly children: ReadonlyArray<Node> }

/** One command of the tree: its name, its own options (name → takes a value) and its children. */
export interface CommandNode {
  readonly name: string
  /** The command with its subcommands (for help). */
  readonly descriptor: Descriptor.Command<unknown>
  /** The command alone (for its usage line). */
  readonly own: Descriptor.Command<unknown>
  /** Each option's names (`--year`, `-h`) and whether a value follows it. */
  readonly options: ReadonlyMap<string, boolean>
  readonly children: ReadonlyArray<CommandNode>
}

const own = (node: Node): Node => (node._tag === "Map" ? own(node.command) : node._tag === "Subcommands" ? own(node.parent) : node)
const childrenOf = (node: Node): ReadonlyArray<Node> =>
  node._tag === "Map" ? childrenOf(node.command) : node._tag === "Subcommands" ? node.children : []

const namedOptions = (usage: Usage.Usage, into: Map<string, boolean>): Map<string, boolean> => {
  switch (usage._tag) {
    case "Named":
      for (const name of usage.names) if (name.startsWith("-")) into.set(name, Option.isSome(usage.acceptedValues))
      return into
    case "Optional":
    case "Repeated":
      return namedOptions(usage.usage, into)
    case "Alternation":
    case "Concat":
      return namedOptions(usage.right, namedOptions(usage.left, into))
    default:
      return into
  }
}

const nodeOf = (node: Node): CommandNode => {
  const self = own(node) as unknown as Descriptor.Command<unknown> & { readonly name: string }
  return {
    name: self.name,
    descriptor: node as unknown as Descriptor.Command<unknown>,
    own: self,
    options: namedOptions(Descriptor.getUsage(self), new Map()),
    children: childrenOf(node).map(nodeOf)
  }
}

/** The tree of a command and its subcommands, with the options each accepts. */
export const commandTree = <Name extends string, R, E, A>(command: Command.Command<Name, R, E, A>): CommandNode =>
  nodeOf(command.descriptor as unknown as Node)
