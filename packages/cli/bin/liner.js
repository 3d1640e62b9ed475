#!/usr/bin/env node
// Entry of the `liner` binary: the code is the built, bundled CLI (npm run build).
import "../dist/liner.mjs"
