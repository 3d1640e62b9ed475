import { Command } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { LINER_VERSION } from "@liner/core"
import { Effect, Layer } from "effect"
import { dbCommand } from "./commands/db.js"
import { labelCommand, labelLayer } from "./commands/label.js"
import { scrapeCommand } from "./commands/scrape.js"
import { soundtrackCommand } from "./commands/soundtrack.js"
import { stageCommand } from "./commands/stage.js"
import { storeLayer } from "./layers.js"
import { withPlainConsoleWhenPiped } from "./plain-console.js"
import { exitCodeOfCause } from "./report-failure.js"

const root = Command.make("liner").pipe(
  Command.withDescription("Liner finds the music credits a media pipeline needs: film soundtracks, track labels."),
  Command.withSubcommands([
    soundtrackCommand,
    dbCommand.pipe(Command.provide(storeLayer)),
    labelCommand.pipe(Command.provide((flags) => labelLayer(flags).pipe(Layer.provideMerge(storeLayer)))),
    stageCommand,
    scrapeCommand
  ])
)

const cli = Command.run(root, { name: "liner", version: LINER_VERSION })

const program = Effect.suspend(() => cli(process.argv)).pipe(
  withPlainConsoleWhenPiped,
  Effect.provide(NodeContext.layer),
  Effect.catchAllCause((cause) => exitCodeOfCause(cause).pipe(Effect.map((code) => void (process.exitCode = code))))
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(exit._tag === "Failure" ? 130 : Number(process.exitCode ?? 0))
})
