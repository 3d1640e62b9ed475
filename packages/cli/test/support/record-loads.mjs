// `node --import ./record-loads.mjs …`: appends the URL of every module the process loads to the
// file named by LINER_RECORD_LOADS, so a test can see what a command loaded.
import { register } from "node:module"

register("./record-loads-hooks.mjs", import.meta.url)
