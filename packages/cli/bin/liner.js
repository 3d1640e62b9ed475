#!/usr/bin/env node
// The binary's entry before bin/liner.cjs, kept so that scripts running `node …/bin/liner.js` work on.
import "./liner.cjs"
