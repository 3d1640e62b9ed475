#!/usr/bin/env node
// Entry of the `liner` binary: the code lives in the built package (npm run build).
import "../dist/main.js"
