import { createHash } from "node:crypto"

/** Lower-case hex SHA-256 of some bytes, as recorded in status.json. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex")
