// Stands in, in the bundle, for a dependency of a dependency that Liner never calls (see
// bundle.mjs): it is imported at start-up but used only by features Liner does not use.
export {}
