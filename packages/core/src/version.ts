/** Liner's version, as in every package.json (a test keeps them equal). */
export const LINER_VERSION = "0.1.0"
