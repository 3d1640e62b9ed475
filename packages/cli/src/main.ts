import { Command } from "@effect/cli"
// The modules themselves, not the package's index: the index also loads the HTTP server and
// undici, a megabyte of code that no command needs (start-up time). For the same reason the CLI
// gets only the services @effect/cli uses (NodeContext adds the command executor and workers).
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { LINER_VERSION } from "@liner/core"
import { Console, Effect, Layer } from "effect"
import { commandTree } from "./command-tree.js"
import { readCommandLine } from "./command-line.js"
import { dbCommand } from "./commands/db.js"
import { labelCommand, labelLayer } from "./commands/label.js"
import { linkageCommand } from "./commands/linkage.js"
import { identifyCommand } from "./commands/identify.js"
import { setsCommand } from "./commands/sets.js"
import { reportCommand } from "./commands/report.js"
import { serveCommand } from "./commands/serve.js"
import { queueCommand } from "./commands/queue.js"
import { scrapeCommand } from "./commands/scrape.js"
import { soundtrackCommand } from "./commands/soundtrack.js"
import { stageCommand } from "./commands/stage.js"
import { contributeCommand } from "./commands/contribute.js"
import { usage } from "./errors.js"
import { renderHelp, usageLine } from "./help.js"
import { storeLayer } from "./layers.js"
import { withPlainConsoleWhenPiped } from "./plain-console.js"
import { exitCodeOfCause } from "./report-failure.js"
import { exitOnSignal } from "./signals.js"
import { excerpt } from "./terminal-safe.js"

const root = Command.make("liner").pipe(
  Command.withDescription("Liner finds the music credits a media pipeline needs: film soundtracks, track labels."),
  Command.withSubcommands([
    soundtrackCommand,
    dbCommand,
    labelCommand.pipe(Command.provide((flags) => labelLayer(flags).pipe(Layer.provideMerge(storeLayer)))),
    stageCommand,
    scrapeCommand,
    queueCommand.pipe(Command.provide(storeLayer)),
    linkageCommand,
    identifyCommand.pipe(Command.provide(storeLayer)),
    setsCommand.pipe(Command.provide(storeLayer)),
    reportCommand.pipe(Command.provide(storeLayer)),
    serveCommand.pipe(Command.provide(storeLayer)),
    contributeCommand.pipe(Command.provide(storeLayer))
  ])
)

const cli = Command.run(root, { name: "liner", version: LINER_VERSION })

/** Liner's own reading of the command line first (unknown options, help), then @effect/cli's. */
const run = Effect.suspend(() => {
  const line = readCommandLine(commandTree(root), process.argv.slice(2))
  switch (line._tag) {
    case "Help":
      return Console.log(renderHelp(line.path, LINER_VERSION))
    case "UnknownOption":
      return Effect.fail(usage(`unknown option ${excerpt(line.option)}\nusage: ${usageLine(line.path)}`))
    case "Run":
      return cli(process.argv)
  }
})

const program = run.pipe(
  withPlainConsoleWhenPiped,
  Effect.provide(Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer)),
  Effect.catchAllCause((cause) => exitCodeOfCause(cause).pipe(Effect.map((code) => void (process.exitCode = code))))
)

const signalled = exitOnSignal()

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(signalled() ?? (exit._tag === "Failure" ? 130 : Number(process.exitCode ?? 0)))
})
